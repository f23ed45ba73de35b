/* pages-citizens.js: citizens' choice on the results page (issue 12): the
   시민 인기상, apart from the tiers, with the likes it won by. The award's
   name comes with the results (the config's [citizens] award_name). */
(function () {
  'use strict';
  const P = window.Poster;

  function winner(row, card) {
    return P.el('li', { class: ['card', 'winner'], testid: 'results-citizens-winner', dataset: { entry: String(row.entry) } },
      P.el('a', { href: '#/entry/' + row.entry, class: 'card-link' },
        card ? P.el('div', { class: 'card-image' }, P.posterImage(card, { sizes: '(max-width: 700px) 50vw, 300px' })) : null,
        P.el('div', { class: 'card-body' },
          P.el('h3', { class: 'card-title' }, row.title),
          P.el('p', { class: 'card-meta' }, row.author_name || '', row.department ? ' (' + row.department + ')' : ''))));
  }

  // The section for `table.citizens_choice`, or nothing when it is not given.
  P.citizensChoiceSection = function (table, cards) {
    const choice = table.citizens_choice;
    if (!choice || !(choice.winners || []).length) return null;
    return P.el('section', { class: 'tier', testid: 'results-citizens' },
      P.el('h2', { class: 'tier-title' }, P.pick(choice, 'name'),
        P.el('span', { class: 'tier-count' }, P.t('citizens.likes', { count: choice.likes }))),
      P.el('p', { class: 'muted' }, P.t('citizens.hint')),
      P.el('ul', { class: 'winner-grid' }, choice.winners.map(function (row) {
        return winner(row, cards.get(row.entry));
      })));
  };
})();
