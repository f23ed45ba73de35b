/* pages-show.js: the results (#/results), the printable exhibition sheet
   (#/sheet/ID, A4 portrait) and the full-screen slideshow (#/slideshow). */
(function () {
  'use strict';
  const P = window.Poster;

  async function galleryById() {
    const map = new Map();
    try {
      const data = await P.api.get('/api/gallery');
      (data.entries || []).forEach(function (c) { map.set(c.entry, c); });
    } catch (e) { /* winners are listed without pictures */ }
    return map;
  }

  /* ---------- Results ---------- */

  function tierOrder(table) {
    const tiers = ((table.rules || {}).tiers || (P.state.contest || {}).tiers || []);
    return tiers.map(function (t) { return t.name; });
  }

  // Rows grouped by tier, in the contest's tier order.
  function groupByTier(table) {
    const order = tierOrder(table);
    const groups = new Map(order.map(function (name) { return [name, []]; }));
    (table.rows || []).forEach(function (row) {
      if (!row.tier) return;
      if (!groups.has(row.tier)) groups.set(row.tier, []);
      groups.get(row.tier).push(row);
    });
    return Array.from(groups.entries()).filter(function (g) { return g[1].length; });
  }

  function winnerCard(row, card) {
    return P.el('li', { class: 'card winner', testid: 'results-winner', dataset: { entry: String(row.entry) } },
      P.el('a', { href: '#/entry/' + row.entry, class: 'card-link' },
        card ? P.el('div', { class: 'card-image' }, P.posterImage(card, { sizes: '(max-width: 700px) 50vw, 300px' })) : null,
        P.el('div', { class: 'card-body' },
          P.el('h3', { class: 'card-title', testid: 'results-winner-title' }, row.title),
          P.el('p', { class: 'card-meta' }, [card && card.author_name, row.department].filter(Boolean).join(' · ')),
          P.el('p', { class: 'tag' }, P.t('results.rank', { rank: row.rank })))));
  }

  function tierSection(group, cards) {
    const rows = group[1];
    return P.el('section', { class: 'tier', testid: 'results-tier', dataset: { tier: group[0] } },
      P.el('h2', { class: 'tier-title' }, P.pick(rows[0], 'tier'),
        P.el('span', { class: 'tier-count' }, P.t('results.tier_count', { count: rows.length }))),
      P.el('ul', { class: 'winner-grid' }, rows.map(function (row) { return winnerCard(row, cards.get(row.entry)); })));
  }

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
    ['results.col_notes', function (r) { return (P.lang === 'en' ? r.notes : r.notes_ko || r.notes || []).join(' '); }],
  ];

  function fullTable(table) {
    // Scrolls sideways on a phone: focusable so the keyboard can scroll it too.
    return P.el('section', { class: 'table-wrap', tabindex: 0, 'aria-label': P.t('results.full_table') },
      P.el('h2', {}, P.t('results.full_table')),
      P.el('table', { class: 'data-table', testid: 'results-table' },
        P.el('thead', {}, P.el('tr', {}, COLUMNS.map(function (c) { return P.el('th', { scope: 'col' }, P.t(c[0])); }))),
        P.el('tbody', {}, (table.rows || []).map(function (row) {
          return P.el('tr', { dataset: { entry: String(row.entry) } }, COLUMNS.map(function (c) { return P.el('td', {}, c[1](row)); }));
        }))));
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
    const cards = await galleryById();
    const groups = groupByTier(table);
    P.put(view, P.heading(P.t('results.title')),
      resultsHeader(table),
      groups.length ? groups.map(function (g) { return tierSection(g, cards); }) : P.notice('info', P.t('results.none'), 'results-none'),
      table.view === 'table' ? fullTable(table) : null,
      csvLink());
  }

  /* ---------- Exhibition sheet (A4) ---------- */

  function sheetToolbar() {
    return P.el('div', { class: 'sheet-toolbar no-print' },
      P.button(P.t('sheet.print'), { class: 'btn btn-primary', testid: 'sheet-print', events: { click: function () { window.print(); } } }),
      P.el('a', { href: '#/gallery', class: 'btn btn-quiet' }, P.t('entry.back')),
      P.el('p', { class: 'hint' }, P.t('sheet.hint')));
  }

  function sheetPage(entry) {
    return P.el('article', { class: 'sheet-page', testid: 'sheet' },
      P.el('p', { class: 'sheet-contest' }, P.pick(P.state.contest, 'name')),
      P.el('figure', { class: 'sheet-poster' }, P.posterImage(entry, { eager: true, noSrcset: true })),
      P.el('div', { class: 'sheet-caption' },
        P.el('div', { class: 'sheet-text' },
          P.el('h1', { class: 'sheet-title' }, entry.title),
          P.el('p', { class: 'sheet-dept' }, entry.department || ''),
          entry.theme ? P.el('p', { class: 'sheet-theme' }, P.themeName(entry.theme)) : null,
          P.el('p', { class: 'sheet-number' }, P.t('sheet.number', { number: entry.entry }))),
        P.el('figure', { class: 'sheet-qr' },
          P.el('img', { src: P.url('/api/entries/' + entry.entry + '/qr.png'), alt: P.t('sheet.qr_alt'), width: 300, height: 300, testid: 'sheet-qr' }),
          P.el('figcaption', {}, P.t('sheet.qr_caption')))));
  }

  async function renderSheet(view, id) {
    P.add(view, P.loading());
    const entry = await P.api.get('/api/entries/' + encodeURIComponent(id));
    P.setTitle(P.t('sheet.title') + ' #' + entry.entry);
    P.put(view, sheetToolbar(), sheetPage(entry));
  }

  /* ---------- Slideshow ---------- */

  const SLIDE_MS = 8000;

  function slideNode(card, index, total) {
    return P.el('figure', { class: 'slide', testid: 'slide', dataset: { entry: String(card.entry) } },
      P.posterImage(card, { sizes: '100vw', eager: true, className: 'slide-img' }),
      P.el('figcaption', { class: 'slide-caption' },
        P.el('span', { class: 'slide-title' }, card.title),
        P.el('span', { class: 'slide-dept' }, card.department || ''),
        P.el('span', { class: 'slide-count' }, (index + 1) + ' / ' + total)));
  }

  function preload(card) {
    const img = new Image();
    img.sizes = '100vw';
    img.srcset = P.posterImage(card, { sizes: '100vw' }).srcset;
  }

  function slideshowControls(show, leave) {
    return function (e) {
      if (e.key === 'Escape') leave();
      else if (e.key === 'ArrowRight' || e.key === ' ' || e.key === 'PageDown') { e.preventDefault(); show(1); }
      else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); show(-1); }
      else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
    };
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
  }

  function leaveSlideshow() {
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    P.go('#/gallery');
  }

  // New approvals join the show each time it comes round to the start.
  async function refreshCards(cards) {
    try {
      const fresh = (await P.api.get('/api/gallery')).entries || [];
      if (fresh.length) cards.splice.apply(cards, [0, cards.length].concat(fresh));
    } catch (e) { /* keep showing what we have */ }
  }

  function runSlideshow(stage, cards) {
    let index = -1;
    let timer = null;
    function show(step) {
      index = (index + step + cards.length) % cards.length;
      if (index === cards.length - 1 && step > 0) refreshCards(cards);
      P.put(stage, slideNode(cards[index], index, cards.length));
      preload(cards[(index + 1) % cards.length]);
      window.clearInterval(timer);
      timer = window.setInterval(function () { show(1); }, SLIDE_MS);
    }
    const onKey = slideshowControls(show, leaveSlideshow);
    document.addEventListener('keydown', onKey);
    stage.addEventListener('click', function () { show(1); });
    P.onLeave(function () { window.clearInterval(timer); document.removeEventListener('keydown', onKey); });
    show(1);
  }

  async function renderSlideshow(view) {
    P.setTitle(P.t('slideshow.title'));
    view.classList.add('slideshow');
    view.setAttribute('data-testid', 'slideshow');
    const stage = P.el('div', { class: 'slide-stage', 'aria-live': 'off' });
    const hint = P.el('p', { class: 'slide-hint' }, P.t('slideshow.hint'));
    P.add(view, stage, hint);
    const data = await P.api.get('/api/gallery');
    const cards = data.entries || [];
    if (!cards.length) { P.add(stage, P.el('p', { class: 'slide-empty' }, P.t('gallery.empty'))); return; }
    runSlideshow(stage, cards);
  }

  P.route('results', renderResults);
  P.route('sheet', renderSheet);
  P.route('slideshow', renderSlideshow, { bare: true });
})();
