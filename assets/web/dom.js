/* dom.js: safe DOM building (never innerHTML with data) and the small pieces
   every page uses: buttons, fields, notices, headings, external links. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

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

  // The code of an error, for whoever helps the reader: folded away under the
  // message, never printed in it.
  P.supportDetails = function (err) {
    const code = err && (err.code || err.status);
    if (!code) return null;
    return P.el('details', { class: 'support', testid: 'support-details' },
      P.el('summary', {}, P.t('error.support')), P.el('code', {}, String(code)));
  };

  P.errorBox = function (err, testid) {
    const box = P.notice('error', P.errorText(err), testid);
    const details = P.supportDetails(err);
    if (details) box.appendChild(details);
    return box;
  };

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
})();
