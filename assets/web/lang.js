/* lang.js: the reader's language (Korean unless they chose English), UI
   strings from i18n-ko.js and i18n-en.js (and their -awards parts), names and API errors in that language. */
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

  // The form of a Korean particle after `word` (을/를, 은/는, 이/가, 과/와,
  // 으로/로, 이나/나, 이라/라), by its last sound: the rule of base/text.h's
  // KoreanParticle, so the server's messages and the pages agree.
  const PAIRS = [['을', '를'], ['은', '는'], ['이', '가'], ['과', '와'], ['으로', '로'],
    ['이나', '나'], ['이라', '라']];
  const DIGIT_ENDINGS = 'crvcvvcrrv';  // 영 일 이 삼 사 오 육 칠 팔 구
  function ending(word) {
    let last = '?';
    for (const ch of String(word)) {
      const c = ch.codePointAt(0);
      if (c >= 0xAC00 && c <= 0xD7A3) {
        const final = (c - 0xAC00) % 28;
        last = final === 0 ? 'v' : final === 8 ? 'r' : 'c';
      } else if (c >= 48 && c <= 57) {
        last = DIGIT_ENDINGS[c - 48];
      } else if (/[A-Za-z]/.test(ch)) {
        const l = ch.toLowerCase();
        last = l === 'l' || l === 'r' ? 'r' : l === 'm' || l === 'n' ? 'c' : 'v';
      } else if (!(c < 0x80 || (c >= 0x2000 && c <= 0x206F) || (c >= 0x3000 && c <= 0x303F) ||
                   (c >= 0xFF00 && c <= 0xFF0F))) {
        last = '?';
      }
    }
    return last;
  }
  P.josa = function (word, particle) {
    const pair = PAIRS.find(function (p) { return p[0] === particle || p[1] === particle; });
    const last = ending(word);
    if (!pair || last === '?') return particle;
    if (last === 'v') return pair[1];
    return last === 'r' && pair[0] === '으로' ? pair[1] : pair[0];
  };

  // A UI string from i18n-ko.js or i18n-en.js; {name} placeholders are filled
  // from vars, and {name:을} adds the particle in the form the value takes.
  P.t = function (key, vars) {
    const table = window.PosterText || {};
    let text = (table[P.lang] || {})[key];
    if (text === undefined) text = (table.ko || {})[key];
    if (text === undefined) return key;
    return text.replace(/\{(\w+)(?::([^}]+))?\}/g, function (whole, name, particle) {
      if (!vars || vars[name] === undefined || vars[name] === null) return whole;
      const value = String(vars[name]);
      return particle ? value + P.josa(value, particle) : value;
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
