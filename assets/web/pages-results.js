/* pages-results.js: the results as a ceremony (#/results): the 최우수 first
   and large, then each tier in order with its posters, titles, authors and the
   judges' published comments (심사평); for admins the full table and the CSV;
   during the objection period a form to file an objection (이의 신청) and the
   person's own objections with their answers. */
(function () {
  'use strict';
  const P = window.Poster;

  async function galleryById() {
    const map = new Map();
    try {
      await P.galleryPages(function (cards) {
        cards.forEach(function (c) { map.set(c.entry, c); });
      });
    } catch (e) { /* winners are listed without pictures */ }
    return map;
  }

  function tierOrder(table) {
    const tiers = ((table.rules || {}).tiers || (P.state.contest || {}).tiers || []);
    return tiers.map(function (t) { return t.name; });
  }

  // Rows grouped by tier, in the contest's tier order.
  function groupByTier(table) {
    const groups = new Map(tierOrder(table).map(function (name) { return [name, []]; }));
    (table.rows || []).forEach(function (row) {
      if (!row.tier) return;
      if (!groups.has(row.tier)) groups.set(row.tier, []);
      groups.get(row.tier).push(row);
    });
    return Array.from(groups.entries()).filter(function (g) { return g[1].length; });
  }

  /* ---------- The ceremony ---------- */

  // The judges' published comments; judges are not named (docs/web.md).
  function commentList(row) {
    const comments = row.comments || [];
    if (!comments.length) return null;
    return P.el('div', { class: 'judge-comments' }, comments.map(function (text) {
      return P.el('blockquote', { class: 'judge-comment', testid: 'results-comment' },
        P.el('p', { class: 'pre' }, text), P.el('footer', {}, P.t('results.comment_by')));
    }));
  }

  function byline(row) {
    return P.el('p', { class: 'card-meta', testid: 'results-winner-author' },
      row.author_name || '', row.department ? ' (' + row.department + ')' : '');
  }

  function certificateLink(row, own) {
    if (!P.certificateLinkFor(row, own)) return null;
    return P.el('a', { href: '#/certificate/' + row.entry, class: 'btn btn-small btn-quiet', testid: 'results-certificate' }, P.t('results.certificate'));
  }

  function winnerCard(row, card, own, large) {
    const sizes = large ? '(max-width: 700px) 100vw, 640px' : '(max-width: 700px) 50vw, 300px';
    return P.el('li', { class: ['card', 'winner', large ? 'winner-top' : null], testid: 'results-winner', dataset: { entry: String(row.entry) } },
      P.el('a', { href: '#/entry/' + row.entry, class: 'card-link' },
        card ? P.el('div', { class: 'card-image' }, P.posterImage(card, { sizes: sizes, eager: large })) : null,
        P.el('div', { class: 'card-body' },
          P.tierBadge(row),
          P.el(large ? 'h3' : 'h3', { class: 'card-title', testid: 'results-winner-title' }, row.title),
          byline(row))),
      commentList(row),
      certificateLink(row, own) ? P.el('p', { class: 'card-actions' }, certificateLink(row, own)) : null);
  }

  function tierSection(group, index, cards, own) {
    const rows = group[1], top = index === 0;
    return P.el('section', { class: ['tier', top ? 'tier-top' : null], testid: 'results-tier', dataset: { tier: group[0] } },
      P.el('h2', { class: 'tier-title' }, P.pick(rows[0], 'tier'),
        P.el('span', { class: 'tier-count' }, P.t('results.tier_count', { count: rows.length }))),
      P.el('ul', { class: top ? 'winner-grid winner-grid-top' : 'winner-grid' },
        rows.map(function (row) { return winnerCard(row, cards.get(row.entry), own, top); })));
  }

  /* ---------- The admins' table ---------- */

  function fixed(value, digits) {
    return typeof value === 'number' ? value.toFixed(digits) : '';
  }

  const COLUMNS = [
    ['results.col_rank', function (r) { return r.rank; }],
    ['results.col_tier', function (r) { return P.pick(r, 'tier'); }],
    ['results.col_entry', function (r) { return '#' + r.entry; }],
    ['results.col_title', function (r) { return r.title; }],
    ['results.col_department', function (r) { return r.department; }],
    ['results.col_votes', function (r) { return r.votes; }],
    ['results.col_judges', function (r) { return r.judges; }],
    ['results.col_judge_raw', function (r) { return fixed(r.judge_raw, 1); }],
    ['results.col_judge_z', function (r) { return fixed(r.judge_z, 2); }],
    ['results.col_combined', function (r) { return fixed(r.combined, 2); }],
    ['results.col_citizen_likes', function (r) { return r.citizen_likes === undefined ? '' : r.citizen_likes; }],
    ['results.col_notes', function (r) { return (P.lang === 'en' ? r.notes : r.notes_ko || r.notes || []).join(' '); }],
  ];

  function fullTable(table) {
    const columns = tableColumns(table);
    // Scrolls sideways on a phone: focusable so the keyboard can scroll it too.
    return P.el('section', { class: 'table-wrap', tabindex: 0, 'aria-label': P.t('results.full_table') },
      P.el('h2', {}, P.t('results.full_table')),
      P.el('table', { class: 'data-table', testid: 'results-table' },
        P.el('thead', {}, P.el('tr', {}, columns.map(function (c) { return P.el('th', { scope: 'col' }, P.t(c[0])); }))),
        P.el('tbody', {}, (table.rows || []).map(function (row) {
          return P.el('tr', { dataset: { entry: String(row.entry) } }, columns.map(function (c) { return P.el('td', {}, c[1](row)); }));
        }))),
      tableNotes(table),
      modelFit(table));
  }

  /* ---------- Issue 11: the judge model and the table's own notes ---------- */

  // The model's column beside raw and z, only when the table was ranked on it.
  function tableColumns(table) {
    if (((table.rules || {}).judge_scaling) !== 'model') return COLUMNS;
    const columns = COLUMNS.slice();
    const at = columns.findIndex(function (c) { return c[0] === 'results.col_judge_z'; }) + 1;
    columns.splice(at, 0, ['results.col_judge_model', function (r) { return fixed(r.judge_model, 2); }]);
    return columns;
  }

  function tableNotes(table) {
    const notes = P.lang === 'en' ? table.notes : table.notes_ko || table.notes;
    if (!notes || !notes.length) return null;
    return P.el('div', { class: 'table-notes', testid: 'results-table-notes' },
      P.el('h3', {}, P.t('results.table_notes')),
      P.el('ul', {}, notes.map(function (n) { return P.el('li', {}, n); })));
  }

  // Admins only (the server sends it to no one else): each judge's fitted bias and gain.
  function modelFit(table) {
    const model = table.judge_model;
    if (!model || !model.judges || !model.judges.length) return null;
    const refused = (model.components || []).filter(function (c) { return !c.gain_fitted; });
    return P.el('div', { class: 'model-fit', testid: 'results-model' },
      P.el('h3', {}, P.t('results.model_title')),
      P.el('table', { class: 'data-table' },
        P.el('thead', {}, P.el('tr', {}, ['results.model_judge', 'results.model_bias', 'results.model_gain', 'results.model_entries'].map(function (k) {
          return P.el('th', { scope: 'col' }, P.t(k));
        }))),
        P.el('tbody', {}, model.judges.map(function (j) {
          return P.el('tr', { dataset: { judge: j.judge } },
            P.el('td', {}, j.judge), P.el('td', {}, (j.bias >= 0 ? '+' : '') + fixed(j.bias, 2)),
            P.el('td', {}, fixed(j.gain, 2)), P.el('td', {}, String(j.entries)));
        }))),
      refused.map(function (c) { return P.el('p', { class: 'muted' }, P.t('results.model_gain_not_fitted', { reason: c.gain_refused })); }));
  }

  function resultsHeader(table) {
    const parts = [];
    if (table.state === 'sealed') parts.push(P.notice('warn', P.t('results.admin_preview'), 'results-preview'));
    if (table.announced_at) parts.push(P.el('p', { class: 'muted' }, P.t('results.announced_at', { when: P.localTime(table, 'announced_at') })));
    if (table.state === 'announced' && table.final_at) parts.push(P.el('p', { class: 'muted' }, P.t('results.objection_until', { when: P.localTime(table, 'final_at') })));
    if (table.state === 'final') parts.push(P.el('p', { class: 'muted' }, P.t('results.final')));
    if (table.sha256 && table.log_head) {
      parts.push(P.el('p', { class: 'muted fingerprint', testid: 'results-fingerprint' }, P.t('results.fingerprint', {
        sha256: table.sha256, head: table.log_head.seq + ':' + table.log_head.hash,
      })));
    }
    return parts;
  }

  function csvLink() {
    if (P.isStatic) return null;
    return P.el('p', { class: 'actions' }, P.el('a', {
      href: P.url('/api/results.csv'), class: 'btn btn-quiet', download: 'results.csv', testid: 'results-csv',
    }, P.t('results.download_csv')));
  }

  /* ---------- Objections ---------- */

  function objectionItem(o) {
    return P.el('li', { class: 'objection', testid: 'my-objection', dataset: { id: String(o.id), answered: o.answered ? 'true' : 'false' } },
      P.el('p', {}, P.el('strong', {}, '#' + o.entry + ' ' + o.title), ' ', P.el('span', { class: 'muted' }, P.localTime(o, 'filed_at'))),
      P.el('p', { class: 'pre' }, o.text),
      o.answered
        ? P.el('div', { class: 'objection-answer', testid: 'my-objection-answer' }, P.el('strong', {}, P.t('objection.answer')), ' ', P.el('span', { class: 'pre' }, o.answer))
        : P.el('p', { class: 'muted' }, P.t('objection.waiting')));
  }

  async function myObjections(box) {
    try {
      const data = await P.api.get('/api/my/objections');
      const list = data.objections || [];
      P.put(box, list.length ? [P.el('h3', {}, P.t('objection.mine')), P.el('ul', { class: 'plain-list objection-list' }, list.map(objectionItem))] : null);
    } catch (err) { P.put(box, P.errorBox(err)); }
  }

  // What an objection may be about: the entries shown, and the person's own
  // approved ones (in the announced table even when they won nothing).
  function objectionChoices(table, own) {
    const shown = (table.rows || []).map(function (r) { return { entry: r.entry, title: r.title, tier: r.tier, tier_en: r.tier_en }; });
    const ids = new Set(shown.map(function (c) { return c.entry; }));
    own.forEach(function (e) { if (e.review_status === 'approved' && !ids.has(e.entry)) shown.push({ entry: e.entry, title: e.title }); });
    return shown;
  }

  function objectionForm(choices, box) {
    const entry = P.el('select', { testid: 'objection-entry' }, choices.map(function (c) {
      return P.el('option', { value: String(c.entry) }, '#' + c.entry + ' ' + c.title + (c.tier ? ' (' + P.pick(c, 'tier') + ')' : ''));
    }));
    const text = P.el('textarea', { rows: 4, maxlength: 2000, testid: 'objection-text' });
    const send = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'objection-send' }, P.t('objection.send'));
    const out = P.el('div', { 'aria-live': 'polite', testid: 'objection-message' });
    const form = P.el('form', { class: 'form', novalidate: true },
      P.field(P.t('objection.entry'), entry), P.field(P.t('objection.text'), text, P.t('objection.hint')), out,
      P.el('div', { class: 'actions' }, send));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!text.value.trim()) { P.put(out, P.notice('error', P.t('objection.missing'), 'objection-error')); text.focus(); return; }
      P.busy(send, out, async function () {
        await P.api.post('/api/objections', { entry: Number(entry.value), text: text.value.trim() });
        text.value = '';
        P.put(out, P.notice('ok', P.t('objection.filed'), 'objection-filed'));
        await myObjections(box);
      });
    });
    return form;
  }

  function objectionSection(table, own) {
    if (P.isStatic || table.state === 'sealed') return null;
    const box = P.el('div', { testid: 'my-objections' });
    const open = table.state === 'announced';
    if (P.state.me) myObjections(box);
    const intro = open
      ? P.el('p', { class: 'hint' }, P.t('objection.intro', { when: P.localTime(table, 'final_at') }))
      : P.el('p', { class: 'muted' }, P.t('objection.closed'));
    const choices = objectionChoices(table, own);
    const form = open && P.state.me && P.hasRole('employee') && choices.length ? objectionForm(choices, box) : null;
    const signin = open && !P.state.me ? P.notice('info', P.t('objection.signin'), 'objection-signin') : null;
    return P.el('section', { class: 'panel objections', testid: 'results-objections' },
      P.el('h2', {}, P.t('objection.title')), intro, signin, form, box);
  }

  async function renderResults(view) {
    P.setTitle(P.t('results.title'));
    P.add(view, P.heading(P.t('results.title')), P.loading());
    let table;
    try {
      table = await P.api.get('/api/results');
    } catch (err) {
      if (err.code !== 'results_sealed') throw err;
      P.put(view, P.heading(P.t('results.title')), P.notice('info', P.errorText(err), 'results-sealed'));
      return;
    }
    const loads = await Promise.all([galleryById(), P.ownEntries()]);
    const own = new Set(loads[1].map(function (e) { return e.entry; }));
    const groups = groupByTier(table);
    P.put(view, P.heading(P.t('results.title')),
      resultsHeader(table),
      groups.length ? groups.map(function (g, i) { return tierSection(g, i, loads[0], own); }) : P.notice('info', P.t('results.none'), 'results-none'),
      P.rulesResultsSection(table),
      P.citizensChoiceSection ? P.citizensChoiceSection(table, loads[0]) : null,
      objectionSection(table, loads[1]),
      table.view === 'table' ? fullTable(table) : null,
      csvLink());
  }

  P.route('results', renderResults);
})();
