/* pages-show.js: the printable exhibition sheet (#/sheet/ID, A4 portrait)
   and the full-screen slideshow (#/slideshow). The results are in
   pages-results.js. */
(function () {
  'use strict';
  const P = window.Poster;

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
          P.tierBadge(entry, 'sheet-tier'),
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
    if (!P.exhibited(entry)) { P.put(view, P.notice('info', P.t('sheet.not_approved'), 'sheet-not-approved')); return; }
    P.put(view, sheetToolbar(), sheetPage(entry));
  }

  /* ---------- Slideshow ---------- */

  const SLIDE_MS = 8000;

  function slideNode(card, index, total) {
    return P.el('figure', { class: 'slide', testid: 'slide', dataset: { entry: String(card.entry) } },
      P.posterImage(card, { sizes: '100vw', eager: true, className: 'slide-img' }),
      P.el('figcaption', { class: 'slide-caption' },
        P.tierBadge(card, 'slide-tier'),
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

  P.route('sheet', renderSheet);
  P.route('slideshow', renderSlideshow, { bare: true });
})();
