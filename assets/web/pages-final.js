/* pages-final.js: the pairwise final for a judge (#/judge/final): the two
   posters the server chose, on the sides it chose, side by side (one above
   the other on a phone), and four answers: the left is better, the right is
   better, about the same, or pass. The next pair follows at once, until the
   judge has none left. The judge never sees the standing. The admin's panel
   (P.adminFinalPanel, placed by pages-admin.js) opens the final on the
   finalists named, shows every answer's standing, and closes it. */
(function () {
  'use strict';
  const P = window.Poster;

  function side(entry, which) {
    return P.el('figure', { class: 'final-side', testid: 'final-' + which, dataset: { entry: String(entry.entry) } },
      P.el('div', { class: 'poster-large' }, P.posterImage(entry, { sizes: '(max-width: 700px) 100vw, 45vw', eager: true })),
      P.el('figcaption', {},
        P.el('span', { class: 'final-side-label' }, P.t('final.' + which)), ' ',
        P.el('strong', {}, entry.title), ' ', P.el('span', { class: 'muted' }, '#' + entry.entry)));
  }

  function answerButtons(pair, out, onAnswer) {
    const choices = [['left', 'btn-primary'], ['right', 'btn-primary'], ['even', ''], ['skip', 'btn-quiet']];
    return P.el('div', { class: 'actions final-answers' }, choices.map(function (choice) {
      const button = P.el('button', { type: 'button', class: 'btn ' + choice[1], testid: 'final-answer-' + choice[0] },
        P.t('final.answer_' + choice[0]));
      button.addEventListener('click', function () {
        P.busy(button, out, async function () {
          onAnswer(await P.api.post('/api/judge/pair', {
            left: pair.left.entry, right: pair.right.entry, outcome: choice[0] }));
        });
      });
      return button;
    }));
  }

  function progress(data) {
    const final = data.final;
    return P.el('p', { class: 'judge-progress' }, P.t('final.progress'), ' ',
      P.el('strong', { testid: 'final-answered' }, String(final.answered)));
  }

  function show(view, data) {
    const back = P.el('p', { class: 'actions' },
      P.el('a', { href: '#/judge', class: 'btn btn-quiet' }, P.t('judge.back')));
    if (!data.final) { P.put(view, P.heading(P.t('final.title')), P.notice('info', P.t('final.none'), 'final-none'), back); return; }
    if (!data.pair) {
      const done = data.final.closed ? P.t('final.closed') : P.t('final.done');
      P.put(view, P.heading(P.t('final.title')), progress(data), P.notice('ok', done, 'final-done'), back);
      return;
    }
    const out = P.el('div', { 'aria-live': 'polite', testid: 'final-message' });
    P.put(view, P.heading(P.t('final.title')),
      P.el('p', { class: 'muted' }, P.t('final.intro')), progress(data),
      P.el('div', { class: 'final-pair', testid: 'final-pair' }, side(data.pair.left, 'left'), side(data.pair.right, 'right')),
      answerButtons(data.pair, out, function (next) { show(view, next); }), out, back);
  }

  /* ---------- The admin's panel ---------- */

  function standing(final) {
    const head = ['final.rank', 'final.entry', 'final.strength', 'final.wins', 'final.answers'];
    return P.el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': P.t('final.title') },
      P.el('table', { class: 'data-table', testid: 'final-standing' },
        P.el('thead', {}, P.el('tr', {}, head.map(function (k) { return P.el('th', { scope: 'col' }, P.t(k)); }))),
        P.el('tbody', {}, final.order.map(function (row) {
          return P.el('tr', { testid: 'final-row', dataset: { entry: String(row.entry) } },
            P.el('td', { class: 'num' }, String(row.rank)), P.el('td', {}, '#' + row.entry),
            P.el('td', { class: 'num' }, Number(row.strength).toFixed(2)),
            P.el('td', { class: 'num' }, String(row.wins)), P.el('td', { class: 'num' }, String(row.answers)));
        }))));
  }

  function openForm(box) {
    const entries = P.el('input', { type: 'text', inputmode: 'numeric', testid: 'final-finalists', placeholder: '3, 5, 8' });
    const seed = P.el('input', { type: 'text', testid: 'final-seed', value: '' });
    const out = P.el('div', { 'aria-live': 'polite' });
    const send = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'final-open-send' }, P.t('final.open_send'));
    const form = P.el('form', { class: 'form', novalidate: true },
      P.field(P.t('final.finalists'), entries, P.t('final.finalists_hint')),
      P.field(P.t('final.seed'), seed, P.t('final.seed_hint')), out, P.el('div', { class: 'actions' }, send));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      const ids = entries.value.split(/[\s,]+/).filter(Boolean).map(Number);
      P.busy(send, out, async function () {
        const body = { finalists: ids };
        if (seed.value.trim()) body.seed = seed.value.trim();
        const opened = await P.api.post('/api/admin/final', body);
        P.put(box, finalBody(box, opened.final));
      });
    });
    return form;
  }

  function finalBody(box, final) {
    if (!final) return [P.el('p', { class: 'hint' }, P.t('final.admin_hint')), openForm(box)];
    const out = P.el('div', { 'aria-live': 'polite' });
    const close = final.closed_at ? null : P.el('button', { type: 'button', class: 'btn', testid: 'final-close' }, P.t('final.close'));
    if (close) {
      close.addEventListener('click', function () {
        P.busy(close, out, async function () { P.put(box, finalBody(box, (await P.api.post('/api/admin/final/close', {})).final)); });
      });
    }
    return [P.el('p', { testid: 'final-summary' },
      P.t(final.closed_at ? 'final.summary_closed' : 'final.summary_open',
        { finalists: final.finalists.map(function (id) { return '#' + id; }).join(', '), answers: final.answers.length })),
    standing(final), out, close ? P.el('p', { class: 'actions' }, close) : null];
  }

  P.adminFinalPanel = function () {
    const box = P.el('div', {}, P.loading());
    P.api.get('/api/admin/final').then(function (d) { P.put(box, finalBody(box, d.final)); },
      function (err) { P.put(box, P.errorBox(err)); });
    return P.el('section', { class: 'panel', testid: 'admin-final' }, P.el('h2', {}, P.t('final.title')), box);
  };

  P.renderFinal = async function (view) {
    P.setTitle(P.t('final.title'));
    P.add(view, P.heading(P.t('final.title')), P.loading());
    show(view, await P.api.get('/api/judge/pair'));
  };
})();
