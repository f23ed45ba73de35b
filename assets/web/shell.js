/* shell.js: the header (contest name, navigation by role, votes left, the
   person, sign-out, the language toggle), the footer and the skip link. On a
   phone the header is one row (name, votes left, the menu button) and the
   menu opens below it; on a desk the menu is inline and wraps. */
(function () {
  'use strict';
  const P = window.Poster;

  // [route, i18n key, who sees it]
  const NAV = [
    ['gallery', 'nav.gallery', 'everyone'],
    ['results', 'nav.results', 'everyone'],
    ['slideshow', 'nav.slideshow', 'everyone'],
    ['submit', 'nav.submit', 'employee'],
    ['mine', 'nav.mine', 'employee'],
    ['review', 'nav.review', 'moderator'],
    ['judge', 'nav.judge', 'judge'],
    ['admin', 'nav.admin', 'admin'],
    ['notices', 'nav.notices', 'signed-in'],
    ['help', 'nav.help', 'everyone'],
  ];

  function visible(who) {
    if (who === 'everyone') return true;
    if (P.isStatic || !P.state.me) return false;
    return who === 'signed-in' || P.hasRole(who);
  }

  function navLink(item) {
    const current = P.parseHash().name === item[0];
    return P.el('a', {
      href: '#/' + item[0], class: ['nav-link', current && 'active'], testid: 'nav-' + item[0],
      'aria-current': current ? 'page' : null,
    }, P.t(item[1]));
  }

  function renderNav() {
    const nav = document.getElementById('site-nav');
    nav.setAttribute('aria-label', P.t('nav.label'));
    P.put(nav, P.el('ul', { class: 'nav-list' }, NAV.filter(function (item) { return visible(item[2]); })
      .map(function (item) { return P.el('li', {}, navLink(item)); })));
  }

  /* ---------- The menu (a disclosure button; on desks always shown) ---------- */

  function menuOpen() { return document.getElementById('site-header').classList.contains('menu-open'); }

  function setMenu(open, focusButton) {
    const header = document.getElementById('site-header');
    const button = document.getElementById('menu-button');
    header.classList.toggle('menu-open', open);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    document.getElementById('menu-label').textContent = P.t(open ? 'menu.close' : 'menu.button');
    if (open) {
      const first = document.querySelector('#site-nav a');
      if (first) first.focus();
    } else if (focusButton) {
      button.focus();
    }
  }

  function wireMenu() {
    document.getElementById('menu-button').addEventListener('click', function () { setMenu(!menuOpen(), false); });
    document.addEventListener('keydown', function (e) {
      if (e.key === 'Escape' && menuOpen()) { setMenu(false, true); }
    });
    document.getElementById('site-menu').addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('a')) setMenu(false, false);
    });
  }

  function votesBadge() {
    const ballot = P.state.ballot;
    if (!ballot) return null;
    return P.el('a', {
      href: '#/gallery', class: 'votes-badge', testid: 'votes-remaining',
      dataset: { remaining: String(ballot.remaining) }, 'aria-live': 'polite',
    }, P.t('vote.remaining', { remaining: ballot.remaining, budget: ballot.budget }));
  }

  // What stays in the header's one row on a phone: votes left, or sign in.
  function quickTools() {
    if (!P.isStatic && !P.state.me) {
      return P.el('a', { href: '#/signin', class: 'btn btn-small', testid: 'nav-signin' }, P.t('nav.signin'));
    }
    return votesBadge();
  }

  async function signOut() {
    try { await P.api.post('/api/auth/logout'); } catch (e) { /* signed out either way */ }
    await P.refresh('#/gallery');
  }

  function personTools() {
    if (P.isStatic) return [];
    const me = P.state.me;
    if (!me) return [];  // the sign-in link stays in the header row (quickTools)
    return [
      P.el('span', { class: 'person', testid: 'user-name', title: me.employee_id }, me.name || me.employee_id),
      P.button(P.t('nav.signout'), { class: 'btn btn-small btn-quiet', testid: 'nav-signout', events: { click: signOut } }),
    ];
  }

  function langButton(lang, label) {
    return P.button(label, {
      class: ['btn', 'btn-small', 'lang-btn', P.lang === lang && 'active'], testid: 'lang-' + lang,
      lang: lang, 'aria-pressed': P.lang === lang ? 'true' : 'false',
      events: { click: function () { if (P.lang !== lang) P.setLang(lang); } },
    });
  }

  function renderTools() {
    const tools = document.getElementById('header-tools');
    const toggle = P.el('div', { class: 'lang-toggle', role: 'group', 'aria-label': P.t('nav.language'), testid: 'lang-toggle' },
      langButton('ko', '한국어'), langButton('en', 'English'));
    P.put(tools, personTools().concat([toggle]).filter(Boolean));
    P.put(document.getElementById('header-quick'), quickTools());
  }

  function renderBrand() {
    const name = P.pick(P.state.contest, 'name') || P.t('app.name');
    document.getElementById('brand').textContent = name;
    const skip = document.getElementById('skip-link');
    skip.textContent = P.t('nav.skip');
  }

  function renderFooter() {
    const footer = document.getElementById('site-footer');
    const parts = [P.el('span', {}, P.pick(P.state.contest, 'name')),
      P.el('a', { href: '#/help', testid: 'footer-help' }, P.t('nav.help'))];
    if (P.isStatic) parts.push(P.el('span', { class: 'static-note', testid: 'static-note' }, P.t('static.note')));
    P.put(footer, parts);
  }

  function renderHeader() {
    renderBrand();
    renderNav();
    document.getElementById('menu-label').textContent = P.t(menuOpen() ? 'menu.close' : 'menu.button');
    renderTools();
    renderFooter();
  }

  function focusMain(e) {
    e.preventDefault();
    document.getElementById('main').focus();
  }

  P.on('me', renderHeader);
  P.on('lang', renderHeader);
  P.on('ballot', renderTools);
  P.on('route', function () { renderNav(); if (menuOpen()) setMenu(false, false); });

  document.addEventListener('DOMContentLoaded', function () {
    wireMenu();
    document.getElementById('skip-link').addEventListener('click', focusMain);
  });
})();
