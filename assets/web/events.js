/* events.js: a tiny event bus (P.on, P.emit) that tells the header and the
   pages when the language, the person, the ballot or the route changed. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  const listeners = {};
  P.on = function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); };
  P.emit = function (name, value) {
    (listeners[name] || []).forEach(function (fn) { fn(value); });
  };
})();
