/* pages-lobby.js: the lobby screen (#/slideshow; docs/web.md, "The lobby
   screen"): each approved poster large with its QR code, title, authors,
   theme and tier, one after another; buttons to pause and play (WCAG 2.2.2;
   Space too), go back and forth, go full screen and leave, big enough for a
   touch screen. The kiosk mode (#/slideshow?kiosk=1) shows no buttons until
   the screen is touched, loops forever, asks /api/exhibition again every
   minute and, when that fails, keeps showing what it has: each picture it
   loaded stays in its <img> and is shown again from there. What it says of an
   entry comes from pages-show.js (P.exhibitionTier, ...). */
(function () {
  'use strict';
  const P = window.Poster;

  const SLIDE_MS = 12000;
  const REFRESH_MS = 60000;
  const TIMEOUT_MS = 15000;
  const CHROME_MS = 5000;
  // The poster is as tall as the screen beside its caption (landscape) or
  // about as wide as the screen (portrait).
  const POSTER_SIZES = '(min-aspect-ratio: 1/1) 70vh, 92vw';

  // /api/exhibition, or a refusal once TIMEOUT_MS have passed without an answer.
  function loadExhibition() {
    let timer = null;
    const late = new Promise(function (resolve, reject) {
      timer = window.setTimeout(function () { reject(new P.ApiError(0, { code: 'timeout' })); }, TIMEOUT_MS);
    });
    return Promise.race([P.api.get('/api/exhibition'), late]).finally(function () { window.clearTimeout(timer); });
  }

  // One <img> per picture, made once: a slide shown again takes the same
  // element back, so what was loaded once shows with the server gone.
  function imageKeeper() {
    const kept = new Map();
    return function (key, make) {
      if (!kept.has(key)) kept.set(key, make());
      return kept.get(key);
    };
  }

  // "/media/SHA/640.webp 640w, /media/SHA/1280.webp 1280w"
  function posterSources(entry) {
    const urls = [entry.thumbnail, entry.image].filter(function (u, i, all) { return u && all.indexOf(u) === i; });
    return urls.map(function (u) { return P.url(u) + ' ' + (u.match(/(\d+)\.\w+$/) || [0, 640])[1] + 'w'; }).join(', ');
  }

  function posterImage(entry) {
    return P.el('img', {
      decoding: 'async', width: entry.width || null, height: entry.height || null,
      sizes: POSTER_SIZES, srcset: posterSources(entry),
      src: P.url(entry.thumbnail), alt: entry.alt_text || entry.title || P.t('entry.untitled'),
      class: 'slide-img', testid: 'slide-image',
    });
  }

  function slideNode(show, entry) {
    const poster = show.keep('poster:' + entry.thumbnail, function () { return posterImage(entry); });
    const qr = show.keep('qr:' + entry.qr_url, function () { return P.exhibitionQr(entry, 'slide-qr', 'slide-qr-img'); });
    return P.el('article', { class: 'slide', testid: 'slide', dataset: { entry: String(entry.entry) } },
      P.el('figure', { class: 'slide-poster' }, poster),
      P.el('div', { class: 'slide-info' },
        P.el('div', { class: 'slide-text' },
          P.exhibitionTier(entry, 'slide-tier'),
          P.el('h2', { class: 'slide-title', testid: 'slide-title' }, entry.title),
          P.el('p', { class: 'slide-byline', testid: 'slide-author' }, P.exhibitionByline(entry)),
          entry.theme ? P.el('p', { class: 'slide-theme', testid: 'slide-theme' }, P.themeName(entry.theme)) : null,
          typeof entry.likes === 'number'
            ? P.el('p', { class: 'slide-likes', testid: 'slide-likes', dataset: { likes: String(entry.likes) } },
              '♥ ' + P.t('citizens.likes', { count: entry.likes }))
            : null,
          P.el('p', { class: 'slide-count' }, (show.index + 1) + ' / ' + show.entries.length)),
        P.el('figure', { class: 'slide-qr' }, qr,
          P.el('figcaption', {},
            P.el('span', { class: 'slide-scan' }, P.exhibitionCaption(show.phase, entry)),
            P.el('span', { class: 'slide-url', testid: 'slide-url' }, entry.short_url)))));
  }

  function toggleFullscreen() {
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen().catch(function () {});
  }

  function leaveSlideshow() {
    if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
    P.go('#/gallery');
  }

  function controlButton(label, testid, icon, onClick) {
    return P.button([P.el('span', { class: 'slide-icon slide-icon-' + icon, 'aria-hidden': 'true' }),
      P.el('span', { class: 'slide-button-text' }, label)],
    { class: 'slide-button slide-' + icon, testid: testid, 'aria-label': label, title: label, events: { click: onClick } });
  }

  // The show: which entry is on, whether it plays, its timers.
  function Show(view, stage, kiosk) {
    this.view = view;
    this.stage = stage;
    this.kiosk = kiosk;
    this.entries = [];
    this.phase = 'before_voting';
    this.index = 0;
    this.playing = true;
    this.timer = null;
    this.keep = imageKeeper();
  }

  Show.prototype.paint = function () {
    if (!this.entries.length) { P.put(this.stage, P.el('p', { class: 'slide-empty', testid: 'slide-empty' }, P.t('gallery.empty'))); return; }
    this.index = (this.index + this.entries.length) % this.entries.length;
    P.put(this.stage, slideNode(this, this.entries[this.index]));
    const next = this.entries[(this.index + 1) % this.entries.length];  // loaded before it is shown
    this.keep('poster:' + next.thumbnail, function () { return posterImage(next); });
    this.keep('qr:' + next.qr_url, function () { return P.exhibitionQr(next, 'slide-qr', 'slide-qr-img'); });
    this.schedule();
  };

  Show.prototype.schedule = function () {
    window.clearTimeout(this.timer);
    this.timer = null;
    if (!this.playing || this.entries.length < 2) return;
    const show = this;
    this.timer = window.setTimeout(function () { show.move(1); }, SLIDE_MS);
  };

  Show.prototype.move = function (step) { this.index += step; this.paint(); };

  Show.prototype.setPlaying = function (playing) {
    this.playing = playing;
    this.view.dataset.state = playing ? 'playing' : 'paused';
    const label = P.t(playing ? 'lobby.pause' : 'lobby.play');
    P.put(this.pause, P.el('span', { class: 'slide-icon slide-icon-' + (playing ? 'pause' : 'play'), 'aria-hidden': 'true' }),
      P.el('span', { class: 'slide-button-text' }, label));
    this.pause.setAttribute('aria-label', label);
    this.pause.title = label;
    this.pause.dataset.state = playing ? 'playing' : 'paused';
    P.put(this.status, P.t(playing ? 'lobby.playing' : 'lobby.paused'));
    this.schedule();
  };

  // The list again: the entry on screen stays on; a failure keeps what we have.
  Show.prototype.refresh = async function () {
    let fresh;
    try {
      fresh = await loadExhibition();
    } catch (err) {
      this.view.dataset.stale = 'true';
      this.failure = err;
      return false;
    }
    this.view.dataset.stale = 'false';
    const current = this.entries[this.index];
    const wasEmpty = !this.entries.length;
    this.entries = fresh.entries || [];
    this.phase = fresh.phase;
    const at = current ? this.entries.findIndex(function (e) { return e.entry === current.entry; }) : -1;
    if (at >= 0) this.index = at;
    if (wasEmpty || at < 0) this.paint();
    return true;
  };

  Show.prototype.controls = function () {
    const show = this;
    this.pause = P.button('', { class: 'slide-button slide-pause', testid: 'slideshow-pause', events: { click: function () { show.setPlaying(!show.playing); } } });
    const full = document.fullscreenEnabled
      ? controlButton(P.t('lobby.fullscreen'), 'slideshow-fullscreen', 'full', toggleFullscreen) : null;
    return P.el('div', { class: 'slide-controls', role: 'group', 'aria-label': P.t('lobby.controls'), testid: 'slideshow-controls' },
      controlButton(P.t('lobby.previous'), 'slideshow-previous', 'previous', function () { show.move(-1); }),
      this.pause,
      controlButton(P.t('lobby.next'), 'slideshow-next', 'next', function () { show.move(1); }),
      full,
      controlButton(P.t('lobby.exit'), 'slideshow-exit', 'exit', leaveSlideshow),
      P.el('p', { class: 'slide-hint' }, P.t('lobby.hint')));
  };

  Show.prototype.onKey = function (e) {
    const onControl = e.target && /^(BUTTON|A|SELECT|INPUT)$/.test(e.target.tagName);
    if (e.key === 'Escape') leaveSlideshow();
    else if (e.key === ' ' && !onControl) { e.preventDefault(); this.setPlaying(!this.playing); }
    else if (e.key === 'ArrowRight' || e.key === 'PageDown') { e.preventDefault(); this.move(1); }
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') { e.preventDefault(); this.move(-1); }
    else if (e.key === 'f' || e.key === 'F') toggleFullscreen();
  };

  // Kiosk: the buttons show for a while after a touch, a click or a key.
  Show.prototype.revealChrome = function () {
    const view = this.view;
    view.classList.add('chrome-shown');
    window.clearTimeout(this.chromeTimer);
    this.chromeTimer = window.setTimeout(function () { view.classList.remove('chrome-shown'); }, CHROME_MS);
  };

  function keepAwake(kiosk) {
    if (!kiosk || !navigator.wakeLock) return function () {};
    let lock = null;
    const ask = function () {
      if (document.visibilityState === 'visible') navigator.wakeLock.request('screen').then(function (l) { lock = l; }, function () {});
    };
    ask();
    document.addEventListener('visibilitychange', ask);
    return function () { document.removeEventListener('visibilitychange', ask); if (lock) lock.release().catch(function () {}); };
  }

  function wire(show) {
    const onKey = function (e) { if (show.kiosk) show.revealChrome(); show.onKey(e); };
    document.addEventListener('keydown', onKey);
    show.stage.addEventListener('click', function () { if (show.kiosk) show.revealChrome(); else show.move(1); });
    if (show.kiosk) show.view.addEventListener('pointermove', function () { show.revealChrome(); });
    const refresher = window.setInterval(function () { show.refresh(); }, REFRESH_MS);
    const release = keepAwake(show.kiosk);
    P.onLeave(function () {
      window.clearTimeout(show.timer);
      window.clearTimeout(show.chromeTimer);
      window.clearInterval(refresher);
      document.removeEventListener('keydown', onKey);
      release();
    });
  }

  async function renderSlideshow(view, arg, query) {
    const kiosk = !!(query && query.get('kiosk') === '1');
    P.setTitle(P.t('slideshow.title'));
    view.classList.add('slideshow');
    view.classList.toggle('kiosk', kiosk);
    view.setAttribute('data-testid', 'slideshow');
    view.dataset.kiosk = kiosk ? 'true' : 'false';
    const stage = P.el('div', { class: 'slide-stage', 'aria-live': 'off' });
    const show = new Show(view, stage, kiosk);
    show.status = P.el('p', { class: 'visually-hidden', role: 'status', testid: 'slideshow-status' });
    P.add(view, stage, show.controls(), show.status);
    show.setPlaying(true);
    wire(show);
    P.put(stage, P.loading());
    if (!(await show.refresh())) {
      if (!kiosk) throw show.failure;
      P.put(stage, P.el('p', { class: 'slide-empty', testid: 'slide-waiting' }, P.t('lobby.waiting')));  // the next refresh may bring it
    }
  }

  P.route('slideshow', renderSlideshow, { bare: true });
})();
