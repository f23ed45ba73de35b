/* static-site.js: the static export's mode. Opened from files, the pages read
   window.POSTER_DATA (data.js) instead of asking a server; URLs stay relative so
   the same pages work at http://host/, under a path prefix and from file://. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  P.data = window.POSTER_DATA || null;
  P.isStatic = !!P.data;

  // Every URL is made relative to the page (the leading slash dropped), so the
  // pages work at http://host/, under a path prefix, and from file://.
  P.url = function (path) {
    const s = String(path || '');
    return s.charAt(0) === '/' && s.charAt(1) !== '/' ? s.slice(1) : s;
  };

  function staticError(status, code) {
    const text = window.PosterText || {};
    return new P.ApiError(status, {
      code: code,
      message: (text.ko || {})['static.' + code] || code,
      message_en: (text.en || {})['static.' + code] || code,
    });
  }

  function staticEntry(id) {
    const entries = P.data.entries || {};
    if (entries[id]) return entries[id];
    const cards = (P.data.gallery || {}).entries || [];
    const card = cards.find(function (c) { return String(c.entry) === String(id); });
    if (card) return card;
    throw staticError(404, 'not_found');
  }

  // The exhibition (the lobby screen, the sheets); ?entry=N: that one alone.
  function staticExhibition(path) {
    const all = P.data.exhibition || { phase: 'before_voting', entries: [] };
    const only = path.match(/[?&]entry=([^&]*)/);
    if (!only) return all;
    const entries = (all.entries || []).filter(function (e) { return String(e.entry) === only[1]; });
    if (!entries.length) throw staticError(404, 'not_found');
    return Object.assign({}, all, { entries: entries });
  }

  function staticGet(path) {
    const route = path.split('?')[0];
    const entry = route.match(/^\/api\/entries\/(\d+)$/);
    if (route === '/api/contest') return P.data.contest;
    if (route === '/api/gallery') return P.data.gallery || { entries: [] };
    if (entry) return staticEntry(entry[1]);
    if (route === '/api/exhibition') return staticExhibition(path);
    if (route === '/api/results') {
      if (P.data.results) return P.data.results;
      throw staticError(403, 'results_sealed');
    }
    if (route === '/api/me') throw staticError(401, 'not_signed_in');
    throw staticError(404, 'not_available');
  }

  P.staticGet = staticGet;
  P.staticError = staticError;

})();
