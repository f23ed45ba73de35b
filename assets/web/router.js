/* router.js: the hash router (#/name/arg): routes that the page files
   register with P.route(name, handler, options), the sign-in and role gates of
   a route, and the start of the app. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

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

  // "#/sheets?size=a3": name, arg and the query after "?" (URLSearchParams).
  P.parseHash = function () {
    const full = location.hash.replace(/^#\/?/, '');
    const mark = full.indexOf('?');
    const raw = mark < 0 ? full : full.slice(0, mark);
    const parts = raw.split('/');
    let arg = parts.slice(1).join('/');
    try { arg = decodeURIComponent(arg); } catch (e) { /* keep it raw */ }
    return { name: parts[0] || 'gallery', arg: arg, query: new URLSearchParams(mark < 0 ? '' : full.slice(mark + 1)) };
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
    const wasVoting = P.phaseOpen('voting');
    await P.loadContest();
    if (P.phaseOpen('voting') !== wasVoting) await P.refreshBallot();
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
    if (P.state.meLoading && (route.auth || route.role)) {  // a link tapped while signing in
      view.appendChild(P.loading());
      await P.state.meLoading.catch(function () { return null; });
      if (!view.isConnected) return;
      view.replaceChildren();
    }
    const refused = refusal(route);
    const wasFirst = first;
    first = false;
    if (refused) { view.appendChild(refused); return; }
    if (focus) main.focus({ preventScroll: true });
    window.scrollTo(0, 0);
    try {
      if (!wasFirst) await freshContest();
      await route.handler(view, where.arg, where.query);
    } catch (err) {
      if (view.isConnected) view.replaceChildren(P.errorBox(err, 'page-error'));
    }
  }

  P.rerender = function () { return renderRoute(false); };

  // After sign-in or sign-out: the person, the header, the ballot, the page.
  // The header changes at once; the page goes to `hash` only when the person
  // has not gone elsewhere meanwhile (a link tapped while the ballot loads is
  // followed, not undone).
  P.refresh = async function (hash) {
    const from = location.hash;
    await P.loadMe();
    P.state.ownIds = null;
    P.emit('me');
    await P.refreshBallot().catch(function () { /* the header shows nothing */ });
    if (hash && location.hash === from) P.go(hash); else P.rerender();
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
