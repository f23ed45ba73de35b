/* pages-judge.js: a judge's list with progress (#/judge), in their own order
   (the server draws it per judge), and one entry scored on the rubric
   (#/judge/ID): the poster large beside one 1–10 input per criterion, and the
   recusal form (이해관계 신고) while it is unscored; #/judge/final is the
   pairwise final (pages-final.js). */
(function () {
  'use strict';
  const P = window.Poster;

  function scored(task) { return Array.isArray(task.scores) && task.scores.length > 0; }

  function progressText(tasks) {
    const done = tasks.filter(scored).length;
    return done + '/' + tasks.length;
  }

  function progressLine(tasks) {
    return P.el('p', { class: 'judge-progress' }, P.t('judge.progress'), ' ',
      P.el('strong', { testid: 'judge-progress' }, progressText(tasks)));
  }

  // The task after `current` that is not scored yet, else the next one.
  function nextTask(tasks, current) {
    const at = tasks.findIndex(function (t) { return String(t.entry) === String(current); });
    const after = tasks.slice(at + 1).concat(tasks.slice(0, Math.max(at, 0)));
    return after.find(function (t) { return !scored(t); }) || null;
  }

  function closedNotice() {
    return P.phaseOpen('judging') ? null : P.notice('warn', P.t('judge.closed'), 'judge-closed');
  }

  /* ---------- The list ---------- */

  // The pairwise final, when the admin opened one and it has a pair for this judge.
  function finalLink(pair) {
    if (!pair.pair) return null;
    return P.el('div', { class: 'notice notice-info', role: 'status', testid: 'final-open' }, P.t('final.open_notice'), ' ',
      P.el('a', { href: '#/judge/final', class: 'btn btn-primary', testid: 'final-start' }, P.t('final.start')));
  }

  function taskItem(task) {
    return P.el('li', { class: 'task', testid: 'judge-task', dataset: { entry: String(task.entry), scored: scored(task) ? 'true' : 'false' } },
      P.el('a', { href: '#/judge/' + task.entry, class: 'task-link' },
        P.el('span', { class: 'task-position', testid: 'judge-position' }, String(task.position || '') + '.'), ' ',
        P.el('span', { class: 'muted' }, '#' + task.entry), ' ', task.title),
      P.el('span', { class: scored(task) ? 'status status-approved' : 'status status-submitted' },
        scored(task) ? P.t('judge.done') + ' (' + task.scores.join(', ') + ')' : P.t('judge.todo')));
  }

  /* ---------- Blind judging and recusal (issue 11) ---------- */

  function blindNotice(data) {
    return data.authors_hidden ? P.notice('info', P.t('judge.blind'), 'judge-blind') : null;
  }

  function recusalItem(r) {
    return P.el('li', { testid: 'judge-recusal', dataset: { entry: String(r.entry) } },
      P.el('strong', {}, '#' + r.entry + ' ' + r.title), ' · ', P.el('span', { class: 'muted' }, r.reason));
  }

  function recusalList(recusals) {
    if (!recusals.length) return null;
    return P.el('section', { class: 'text-block', testid: 'judge-recusals' },
      P.el('h2', {}, P.t('judge.recused_title')), P.el('ul', { class: 'plain-list' }, recusals.map(recusalItem)));
  }

  // 이해관계 신고: a reason, then the entry goes to another judge.
  function recuseForm(task) {
    const reason = P.el('textarea', { rows: 3, maxlength: 500, testid: 'judge-recuse-reason' });
    const button = P.el('button', { type: 'submit', class: 'btn btn-quiet', testid: 'judge-recuse' }, P.t('judge.recuse'));
    const out = P.el('div', { 'aria-live': 'polite', testid: 'judge-recuse-message' });
    const form = P.el('form', { class: 'form', novalidate: true },
      P.field(P.t('judge.recuse_reason'), reason, P.t('judge.recuse_hint')), out,
      P.el('div', { class: 'actions' }, button));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (reason.value.trim().length < 10) { P.put(out, P.notice('error', P.t('judge.recuse_short'), 'judge-recuse-short')); reason.focus(); return; }
      P.busy(button, out, async function () {
        await P.api.post('/api/judge/recuse', { entry: task.entry, reason: reason.value.trim() });
        P.go('#/judge');
      });
    });
    return P.el('details', { class: 'recuse', testid: 'judge-recuse-box' },
      P.el('summary', {}, P.t('judge.recuse_title')), form);
  }

  async function renderList(view) {
    P.setTitle(P.t('judge.title'));
    P.add(view, P.heading(P.t('judge.title')), P.loading());
    const loads = await Promise.all([P.api.get('/api/judge/tasks'), P.api.get('/api/judge/recusals'),
      P.api.get('/api/judge/pair')]);
    const data = loads[0];
    const tasks = data.tasks || [];
    const first = tasks.find(function (t) { return !scored(t); });
    P.put(view, P.heading(P.t('judge.title')), closedNotice(), blindNotice(data), finalLink(loads[2]), progressLine(tasks),
      tasks.length ? P.el('ul', { class: 'task-list' }, tasks.map(taskItem)) : P.notice('info', P.t('judge.none'), 'judge-none'),
      first ? P.el('p', { class: 'actions' }, P.el('a', { href: '#/judge/' + first.entry, class: 'btn btn-primary', testid: 'judge-start' }, P.t('judge.start'))) : null,
      recusalList(loads[1].recusals || []));
  }

  /* ---------- One entry ---------- */

  function scoreInputs(data, task) {
    return (data.criteria || []).map(function (c, i) {
      const input = P.el('input', {
        type: 'number', min: data.min_score, max: data.max_score, step: 1, inputmode: 'numeric', required: true,
        testid: 'judge-score', dataset: { criterion: String(i) },
        value: scored(task) && task.scores[i] !== undefined ? String(task.scores[i]) : '',
      });
      const label = P.pick(c, 'name') + ' (' + P.t('judge.weight', { weight: c.weight }) + ')';
      return { input: input, row: P.field(label, input, P.t('judge.range', { min: data.min_score, max: data.max_score })) };
    });
  }

  function readScores(inputs, data) {
    const scores = inputs.map(function (f) { return Number(f.input.value); });
    const bad = inputs.findIndex(function (f, i) {
      return f.input.value === '' || !Number.isInteger(scores[i]) || scores[i] < data.min_score || scores[i] > data.max_score;
    });
    if (bad >= 0) { inputs[bad].input.focus(); return null; }
    return scores;
  }

  // The judge's comment (심사평), saved with the scores; the admin picks what is published.
  function commentInput(task) {
    return P.el('textarea', { rows: 4, maxlength: 2000, testid: 'judge-comment', value: task.comment || '' });
  }

  function rubricForm(data, task, onSaved) {
    const inputs = scoreInputs(data, task);
    const comment = commentInput(task);
    const save = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'judge-save' }, P.t('judge.save'));
    const out = P.el('div', { 'aria-live': 'polite', testid: 'judge-message' });
    const form = P.el('form', { class: 'form rubric', novalidate: true },
      P.el('h2', {}, P.t('judge.rubric')), inputs.map(function (f) { return f.row; }),
      P.field(P.t('judge.comment'), comment, P.t('judge.comment_hint')), out,
      P.el('div', { class: 'actions' }, save));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      const scores = readScores(inputs, data);
      if (!scores) { P.put(out, P.notice('error', P.t('judge.invalid', { min: data.min_score, max: data.max_score }), 'judge-invalid')); return; }
      P.busy(save, out, async function () {
        await P.api.post('/api/judge/scores', { entry: task.entry, scores: scores, comment: comment.value.trim() });
        P.put(out, P.notice('ok', P.t('judge.saved'), 'judge-saved'));
        await onSaved();
      });
    });
    return form;
  }

  function navigation(tasks, task) {
    const next = nextTask(tasks, task.entry);
    return P.el('p', { class: 'actions' },
      P.el('a', { href: '#/judge', class: 'btn btn-quiet', testid: 'judge-list' }, P.t('judge.back')),
      next ? P.el('a', { href: '#/judge/' + next.entry, class: 'btn', testid: 'judge-next' }, P.t('judge.next')) : null);
  }

  async function renderOne(view, id) {
    P.add(view, P.loading());
    const loads = await Promise.all([P.api.get('/api/judge/tasks'), P.api.get('/api/entries/' + encodeURIComponent(id))]);
    const data = loads[0], entry = loads[1];
    const task = (data.tasks || []).find(function (t) { return String(t.entry) === String(id); });
    P.setTitle(P.t('judge.title') + ' #' + id);
    if (!task) { P.put(view, P.notice('error', P.t('judge.not_assigned'), 'judge-not-assigned'), navigation(data.tasks || [], { entry: id })); return; }
    const progress = progressLine(data.tasks);
    const nav = P.el('div', {}, navigation(data.tasks, task));
    const recuse = scored(task) ? null : recuseForm(task);
    async function onSaved() {
      if (recuse) recuse.remove();  // scored: recusal is over for this entry
      const fresh = await P.api.get('/api/judge/tasks');
      progress.replaceWith(progressLine(fresh.tasks || []));
      P.put(nav, navigation(fresh.tasks || [], task));
    }
    const info = P.el('div', { class: 'entry-info' },
      P.el('h1', { class: 'page-title', testid: 'judge-entry-title' }, entry.title),
      P.el('p', { class: 'muted' }, '#' + entry.entry + ' · ' + P.themeName(entry.theme)),
      progress, closedNotice(), blindNotice(data), rubricForm(data, task, onSaved),
      recuse, nav,
      entry.ai_tools ? P.el('p', {}, P.el('strong', {}, P.t('entry.ai_tools')), ' ', entry.ai_tools) : null,
      entry.prompt ? P.el('p', { class: 'pre muted' }, entry.prompt) : null);
    const figure = P.el('figure', { class: 'poster-large' }, P.posterImage(entry, { sizes: '(max-width: 900px) 100vw, 55vw', eager: true }));
    P.put(view, P.el('div', { class: 'entry-layout' }, figure, info));
  }

  function renderJudge(view, arg) {
    if (arg === 'final') return P.renderFinal(view);  // pages-final.js
    return arg ? renderOne(view, arg) : renderList(view);
  }

  P.route('judge', renderJudge, { role: 'judge' });
})();
