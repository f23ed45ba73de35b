/* pages-final.js: the pairwise final for a judge (#/judge/final): the two
   posters the server chose, on the sides it chose, side by side (one above
   the other on a phone), and four answers: the left is better, the right is
   better, about the same, or pass. The next pair follows at once, until the
   judge has none left. The judge never sees the standing. */
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

  P.renderFinal = async function (view) {
    P.setTitle(P.t('final.title'));
    P.add(view, P.heading(P.t('final.title')), P.loading());
    show(view, await P.api.get('/api/judge/pair'));
  };
})();
