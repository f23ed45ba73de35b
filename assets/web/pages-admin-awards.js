/* pages-admin-awards.js: the admin page's dashboard (at its top), the judges'
   comments to publish, and the objections to answer. pages-admin.js places
   them (P.adminDashboard, P.adminCommentsPanel, P.adminObjectionsPanel). */
(function () {
  'use strict';
  const P = window.Poster;

  const STATES = ['submitted', 'approved', 'changes_requested', 'rejected', 'withdrawn', 'disqualified'];

  function panel(title, testid) {
    return P.el('section', { class: 'panel', testid: testid }, P.el('h2', {}, title), Array.prototype.slice.call(arguments, 2));
  }

  function stat(label, value, testid) {
    return P.el('div', { class: 'stat', testid: testid }, P.el('dt', {}, label), P.el('dd', { class: 'stat-value' }, String(value)));
  }

  /* ---------- Dashboard ---------- */

  function turnoutText(t) {
    const percent = t.eligible_voters ? Math.round(100 * t.distinct_voters / t.eligible_voters) : 0;
    return P.t('dash.turnout_value', { voters: t.distinct_voters, eligible: t.eligible_voters, percent: percent });
  }

  function judgeRow(j) {
    return P.el('li', { testid: 'dash-judge', dataset: { judge: j.judge, scored: String(j.scored), assigned: String(j.assigned) } },
      P.el('span', {}, j.name + (j.department ? ' (' + j.department + ')' : '')), ' ',
      P.el('strong', {}, P.t('dash.judge_progress', { scored: j.scored, assigned: j.assigned })));
  }

  function outboxLabel(key) {
    const label = P.t('dash.outbox_' + key);
    return label === 'dash.outbox_' + key ? key : label;
  }

  // The mail outbox's counts (GET /api/admin/outbox), when the server has them. (GET /api/admin/outbox), when the server has it.
  async function outboxArea(box) {
    try {
      const data = await P.api.get('/api/admin/outbox');
      const counts = data.counts || data.summary || data;
      const numbers = Object.keys(counts).filter(function (k) { return typeof counts[k] === 'number'; });
      P.put(box, numbers.length
        ? P.el('dl', { class: 'stats' }, numbers.map(function (k) { return stat(outboxLabel(k), counts[k], 'dash-outbox-' + k); }))
        : P.el('p', { class: 'muted' }, P.t('dash.outbox_none')));
    } catch (err) {
      P.put(box, P.el('p', { class: 'muted', testid: 'dash-outbox-placeholder' }, P.t('dash.outbox_none')));
    }
  }

  function dashboardBody(d) {
    const outbox = P.el('div', { testid: 'dash-outbox' });
    outboxArea(outbox);
    return [
      P.el('dl', { class: 'stats', testid: 'dash-entries' }, STATES.map(function (s) {
        return stat(P.statusLabel(s), (d.entries_by_state || {})[s] || 0, 'dash-state-' + s);
      })),
      P.el('dl', { class: 'stats' },
        stat(P.t('dash.review_queue'), d.review_queue, 'dash-review-queue'),
        stat(P.t('dash.votes_cast'), d.turnout.votes_cast, 'dash-votes'),
        stat(P.t('dash.turnout'), turnoutText(d.turnout), 'dash-turnout'),
        stat(P.t('dash.objections'), P.t('dash.objections_value', d.objections), 'dash-objections'),
        stat(P.t('dash.comments'), P.t('dash.comments_value', d.comments), 'dash-comments')),
      P.el('h3', {}, P.t('dash.judges')),
      (d.judges || []).length ? P.el('ul', { class: 'plain-list' }, d.judges.map(judgeRow)) : P.el('p', { class: 'muted' }, P.t('dash.no_judges')),
      P.el('h3', {}, P.t('dash.outbox')), outbox];
  }

  P.adminDashboard = function () {
    const box = P.el('div', {}, P.loading());
    P.api.get('/api/admin/dashboard').then(function (d) { P.put(box, dashboardBody(d)); },
      function (err) { P.put(box, P.errorBox(err)); });
    return panel(P.t('dash.title'), 'admin-dashboard', box);
  };

  /* ---------- Judges' comments ---------- */

  function commentItem(c, repaint) {
    const button = P.button(P.t(c.published ? 'comments.withdraw' : 'comments.publish'), {
      class: 'btn btn-small ' + (c.published ? 'btn-quiet' : 'btn-primary'), testid: 'comment-toggle',
    });
    const out = P.el('span', { 'aria-live': 'polite' });
    button.addEventListener('click', function () {
      P.busy(button, out, async function () {
        repaint(await P.api.post('/api/admin/comments/publish', { judge: c.judge, entry: c.entry, publish: !c.published }));
      });
    });
    const edited = c.published && c.published_text !== c.text;
    return P.el('li', { class: 'comment-item', testid: 'admin-comment', dataset: { entry: String(c.entry), judge: c.judge, published: c.published ? 'true' : 'false' } },
      P.el('p', {}, P.el('strong', {}, '#' + c.entry + ' ' + c.title), ' · ', c.judge_name),
      P.el('p', { class: 'pre' }, c.text),
      edited ? P.notice('warn', P.t('comments.edited', { text: c.published_text })) : null,
      P.el('p', {}, P.el('span', { class: 'status ' + (c.published ? 'status-approved' : 'status-withdrawn') }, P.t(c.published ? 'comments.published' : 'comments.unpublished')), ' ', button, out));
  }

  P.adminCommentsPanel = function () {
    const box = P.el('div', {}, P.loading());
    function repaint(data) {
      const list = data.comments || [];
      P.put(box, list.length ? P.el('ul', { class: 'plain-list' }, list.map(function (c) { return commentItem(c, repaint); })) : P.el('p', { class: 'muted' }, P.t('comments.none')));
    }
    P.api.get('/api/admin/comments').then(repaint, function (err) { P.put(box, P.errorBox(err)); });
    return panel(P.t('comments.title'), 'admin-comments', P.el('p', { class: 'hint' }, P.t('comments.hint')), box);
  };

  /* ---------- Objections ---------- */

  function objectionItem(o, reload) {
    const answer = P.el('textarea', { rows: 2, maxlength: 2000, testid: 'objection-answer', value: o.answer || '' });
    const send = P.button(P.t(o.answered ? 'objections.answer_again' : 'objections.answer'), { class: 'btn btn-small btn-primary', testid: 'objection-answer-send' });
    const out = P.el('div', { 'aria-live': 'polite' });
    send.addEventListener('click', function () {
      if (!answer.value.trim()) { answer.focus(); return; }
      P.busy(send, out, async function () {
        await P.api.post('/api/admin/objections/' + o.id + '/answer', { answer: answer.value.trim() });
        await reload();
      });
    });
    return P.el('li', { class: 'objection', testid: 'admin-objection', dataset: { id: String(o.id), answered: o.answered ? 'true' : 'false' } },
      P.el('p', {}, P.el('strong', {}, '#' + o.entry + ' ' + o.title), ' · ', o.filer_name + (o.filer_department ? ' (' + o.filer_department + ')' : ''), ' · ', P.el('span', { class: 'muted' }, P.localTime(o, 'filed_at'))),
      P.el('p', { class: 'pre' }, o.text),
      P.field(P.t('objections.answer_label'), answer), P.el('div', { class: 'actions' }, send), out);
  }

  P.adminObjectionsPanel = function () {
    const box = P.el('div', {}, P.loading());
    async function reload() {
      try {
        const list = (await P.api.get('/api/admin/objections')).objections || [];
        P.put(box, list.length ? P.el('ul', { class: 'plain-list' }, list.map(function (o) { return objectionItem(o, reload); })) : P.el('p', { class: 'muted' }, P.t('objections.none')));
      } catch (err) { P.put(box, P.errorBox(err)); }
    }
    reload();
    return panel(P.t('objections.title'), 'admin-objections', box);
  };
})();
