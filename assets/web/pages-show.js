/* pages-show.js: the printable exhibition sheet (#/sheet/ID) and all of them
   at once for an admin (#/sheets), on A4 or A3 portrait, one poster a page;
   and what the sheets and the lobby screen (pages-lobby.js) say of an entry:
   its tier or revoked award, its authors, the caption of the phase, its QR
   code. Both read /api/exhibition (docs/api.md, "The exhibition"). The
   results are in pages-results.js. */
(function () {
  'use strict';
  const P = window.Poster;

  /* ---------- What the sheets and the lobby screen say of an entry ---------- */

  // The tier's badge once awarded, "최우수 수상 취소" once revoked, else nothing.
  P.exhibitionTier = function (entry, extraClass) {
    if (entry.tier) return P.tierBadge(entry, extraClass);
    if (!entry.revoked) return null;
    return P.el('span', { class: ['revoked-mark', extraClass], testid: 'revoked-mark', dataset: { entry: String(entry.entry) } },
      P.t('revoke.mark', { tier: P.pick(entry.revoked, 'tier') }));
  };

  // "한시민, 오균형 · 민원봉사과"; while the public may not see authors, 작성자 비공개.
  P.exhibitionByline = function (entry) {
    if (entry.authors_hidden) return P.t('blind.byline');
    const names = [entry.author_name].concat(entry.co_author_names || []).filter(Boolean).join(', ');
    return [names, entry.department].filter(Boolean).join(' · ');
  };

  // What a visitor may do with the QR code now: look before voting, like
  // while voting, look after it closed (no "vote now"), the award once announced.
  P.exhibitionCaption = function (phase, entry) {
    if (phase === 'announced') {
      return entry.tier ? P.t('exhibit.caption_awarded', { tier: P.pick(entry, 'tier') }) : P.t('exhibit.caption_announced');
    }
    return P.t(phase === 'voting' || phase === 'voting_closed' ? 'exhibit.caption_' + phase : 'exhibit.caption_before_voting');
  };

  // The QR code: a PNG the server makes, holding the entry's citizens' page.
  P.exhibitionQr = function (entry, testid, className) {
    return P.el('img', {
      src: P.url(entry.qr_url), alt: P.t('exhibit.qr_alt', { title: entry.title || '' }),
      width: 600, height: 600, class: className || null, testid: testid, decoding: 'async',
    });
  };

  /* ---------- The sheets ---------- */

  const SIZES = ['a4', 'a3'];

  function paperOf(query) {
    const asked = query && query.get('size');
    return SIZES.indexOf(asked) >= 0 ? asked : 'a4';
  }

  function sheetPage(exhibition, entry) {
    return P.el('article', { class: 'sheet-page', testid: 'sheet', dataset: { entry: String(entry.entry), phase: exhibition.phase } },
      P.el('div', { class: 'sheet-body' },
        P.el('p', { class: 'sheet-contest' }, P.pick(P.state.contest, 'name')),
        P.el('figure', { class: 'sheet-poster' },
          P.el('img', {
            loading: 'eager', decoding: 'async', width: entry.width || null, height: entry.height || null,
            src: P.url(entry.image || entry.thumbnail), alt: entry.alt_text || entry.title || P.t('entry.untitled'),
            class: 'poster-img', testid: 'sheet-image',
          })),
        P.el('div', { class: 'sheet-caption' },
          P.el('div', { class: 'sheet-text' },
            P.exhibitionTier(entry, 'sheet-tier'),
            P.el('h1', { class: 'sheet-title', testid: 'sheet-title' }, entry.title),
            P.el('p', { class: 'sheet-author', testid: 'sheet-author' }, P.exhibitionByline(entry)),
            entry.theme ? P.el('p', { class: 'sheet-theme' }, P.themeName(entry.theme)) : null,
            P.el('p', { class: 'sheet-number' }, P.t('sheet.number', { number: entry.entry })),
            P.el('p', { class: 'sheet-phase', testid: 'sheet-caption' }, P.exhibitionCaption(exhibition.phase, entry))),
          P.el('figure', { class: 'sheet-qr' },
            P.exhibitionQr(entry, 'sheet-qr'),
            P.el('figcaption', {},
              P.el('span', { class: 'sheet-url-label' }, P.t('exhibit.type_url')),
              P.el('span', { class: 'sheet-url', testid: 'sheet-url' }, entry.short_url))))));
  }

  // Every picture loaded (or failed) before the print dialog opens.
  function imagesReady(root) {
    return Promise.all(Array.from(root.querySelectorAll('img')).map(function (img) {
      return img.decode ? img.decode().catch(function () {}) : null;
    }));
  }

  function setPaper(sheets, paper) {
    SIZES.forEach(function (s) { sheets.classList.toggle('sheets-' + s, s === paper); });
    sheets.dataset.paper = paper;
    const hash = location.hash.replace(/\?.*$/, '');
    history.replaceState(null, '', hash + (paper === 'a4' ? '' : '?size=' + paper));
  }

  function sheetToolbar(sheets, count, back) {
    const paper = P.el('select', { testid: 'sheet-size' },
      SIZES.map(function (s) { return P.el('option', { value: s }, P.t('exhibit.paper_' + s)); }));
    paper.value = sheets.dataset.paper;
    const hint = P.el('p', { class: 'hint', testid: 'sheet-hint' });
    const explain = function () {
      P.put(hint, P.t(count === 1 ? 'exhibit.print_hint_one' : 'exhibit.print_hint', { count: count, size: paper.value.toUpperCase() }));
    };
    paper.addEventListener('change', function () { setPaper(sheets, paper.value); explain(); });
    explain();
    const print = P.button(P.t('sheet.print'), { class: 'btn btn-primary', testid: 'sheet-print', events: { click: async function () {
      await imagesReady(sheets);
      window.print();
    } } });
    return P.el('div', { class: 'sheet-toolbar no-print' },
      P.field(P.t('exhibit.paper'), paper), print, back, hint);
  }

  function sheetsNode(query, pages) {
    const sheets = P.el('div', { class: 'sheets', testid: 'sheets' }, pages);
    SIZES.forEach(function (s) { sheets.classList.toggle('sheets-' + s, s === paperOf(query)); });
    sheets.dataset.paper = paperOf(query);
    return sheets;
  }

  async function renderSheet(view, id, query) {
    P.add(view, P.loading());
    let exhibition;
    try {
      exhibition = await P.api.get('/api/exhibition?entry=' + encodeURIComponent(id));
    } catch (err) {
      if (err.status !== 404 && err.status !== 400) throw err;
      P.put(view, P.notice('info', P.t('sheet.not_approved'), 'sheet-not-approved'));
      return;
    }
    const entry = exhibition.entries[0];
    P.setTitle(P.t('sheet.title') + ' #' + entry.entry);
    const sheets = sheetsNode(query, [sheetPage(exhibition, entry)]);
    P.put(view, sheetToolbar(sheets, 1, P.el('a', { href: '#/gallery', class: 'btn btn-quiet' }, P.t('entry.back'))), sheets);
  }

  async function renderSheets(view, arg, query) {
    P.add(view, P.loading());
    const exhibition = await P.api.get('/api/exhibition');
    const entries = exhibition.entries || [];
    P.setTitle(P.t('exhibit.sheets_title'));
    if (!entries.length) { P.put(view, P.heading(P.t('exhibit.sheets_title')), P.notice('info', P.t('gallery.empty'), 'sheets-empty')); return; }
    const sheets = sheetsNode(query, entries.map(function (entry) { return sheetPage(exhibition, entry); }));
    P.put(view, P.el('div', { class: 'no-print' }, P.heading(P.t('exhibit.sheets_title'))),
      sheetToolbar(sheets, entries.length, P.el('a', { href: '#/admin', class: 'btn btn-quiet' }, P.t('nav.admin'))), sheets);
  }

  P.route('sheet', renderSheet);
  P.route('sheets', renderSheets, { role: 'admin' });
})();
