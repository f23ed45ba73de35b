/* pages-help.js: the help page (#/help), for everyone: the contest's rules
   (공모 요강) read from the contest's config through /api/contest (name,
   phases with dates, themes, entries per author, votes per voter, judging
   criteria and weights, tiers, [contest] rules), how to take part, privacy,
   and whom to ask ([contest] contact). */
(function () {
  'use strict';
  const P = window.Poster;

  const PHASES = ['submission', 'review', 'voting', 'judging', 'results'];

  function section(title, testid) {
    const body = Array.prototype.slice.call(arguments, 2);
    return P.el('section', { testid: testid }, P.el('h2', {}, title), body);
  }

  function phaseWhen(p) {
    if (!p || !p.start) return P.t('help.phase_by_hand');
    if (!p.end) return P.t('help.phase_open_end', { start: P.formatDate(p.start) });
    return P.t('help.phase_dates', { start: P.formatDate(p.start), end: P.formatDate(p.end) });
  }

  function calendar() {
    return P.el('dl', { testid: 'help-calendar' }, PHASES.map(function (name) {
      return [P.el('dt', {}, P.t('phase.' + name)), P.el('dd', {}, phaseWhen(P.phase(name)))];
    }));
  }

  function rules(c) {
    const text = P.pick(c, 'rules_text');
    return section(P.t('help.rules'), 'help-rules',
      text ? P.el('p', { class: 'pre' }, text) : null,
      P.el('h3', {}, P.t('help.calendar')), calendar(),
      P.el('h3', {}, P.t('help.themes')),
      P.el('ul', {}, (c.themes || []).map(function (t) { return P.el('li', {}, P.pick(t, 'name')); })),
      P.el('ul', {},
        P.el('li', { testid: 'help-entries' }, P.t('help.entries', { count: c.entries_per_author })),
        P.el('li', { testid: 'help-votes' }, P.t('help.votes', { count: c.votes_per_voter }))),
      P.el('h3', {}, P.t('help.criteria')),
      P.el('dl', { testid: 'help-criteria' }, (c.criteria || []).map(function (k) {
        return [P.el('dt', {}, P.pick(k, 'name')), P.el('dd', {}, P.t('help.weight', { weight: k.weight }))];
      })),
      P.el('h3', {}, P.t('help.tiers')),
      P.el('dl', { testid: 'help-tiers' }, (c.tiers || []).map(function (t) {
        return [P.el('dt', {}, P.pick(t, 'name')), P.el('dd', {}, P.t('help.tier_count', { count: t.count }))];
      })));
  }

  function renderHelp(view) {
    const c = P.state.contest || {};
    P.setTitle(P.t('help.title'));
    const contact = P.pick(c, 'contact');
    P.add(view, P.el('div', { class: 'help-page', testid: 'help-page' },
      P.heading(P.t('help.title')),
      P.el('p', { class: 'lead' }, P.pick(c, 'name')),
      rules(c),
      section(P.t('help.how'), 'help-how', P.el('ol', {}, [1, 2, 3, 4, 5].map(function (n) {
        return P.el('li', {}, P.t('help.how_' + n));
      }))),
      section(P.t('help.privacy'), 'help-privacy', P.el('p', {}, P.t('help.privacy_text'))),
      section(P.t('help.contact'), 'help-contact', P.el('p', { testid: 'help-contact-text' }, contact || P.t('help.contact_none')))));
  }

  P.route('help', renderHelp, {});
})();
