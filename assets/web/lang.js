/* lang.js: the reader's language (Korean unless they chose English), UI
   strings from i18n-ko.js and i18n-en.js, names and API errors in that language. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  const LANG_KEY = 'poster.lang';

  function storedLang() {
    try { return window.localStorage.getItem(LANG_KEY); } catch (e) { return null; }
  }

  P.lang = storedLang() === 'en' ? 'en' : 'ko';

  P.setLang = function (lang) {
    P.lang = lang === 'en' ? 'en' : 'ko';
    document.documentElement.lang = P.lang;
    try { window.localStorage.setItem(LANG_KEY, P.lang); } catch (e) { /* private mode */ }
    P.emit('lang');
    P.rerender();
  };

  // A UI string from i18n-ko.js or i18n-en.js; {name} placeholders are filled from vars.
  P.t = function (key, vars) {
    const table = window.PosterText || {};
    let text = (table[P.lang] || {})[key];
    if (text === undefined) text = (table.ko || {})[key];
    if (text === undefined) return key;
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return vars && vars[name] !== undefined && vars[name] !== null ? String(vars[name]) : whole;
    });
  };

  // obj.name or, in English, obj.name_en when there is one.
  P.pick = function (obj, field) {
    if (!obj) return '';
    const english = obj[field + '_en'];
    return P.lang === 'en' && english ? english : (obj[field] || english || '');
  };

  // The message of an API error in the current language.
  P.errorText = function (err) {
    if (!err) return P.t('error.generic', { code: '?' });
    const text = P.lang === 'en' ? (err.message_en || err.message) : (err.message || err.message_en);
    return text || P.t('error.generic', { code: err.code || err.status || '?' });
  };
})();
