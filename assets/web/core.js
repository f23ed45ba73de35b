/* core.js: language, safe DOM building, URLs and the static mode, the API
   client, the signed-in person and the contest, and the hash router.
   Everything hangs off window.Poster (P below); the page files register
   routes with P.route(name, handler, options). */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  /* ---------- Language ---------- */

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

  /* ---------- Events (tiny) ---------- */

  const listeners = {};
  P.on = function (name, fn) { (listeners[name] = listeners[name] || []).push(fn); };
  P.emit = function (name, value) {
    (listeners[name] || []).forEach(function (fn) { fn(value); });
  };

  /* ---------- Safe DOM building (never innerHTML with data) ---------- */

  const PROPERTIES = ['value', 'checked', 'disabled', 'hidden', 'required', 'multiple',
    'selected', 'readOnly', 'min', 'max', 'step'];

  function applyProps(node, props) {
    Object.keys(props).forEach(function (key) {
      const value = props[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'style' || /^on/i.test(key)) throw new Error('not allowed under the CSP: ' + key);
      if (key === 'class') node.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      else if (key === 'text') node.textContent = String(value);
      else if (key === 'testid') node.setAttribute('data-testid', value);
      else if (key === 'dataset') Object.assign(node.dataset, value);
      else if (key === 'events') Object.keys(value).forEach(function (ev) { node.addEventListener(ev, value[ev]); });
      else if (PROPERTIES.indexOf(key) >= 0) node[key] = value;
      else node.setAttribute(key, value === true ? '' : String(value));
    });
  }

  function appendAll(node, children) {
    children.forEach(function (child) {
      if (child === null || child === undefined || child === false) return;
      if (Array.isArray(child)) appendAll(node, child);
      else if (child instanceof Node) node.appendChild(child);
      else node.appendChild(document.createTextNode(String(child)));
    });
  }

  // P.el('a', {href: '#/gallery', class: 'x', testid: 'y', events: {click: f}}, 'text', child...)
  P.el = function (tag, props) {
    const node = document.createElement(tag);
    if (props) applyProps(node, props);
    appendAll(node, Array.prototype.slice.call(arguments, 2));
    return node;
  };

  // node.append / replaceChildren would print null as "null": these skip
  // null, undefined and false, and flatten arrays.
  P.add = function (node) {
    appendAll(node, Array.prototype.slice.call(arguments, 1));
    return node;
  };

  P.put = function (node) {
    node.replaceChildren();
    appendAll(node, Array.prototype.slice.call(arguments, 1));
    return node;
  };

  P.button = function (label, props) {
    return P.el('button', Object.assign({ type: 'button', class: 'btn' }, props || {}), label);
  };

  // A label around its control, with an optional hint below.
  P.field = function (label, control, hint) {
    const id = control.id || ('f-' + Math.random().toString(36).slice(2, 9));
    control.id = id;
    const hintNode = hint ? P.el('p', { class: 'hint', id: id + '-hint' }, hint) : null;
    if (hintNode) control.setAttribute('aria-describedby', hintNode.id);
    return P.el('div', { class: 'field' }, P.el('label', { for: id }, label), control, hintNode);
  };

  // kind: info | ok | error | warn. Errors are announced (role=alert).
  P.notice = function (kind, text, testid) {
    return P.el('div', {
      class: 'notice notice-' + kind, role: kind === 'error' ? 'alert' : 'status',
      testid: testid || 'notice', dataset: { kind: kind },
    }, text);
  };

  P.errorBox = function (err, testid) { return P.notice('error', P.errorText(err), testid); };

  P.loading = function () { return P.el('p', { class: 'loading', role: 'status' }, P.t('common.loading')); };

  P.heading = function (text, level) { return P.el('h' + (level || 1), { class: 'page-title' }, text); };

  P.setTitle = function (text) {
    const contest = P.pick(P.state.contest, 'name') || P.t('app.name');
    document.title = text ? text + ' · ' + contest : contest;
  };

  // Only http(s) links from data become clickable; anything else is text.
  P.externalLink = function (url, testid) {
    if (!/^https?:\/\//i.test(String(url))) return P.el('span', { class: 'mono' }, String(url));
    return P.el('a', {
      href: url, target: '_blank', rel: 'noopener noreferrer', class: 'ext-link', testid: testid,
    }, String(url));
  };

  /* ---------- URLs and the static mode ---------- */

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
    return new ApiError(status, {
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

  function staticGet(path) {
    const route = path.split('?')[0];
    const entry = route.match(/^\/api\/entries\/(\d+)$/);
    if (route === '/api/contest') return P.data.contest;
    if (route === '/api/gallery') return P.data.gallery || { entries: [] };
    if (entry) return staticEntry(entry[1]);
    if (route === '/api/results') {
      if (P.data.results) return P.data.results;
      throw staticError(403, 'results_sealed');
    }
    if (route === '/api/me') throw staticError(401, 'not_signed_in');
    throw staticError(404, 'not_available');
  }

  /* ---------- The API client ---------- */

  function ApiError(status, body) {
    const data = body || {};
    this.name = 'ApiError';
    this.status = status;
    this.code = data.code || (status ? 'http_' + status : 'network');
    this.message = data.message || '';
    this.message_en = data.message_en || '';
    this.details = data.details || {};
    this.body = data;
  }
  ApiError.prototype = Object.create(Error.prototype);
  P.ApiError = ApiError;

  function networkError() {
    return new ApiError(0, {
      code: 'network', message: P.t('error.network'), message_en: (window.PosterText.en || {})['error.network'],
    });
  }

  function parseBody(text) {
    if (!text) return null;
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  async function request(method, path, body, contentType) {
    if (P.isStatic) {
      if (method === 'GET') return staticGet(path);
      throw staticError(403, 'not_available');
    }
    const headers = { Accept: 'application/json' };
    if (method !== 'GET' && P.csrf) headers['X-CSRF-Token'] = P.csrf;
    let payload;
    if (body !== undefined) {
      headers['Content-Type'] = contentType || 'application/json';
      payload = contentType ? body : JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(P.url(path), { method: method, headers: headers, body: payload, credentials: 'same-origin' });
    } catch (e) {
      throw networkError();
    }
    const data = parseBody(await response.text());
    if (!response.ok) throw new ApiError(response.status, data);
    return data;
  }

  P.api = {
    get: function (path) { return request('GET', path); },
    post: function (path, body) { return request('POST', path, body === undefined ? {} : body); },
    postRaw: function (path, body, contentType) { return request('POST', path, body, contentType); },
    del: function (path) { return request('DELETE', path); },
  };

  // multipart upload through XMLHttpRequest, so that progress is real.
  // onProgress(fraction, uploaded): uploaded is true once the body is sent.
  P.upload = function (path, form, onProgress) {
    return new Promise(function (resolve, reject) {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', P.url(path));
      xhr.setRequestHeader('Accept', 'application/json');
      if (P.csrf) xhr.setRequestHeader('X-CSRF-Token', P.csrf);
      xhr.upload.addEventListener('progress', function (e) {
        if (e.lengthComputable) onProgress(e.loaded / e.total, false);
      });
      xhr.upload.addEventListener('load', function () { onProgress(1, true); });
      xhr.addEventListener('load', function () {
        const data = parseBody(xhr.responseText);
        if (xhr.status >= 200 && xhr.status < 300) resolve(data);
        else reject(new ApiError(xhr.status, data));
      });
      xhr.addEventListener('error', function () { reject(networkError()); });
      xhr.send(form);
    });
  };

  /* ---------- The signed-in person and the contest ---------- */

  P.state = { me: null, contest: null, ballot: null, ownIds: null };

  P.loadMe = async function () {
    P.state.me = null;
    P.csrf = null;
    if (P.isStatic) return null;
    try {
      P.state.me = await P.api.get('/api/me');
      P.csrf = P.state.me.csrf;
    } catch (err) {
      if (err.status !== 401) throw err;
    }
    return P.state.me;
  };

  P.loadContest = async function () {
    P.state.contest = await P.api.get('/api/contest');
    return P.state.contest;
  };

  P.hasRole = function (role) {
    const roles = (P.state.me && P.state.me.roles) || [];
    return roles.indexOf(role) >= 0 || roles.indexOf('admin') >= 0;
  };

  P.phase = function (name) {
    const phases = (P.state.contest && P.state.contest.phases) || [];
    return phases.find(function (p) { return p.phase === name; }) || null;
  };

  P.phaseOpen = function (name) { const p = P.phase(name); return !!(p && p.open); };

  // Voting is for staff who hold the employee role themselves (the server's
  // rule: being an admin is not enough); judges from outside do not vote.
  P.canVote = function () {
    const roles = (P.state.me && P.state.me.roles) || [];
    return !P.isStatic && roles.indexOf('employee') >= 0 && P.phaseOpen('voting');
  };

  // The ballot and the person's own entries, while voting is open.
  P.refreshBallot = async function () {
    P.state.ballot = null;
    if (!P.canVote()) { P.emit('ballot'); return null; }
    const loads = [P.api.get('/api/my/ballot')];
    if (!P.state.ownIds) loads.push(P.api.get('/api/my/entries'));
    const results = await Promise.all(loads);
    P.state.ballot = results[0];
    if (results[1]) P.state.ownIds = new Set((results[1].entries || []).map(function (e) { return e.entry; }));
    P.emit('ballot');
    return P.state.ballot;
  };

  P.setBallot = function (ballot) { P.state.ballot = ballot; P.emit('ballot'); };

  P.themeName = function (name) {
    const themes = (P.state.contest && P.state.contest.themes) || [];
    const theme = themes.find(function (t) { return t.name === name; });
    return theme ? P.pick(theme, 'name') : (name || '');
  };

  // A time for display: the *_local field when the API gives one, else the
  // UTC time shown in the contest's zone.
  P.localTime = function (obj, field) {
    if (!obj) return '';
    if (obj[field + '_local']) return obj[field + '_local'];
    const iso = obj[field];
    if (!iso) return '';
    try {
      const zone = (P.state.contest && P.state.contest.time_zone) || undefined;
      return new Intl.DateTimeFormat(P.lang === 'en' ? 'en-GB' : 'ko-KR', {
        dateStyle: 'medium', timeStyle: 'short', timeZone: zone,
      }).format(new Date(iso));
    } catch (e) {
      return iso;
    }
  };

  /* ---------- The hash router ---------- */

  const routes = {};
  let leaveHooks = [];

  // options: {auth: true} needs sign-in; {role: 'moderator'} needs the role;
  // {bare: true} hides the header and footer (slideshow).
  P.route = function (name, handler, options) {
    routes[name] = Object.assign({ handler: handler }, options || {});
  };

  // Called when the view is left (timers, key listeners).
  P.onLeave = function (fn) { leaveHooks.push(fn); };

  P.go = function (hash) {
    if (location.hash === hash) P.rerender();
    else location.hash = hash;
  };

  P.parseHash = function () {
    const raw = location.hash.replace(/^#\/?/, '');
    const parts = raw.split('/');
    let arg = parts.slice(1).join('/');
    try { arg = decodeURIComponent(arg); } catch (e) { /* keep it raw */ }
    return { name: parts[0] || 'gallery', arg: arg };
  };

  function runLeaveHooks() {
    const hooks = leaveHooks;
    leaveHooks = [];
    hooks.forEach(function (fn) { try { fn(); } catch (e) { /* ignore */ } });
  }

  // A route the person may not open renders a reason instead (or sends them
  // to sign in, remembering where they were going).
  function refusal(route) {
    if (!route.auth && !route.role) return null;
    if (P.isStatic) return P.notice('info', P.t('static.signin_hidden'), 'static-hidden');
    if (!P.state.me) {
      try { sessionStorage.setItem('poster.next', location.hash); } catch (e) { /* ignore */ }
      P.go('#/signin');
      return P.loading();
    }
    if (route.role && !P.hasRole(route.role)) return P.notice('error', P.t('error.not_permitted'), 'not-permitted');
    return null;
  }

  // Phases change while a page is open (an admin opens voting): the contest
  // is read again on each navigation, and the ballot when voting changed.
  async function freshContest() {
    const wasVoting = P.canVote();
    await P.loadContest();
    if (P.canVote() !== wasVoting) await P.refreshBallot();
  }

  let first = true;

  async function renderRoute(focus) {
    runLeaveHooks();
    const where = P.parseHash();
    const route = routes[where.name] || routes.notfound;
    const main = document.getElementById('main');
    const view = P.el('div', { class: 'view view-' + where.name });
    main.replaceChildren(view);
    document.body.setAttribute('data-route', where.name);
    document.body.classList.toggle('bare', !!route.bare);
    P.emit('route', where.name);
    const refused = refusal(route);
    const wasFirst = first;
    first = false;
    if (refused) { view.appendChild(refused); return; }
    if (focus) main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    try {
      if (!wasFirst) await freshContest();
      await route.handler(view, where.arg);
    } catch (err) {
      if (view.isConnected) view.replaceChildren(P.errorBox(err, 'page-error'));
    }
  }

  P.rerender = function () { return renderRoute(false); };

  // After sign-in or sign-out: the person, the header, the ballot, the page.
  P.refresh = async function (hash) {
    await P.loadMe();
    P.state.ownIds = null;
    P.emit('me');
    await P.refreshBallot().catch(function () { /* the header shows nothing */ });
    if (hash) P.go(hash); else P.rerender();
  };

  // After sign-in: where the person was going, else the gallery.
  P.takeNext = function () {
    let next = null;
    try { next = sessionStorage.getItem('poster.next'); sessionStorage.removeItem('poster.next'); } catch (e) { /* ignore */ }
    return next && next.indexOf('#/signin') !== 0 && next.indexOf('#/invite') !== 0 ? next : '#/gallery';
  };

  async function start() {
    document.documentElement.lang = P.lang;
    try {
      await Promise.all([P.loadContest(), P.loadMe()]);
    } catch (err) {
      document.getElementById('main').replaceChildren(P.errorBox(err, 'start-error'));
      return;
    }
    P.emit('me');
    await P.refreshBallot().catch(function () { /* voting widgets stay hidden */ });
    window.addEventListener('hashchange', function () {
      if (location.hash.indexOf('#/') === 0 || location.hash === '') renderRoute(true);
    });
    renderRoute(false);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
