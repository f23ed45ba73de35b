/* pages-admin-judging.js: the admin's judging preview (issue 11): each judge's
   scores against the position each entry had in their own order (the
   order-effect check), and every recusal with its reason. pages-admin.js
   places it (P.adminJudgingPanel). */
(function () {
  'use strict';
  const P = window.Poster;

  function number(value, digits) {
    return value === null || value === undefined ? '–' : Number(value).toFixed(digits);
  }

  // |ρ| of 0.5 or more over at least 6 scores is worth a look.
  function flagged(j) { return j.spearman !== null && Math.abs(j.spearman) >= 0.5 && j.scored >= 6; }

  function judgeRow(j) {
    return P.el('tr', { testid: 'order-effect', dataset: { judge: j.judge, flagged: flagged(j) ? 'true' : 'false' } },
      P.el('td', {}, (j.name || j.judge) + (flagged(j) ? ' ⚠' : '')),
      P.el('td', { class: 'num' }, j.scored + '/' + j.assigned),
      P.el('td', { class: 'num', testid: 'order-spearman' }, number(j.spearman, 2)),
      P.el('td', { class: 'num' }, number(j.first_half_mean, 1)),
      P.el('td', { class: 'num' }, number(j.second_half_mean, 1)));
  }

  function effectsTable(judges) {
    if (!judges.length) return P.el('p', { class: 'muted' }, P.t('dash.no_judges'));
    const head = ['order.judge', 'order.scored', 'order.spearman', 'order.first_half', 'order.second_half'];
    return P.el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': P.t('order.title') },
      P.el('table', { class: 'data-table', testid: 'order-effects' },
        P.el('thead', {}, P.el('tr', {}, head.map(function (k) { return P.el('th', { scope: 'col' }, P.t(k)); }))),
        P.el('tbody', {}, judges.map(judgeRow))));
  }

  function recusalItem(r) {
    return P.el('li', { testid: 'admin-recusal', dataset: { entry: String(r.entry), judge: r.judge } },
      P.el('strong', {}, '#' + r.entry + ' ' + r.title), ' · ', r.judge_name || r.judge, ' · ',
      P.el('span', { class: 'muted' }, P.localTime(r, 'recused_at')),
      P.el('p', { class: 'pre' }, r.reason));
  }

  function body(data) {
    const recusals = data.recusals || [];
    return [P.el('p', { class: 'hint' }, P.t('order.hint')), effectsTable(data.judges || []),
      P.el('h3', {}, P.t('order.recusals')),
      recusals.length ? P.el('ul', { class: 'plain-list' }, recusals.map(recusalItem)) : P.el('p', { class: 'muted' }, P.t('order.no_recusals'))];
  }

  P.adminJudgingPanel = function () {
    const box = P.el('div', {}, P.loading());
    P.api.get('/api/admin/judging').then(function (d) { P.put(box, body(d)); },
      function (err) { P.put(box, P.errorBox(err)); });
    return P.el('section', { class: 'panel', testid: 'admin-judging' }, P.el('h2', {}, P.t('order.title')), box);
  };
})();
