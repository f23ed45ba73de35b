/* pages-notices.js: notices by e-mail. The forgotten password (#/forgot),
   a person's choice of optional notices (#/notices), and the admin's outbox
   panel (P.outboxPanel, shown on #/admin). */
(function () {
  'use strict';
  const P = window.Poster;

  /* ---------- Forgotten password ---------- */

  function renderForgot(view) {
    P.setTitle(P.t('forgot.title'));
    if (P.isStatic) { P.add(view, P.notice('info', P.t('static.signin_hidden'))); return; }
    const id = P.input({ testid: 'forgot-id', autocomplete: 'username', required: true, autocapitalize: 'characters', spellcheck: 'false' });
    const submit = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'forgot-submit' }, P.t('forgot.submit'));
    const out = P.el('div', { testid: 'forgot-result', 'aria-live': 'polite' });
    const form = P.el('form', { class: 'form form-narrow', novalidate: true },
      P.heading(P.t('forgot.title')),
      P.el('p', {}, P.t('forgot.intro')),
      P.field(P.t('signin.employee_id'), id),
      out, P.el('div', { class: 'actions' }, submit,
        P.el('a', { href: '#/signin', class: 'btn btn-quiet' }, P.t('signin.title'))));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!id.value.trim()) { id.focus(); return; }
      P.busy(submit, out, async function () {
        await P.api.post('/api/auth/forgot', { employee_id: id.value.trim() });
        P.put(out, P.notice('ok', P.t('forgot.sent'), 'forgot-sent'));
      });
    });
    P.add(view, form);
    id.focus();
  }

  // The link under the sign-in form.
  P.forgotLink = function () {
    return P.el('p', { class: 'hint' },
      P.el('a', { href: '#/forgot', testid: 'signin-forgot' }, P.t('signin.forgot')));
  };

  /* ---------- A person's notices ---------- */

  async function renderNotices(view) {
    P.setTitle(P.t('notices.title'));
    P.add(view, P.loading());
    const mine = await P.api.get('/api/me/notices');
    const box = P.el('input', { type: 'checkbox', testid: 'notices-optional', checked: !!mine.optional });
    const out = P.el('div', { testid: 'notices-result', 'aria-live': 'polite' });
    box.addEventListener('change', function () {
      P.busy(box, out, async function () {
        const saved = await P.api.post('/api/me/notices', { optional: box.checked });
        P.put(out, P.notice('ok', P.t(saved.optional ? 'notices.on' : 'notices.off'), 'notices-saved'));
      });
    });
    P.put(view, P.heading(P.t('notices.title')),
      P.el('div', { class: 'form form-narrow' },
        P.el('p', {}, P.t('notices.intro')),
        P.el('label', { class: 'check' }, box, ' ', P.t('notices.optional')),
        P.el('p', { class: 'hint' }, P.t('notices.always')), out));
  }

  /* ---------- The admin's outbox ---------- */

  function outboxRow(m, reload) {
    const resend = m.state === 'failed'
      ? P.button(P.t('outbox.resend'), { class: 'btn btn-small btn-quiet', testid: 'outbox-resend', events: { click: function (e) {
          P.busy(e.currentTarget, reload.out, async function () { await P.api.post('/api/admin/outbox/' + m.id + '/resend', {}); await reload(); });
        } } })
      : null;
    return P.el('tr', { dataset: { state: m.state } },
      P.el('td', {}, P.t('outbox.state_' + m.state)),
      P.el('td', {}, P.t('outbox.kind_' + m.kind)),
      P.el('td', {}, m.recipient || m.channel),
      P.el('td', { class: 'outbox-subject' }, m.subject),
      P.el('td', {}, String(m.attempts)),
      P.el('td', { class: 'outbox-error' }, m.last_error), P.el('td', {}, resend));
  }

  P.outboxPanel = function () {
    const list = P.el('div', { testid: 'outbox-list' });
    const out = P.el('div', { class: 'output', testid: 'outbox-output', 'aria-live': 'polite' });
    const reload = async function () {
      const data = await P.api.get('/api/admin/outbox');
      const c = data.counts;
      const head = P.el('thead', {}, P.el('tr', {}, ['state', 'kind', 'to', 'subject', 'attempts', 'error', 'action'].map(function (k) {
        return P.el('th', { scope: 'col' }, P.t('outbox.col_' + k));
      })));
      P.put(list,
        P.el('p', { testid: 'outbox-counts' }, P.t(data.enabled ? 'outbox.counts' : 'outbox.disabled', c)),
        data.messages.length ? P.el('div', { class: 'table-wrap' }, P.el('table', { class: 'table' }, head,
          P.el('tbody', {}, data.messages.map(function (m) { return outboxRow(m, reload); })))) : null);
    };
    reload.out = out;
    P.busy(P.el('button'), out, reload);
    return P.el('section', { class: 'panel', testid: 'admin-outbox' }, P.el('h2', {}, P.t('outbox.title')), list, out);
  };

  P.route('forgot', renderForgot);
  P.route('notices', renderNotices, { auth: true });
})();
