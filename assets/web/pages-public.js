/* pages-public.js: poster images, the gallery (#/gallery) and an entry's
   page (#/entry/ID). Voting buttons come from pages-member.js
   (P.voteButton) and appear only while voting is open for a signed-in person. */
(function () {
  'use strict';
  const P = window.Poster;

  /* ---------- Poster images ---------- */

  function thumbUrl(thumb, sha) {
    if (thumb.url) return P.url(thumb.url);
    const ext = thumb.format === 'jpeg' ? 'jpg' : 'webp';
    return P.url('/media/' + sha + '/' + thumb.width + '.' + ext);
  }

  function webpThumbs(card) {
    return (card.thumbnails || []).filter(function (t) { return !t.format || t.format === 'webp'; })
      .slice().sort(function (a, b) { return a.width - b.width; });
  }

  // The plain src: the JPEG for old browsers, else the largest thumbnail.
  function fallbackSrc(card, thumbs) {
    if (card.jpeg) return P.url(card.jpeg);
    const jpeg = (card.thumbnails || []).find(function (t) { return t.format === 'jpeg'; });
    if (jpeg) return thumbUrl(jpeg, card.sha256);
    return thumbs.length ? thumbUrl(thumbs[thumbs.length - 1], card.sha256) : '';
  }

  P.largestImage = function (card) {
    const thumbs = webpThumbs(card);
    return thumbs.length ? thumbUrl(thumbs[thumbs.length - 1], card.sha256) : fallbackSrc(card, thumbs);
  };

  // <img> with a srcset of the 320/640/1280 px thumbnails.
  // opts: sizes, eager, className, testid, noSrcset.
  P.posterImage = function (card, opts) {
    const o = opts || {};
    const thumbs = webpThumbs(card);
    const srcset = thumbs.map(function (t) { return thumbUrl(t, card.sha256) + ' ' + t.width + 'w'; }).join(', ');
    // loading, sizes and srcset are set before src, so that lazy loading and
    // the choice of thumbnail apply to the first request.
    return P.el('img', {
      loading: o.eager ? 'eager' : 'lazy', decoding: 'async',
      width: card.width || null, height: card.height || null,
      sizes: !o.noSrcset && srcset ? (o.sizes || '100vw') : null,
      srcset: !o.noSrcset && srcset ? srcset : null,
      src: o.noSrcset ? P.largestImage(card) : fallbackSrc(card, thumbs),
      alt: card.alt_text || card.title || P.t('entry.untitled'),
      class: ['poster-img', o.className], testid: o.testid || null,
    });
  };

  P.byline = function (card) {
    if (card.authors_hidden) return P.t('blind.byline');  // blind judging: the server left them out
    return [card.author_name || card.author, card.department].filter(Boolean).join(' · ');
  };

  /* ---------- The gallery ---------- */

  const CARD_SIZES = '(max-width: 520px) 50vw, (max-width: 900px) 33vw, (max-width: 1400px) 25vw, 320px';

  function searchText(card) {
    return [card.title, card.author_name, card.department].join(' ').normalize('NFC').toLowerCase();
  }

  function galleryCard(card) {
    const vote = P.voteButton ? P.voteButton(card) : null;
    return P.el('li', { class: 'card', testid: 'gallery-card', dataset: { entry: String(card.entry), theme: card.theme || '' } },
      P.el('a', { href: '#/entry/' + card.entry, class: 'card-link', testid: 'gallery-link' },
        P.el('div', { class: 'card-image' }, P.posterImage(card, { sizes: CARD_SIZES })),
        P.el('div', { class: 'card-body' },
          P.tierBadge(card),
          P.el('h2', { class: 'card-title' }, card.title),
          P.el('p', { class: 'card-meta' }, P.byline(card)),
          card.theme ? P.el('p', { class: 'tag' }, P.themeName(card.theme)) : null)),
      vote ? P.el('div', { class: 'card-actions' }, vote) : null);
  }

  function themeSelect() {
    const themes = (P.state.contest && P.state.contest.themes) || [];
    return P.el('select', { testid: 'gallery-theme' },
      P.el('option', { value: '' }, P.t('gallery.all_themes')),
      themes.map(function (t) { return P.el('option', { value: t.name }, P.pick(t, 'name')); }));
  }

  function applyFilter(items, search, theme, count, none) {
    const words = search.value.normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    items.forEach(function (item) {
      const ok = (!theme.value || item.card.theme === theme.value) &&
        words.every(function (w) { return item.text.indexOf(w) >= 0; });
      item.node.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = P.t('gallery.count', { shown: shown, total: items.length });
    none.hidden = shown > 0 || !items.length;
  }

  function galleryToolbar(search, theme, count) {
    return P.el('div', { class: 'toolbar', role: 'search' },
      P.field(P.t('gallery.search'), search),
      P.field(P.t('gallery.theme'), theme),
      count);
  }

  function votingIntro() {
    if (!P.phaseOpen('voting')) return null;
    if (P.isStatic) return null;
    if (!P.state.me) return P.notice('info', P.t('gallery.vote_signin'), 'vote-signin');
    return P.notice('info', P.t('gallery.vote_open', { budget: (P.state.ballot || {}).budget || '' }), 'vote-open');
  }

  // The gallery comes in the server's pages, in the visitor's order (issue 14):
  // onPage(cards) for each as it arrives, the first before the rest are asked for.
  P.galleryPages = async function (onPage) {
    for (let offset = 0; ;) {
      const page = await P.api.get('/api/gallery?offset=' + offset + '&limit=200');
      await onPage(page.entries || []);
      if (typeof page.next !== 'number' || page.next <= offset) return;
      offset = page.next;
    }
  };

  async function renderGallery(view) {
    P.setTitle(P.t('gallery.title'));
    P.add(view, P.heading(P.t('gallery.title')), P.loading());
    const search = P.el('input', { type: 'search', testid: 'gallery-search', autocomplete: 'off', placeholder: P.t('gallery.search_hint') });
    const theme = themeSelect();
    const count = P.el('p', { class: 'count', testid: 'gallery-count', 'aria-live': 'polite' });
    const grid = P.el('ul', { class: 'gallery-grid', testid: 'gallery-grid' });
    const none = P.notice('info', P.t('gallery.no_match'), 'gallery-no-match');
    const items = [];
    const filter = function () { applyFilter(items, search, theme, count, none); };
    search.addEventListener('input', filter);
    theme.addEventListener('change', filter);
    let shown = false;
    const ballot = P.refreshBallot();
    // The server's order is kept: it shuffles per viewer, so no position wins votes.
    await P.galleryPages(async function (cards) {
      if (!shown) await ballot;
      cards.forEach(function (card) {
        const item = { card: card, text: searchText(card), node: galleryCard(card) };
        items.push(item);
        grid.appendChild(item.node);
      });
      filter();
      if (shown) return;
      shown = true;
      const empty = cards.length ? null : P.notice('info', P.t('gallery.empty'), 'gallery-empty');
      P.put(view, P.heading(P.t('gallery.title')), P.phaseBanner(['submission', 'voting', 'results']), votingIntro(), galleryToolbar(search, theme, count), none, empty || grid);
    });
  }

  /* ---------- One entry ---------- */

  function factRow(label, value) {
    if (value === undefined || value === null || value === '') return null;
    return [P.el('dt', {}, label), P.el('dd', {}, value)];
  }

  function textBlock(label, text, testid) {
    if (!text) return null;
    return P.el('section', { class: 'text-block' }, P.el('h2', {}, label), P.el('p', { class: 'pre', testid: testid }, text));
  }

  function qrLinks(entry) {
    const urls = entry.qr_urls || [];
    if (!urls.length) return null;
    return P.el('section', { class: 'text-block' }, P.el('h2', {}, P.t('entry.qr_links')),
      P.el('ul', { class: 'link-list' }, urls.map(function (u) { return P.el('li', {}, P.externalLink(u, 'entry-qr-link')); })));
  }

  function provenanceList(entry) {
    const markers = Array.isArray(entry.provenance) ? entry.provenance : ((entry.provenance || {}).markers || []);
    if (!markers.length) return null;
    return P.el('section', { class: 'text-block' }, P.el('h2', {}, P.t('entry.provenance')),
      P.el('ul', { class: 'plain-list' }, markers.map(function (m) {
        return P.el('li', {}, P.el('span', { class: 'mono' }, m.source), ' ', m.detail);
      })));
  }

  P.statusLabel = function (status) { return P.t('status.' + status); };

  function entryFacts(entry) {
    return P.el('dl', { class: 'facts' },
      factRow(P.t('entry.number'), '#' + entry.entry),
      factRow(P.t('entry.author'), P.byline(entry)),
      factRow(P.t('entry.theme'), P.themeName(entry.theme)),
      factRow(P.t('entry.ai_tools'), entry.ai_tools),
      factRow(P.t('entry.submitted'), P.localTime(entry, 'submitted_at')),
      entry.review_status && entry.review_status !== 'approved' ? factRow(P.t('entry.status'), P.statusLabel(entry.review_status)) : null);
  }

  // Only an approved entry is exhibited: no sheet for the others.
  function exhibited(entry) { return !entry.review_status || entry.review_status === 'approved'; }

  function entryLinks(entry) {
    return P.el('p', { class: 'actions' },
      P.el('a', { href: '#/gallery', class: 'btn btn-quiet' }, P.t('entry.back')),
      exhibited(entry) ? P.el('a', { href: '#/sheet/' + entry.entry, class: 'btn btn-quiet', testid: 'entry-sheet-link' }, P.t('entry.sheet')) : null);
  }

  // For its author (and staff): where an entry not in the gallery stands, the
  // moderator's words, and what a missing AI marker means (information only).
  function standing(entry) {
    if (exhibited(entry) && !(entry.flags || []).includes('no_ai_provenance')) return null;
    const own = P.state.me && entry.author === P.state.me.employee_id;
    return P.el('section', { class: 'text-block', testid: 'entry-standing' },
      exhibited(entry) ? null : P.el('p', {}, P.el('span', { class: 'status status-' + entry.review_status, testid: 'entry-status' }, P.statusLabel(entry.review_status)),
        ' ', P.t('status.help_' + entry.review_status)),
      entry.status_reason && !exhibited(entry) ? P.el('p', { class: 'reason', testid: 'entry-reason' }, P.el('strong', {}, P.t('mine.reason')), ' ', entry.status_reason) : null,
      own && (entry.flags || []).includes('no_ai_provenance') ? P.notice('info', P.t('entry.no_ai_provenance_note'), 'entry-no-ai-note') : null);
  }

  P.exhibited = exhibited;

  function entryInfo(entry) {
    const vote = P.voteButton ? P.voteButton(entry) : null;
    return P.el('div', { class: 'entry-info' },
      P.tierBadge(entry, 'entry-tier'),
      P.el('h1', { class: 'page-title', testid: 'entry-title' }, entry.title),
      standing(entry),
      entryFacts(entry),
      vote ? P.el('div', { class: 'vote-row' }, vote) : null,
      textBlock(P.t('entry.prompt'), entry.prompt, 'entry-prompt'),
      textBlock(P.t('entry.description'), entry.description, 'entry-description'),
      qrLinks(entry),
      provenanceList(entry),
      entryLinks(entry));
  }

  async function renderEntry(view, id) {
    P.add(view, P.loading());
    const loads = await Promise.all([P.api.get('/api/entries/' + encodeURIComponent(id)), P.refreshBallot()]);
    const entry = loads[0];
    P.setTitle(entry.title);
    const figure = P.el('figure', { class: 'poster-large' },
      P.posterImage(entry, { sizes: '(max-width: 900px) 100vw, 55vw', eager: true, testid: 'entry-image' }));
    P.put(view, P.el('div', { class: 'entry-layout' }, figure, entryInfo(entry)));
  }

  function renderNotFound(view) {
    P.setTitle(P.t('error.page_not_found'));
    P.add(view, P.heading(P.t('error.page_not_found')),
      P.el('p', {}, P.el('a', { href: '#/gallery' }, P.t('entry.back'))));
  }

  P.route('gallery', renderGallery);
  P.route('entry', renderEntry);
  P.route('notfound', renderNotFound);
})();
