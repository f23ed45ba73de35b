/* pages-integrity.js (issue 11): the voter's receipts (#/receipts: kept in
   localStorage, copyable, each checked against the published Merkle root with
   WebCrypto) and the admin page's vote integrity panel with its void form
   (P.adminIntegrityPanel). P.castVote sends a vote with a secret drawn here. */
(function () {
  'use strict';
  const P = window.Poster;
  const KEY = 'poster.receipts';

  /* ---------- Receipts kept in this browser ---------- */

  function hex(bytes) {
    return Array.prototype.map.call(bytes, function (b) { return b.toString(16).padStart(2, '0'); }).join('');
  }

  function bytesOf(text) {
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(2 * i, 2), 16);
    return out;
  }

  function kept() {
    try { return JSON.parse(localStorage.getItem(KEY) || '[]'); } catch (e) { return []; }
  }

  function keep(item) {
    const list = kept().filter(function (r) { return r.receipt !== item.receipt; });
    list.push(item);
    try { localStorage.setItem(KEY, JSON.stringify(list)); } catch (e) { /* private mode: the text stays on screen */ }
  }

  // Casts a vote with a 32-byte secret only this browser holds; keeps the receipt.
  P.castVote = async function (entryId) {
    const secret = new Uint8Array(32);
    crypto.getRandomValues(secret);
    const answer = await P.api.post('/api/votes', { entry: entryId, secret: hex(secret) });
    if (answer.receipt) keep({ entry: entryId, receipt: answer.receipt, secret: hex(secret), at: new Date().toISOString() });
    return answer;
  };

  /* ---------- The proof, checked here ---------- */

  async function sha256(prefix, parts) {
    const all = new Uint8Array(1 + 32 * parts.length);
    all[0] = prefix;
    parts.forEach(function (p, i) { all.set(bytesOf(p), 1 + 32 * i); });
    return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', all)));
  }

  // docs/tally.md, "Receipts": leaf = H(00 ‖ receipt), node = H(01 ‖ left ‖ right).
  async function rootOf(receipt, proof) {
    let node = await sha256(0, [receipt]);
    for (const step of proof) node = await sha256(1, step.side === 'left' ? [step.hash, node] : [node, step.hash]);
    return node;
  }

  async function checkOne(item, out) {
    const res = await P.api.get('/api/receipts/' + item.receipt);
    if (!res.published) return P.put(out, P.notice('info', P.t('receipts.not_published'), 'receipt-state'));
    if (!res.counted) return P.put(out, P.notice('error', P.t('receipts.not_counted'), 'receipt-state'));
    if (!(window.crypto && crypto.subtle)) return P.put(out, P.notice('ok', P.t('receipts.counted_unverified'), 'receipt-state'));
    const ok = (await rootOf(item.receipt, res.proof || [])) === res.root;
    P.put(out, P.notice(ok ? 'ok' : 'error', P.t(ok ? 'receipts.counted' : 'receipts.proof_bad', { root: res.root.slice(0, 16) }), 'receipt-state'));
  }

  function receiptRow(item) {
    const out = P.el('div', { class: 'output', 'aria-live': 'polite' });
    const check = P.button(P.t('receipts.check'), { class: 'btn btn-small', testid: 'receipt-check', events: { click: function (e) {
      P.busy(e.currentTarget, out, function () { return checkOne(item, out); });
    } } });
    return P.el('li', { testid: 'receipt', dataset: { receipt: item.receipt } },
      P.el('span', {}, '#' + item.entry + ' '), P.el('code', {}, item.receipt), ' ', check, out);
  }

  function renderReceipts(view) {
    P.setTitle(P.t('receipts.title'));
    const list = kept();
    const text = list.map(function (r) { return 'entry ' + r.entry + ' receipt ' + r.receipt + ' secret ' + r.secret; }).join('\n');
    P.put(view, P.heading(P.t('receipts.title')),
      P.el('p', { class: 'hint' }, P.t('receipts.hint')),
      list.length ? P.el('ul', { class: 'plain-list' }, list.map(receiptRow)) : P.notice('info', P.t('receipts.none'), 'receipts-none'),
      list.length ? P.field(P.t('receipts.copy'), P.el('textarea', { readOnly: true, rows: String(Math.min(8, list.length + 1)), testid: 'receipts-text' }, text)) : null);
  }

  /* ---------- Admin: the vote integrity report and voids ---------- */

  function percent(part, whole) { return whole ? Math.round(100 * part / whole) + '%' : '0%'; }

  function reportBody(r) {
    const flagged = (r.entries || []).filter(function (e) { return e.flags.length; });
    const items = [];
    flagged.forEach(function (e) {
      items.push(P.el('li', { testid: 'integrity-entry', dataset: { entry: String(e.entry), flags: e.flags.join(',') } },
        P.t('integrity.entry', { entry: e.entry, votes: e.votes, department: e.top_department || '?', share: percent(e.top_department_votes, e.votes), window: percent(e.window_votes, e.votes) }),
        ' [', e.flags.map(function (f) { return P.t('integrity.flag_' + f); }).join(', '), ']'));
    });
    (r.insiders || []).forEach(function (v) { items.push(P.el('li', { testid: 'integrity-insider' }, P.t('integrity.insider', v))); });
    (r.bursts || []).forEach(function (b) { items.push(P.el('li', { testid: 'integrity-burst' }, P.t('integrity.burst', b))); });
    (r.rings || []).forEach(function (g) { items.push(P.el('li', { testid: 'integrity-ring' }, P.t('integrity.ring', g))); });
    return P.el('div', { testid: 'integrity-report', dataset: { votes: String(r.votes), voided: String(r.voided) } },
      P.el('p', {}, P.t('integrity.summary', { votes: r.votes, voided: r.voided })),
      items.length ? P.el('ul', { class: 'plain-list' }, items) : P.notice('ok', P.t('integrity.nothing'), 'integrity-nothing'));
  }

  P.adminIntegrityPanel = function () {
    const body = P.el('div', {}, P.loading());
    const out = P.el('div', { class: 'output', testid: 'void-output', 'aria-live': 'polite' });
    const load = function () {
      P.api.get('/api/admin/votes/report').then(function (r) { P.put(body, reportBody(r)); },
        function (err) { P.put(body, P.errorBox(err)); });
    };
    load();
    const voter = P.input({ testid: 'void-voter', required: true });
    const entry = P.input({ type: 'number', min: '1', testid: 'void-entry', required: true });
    const reason = P.input({ testid: 'void-reason', required: true });
    const submit = P.button(P.t('integrity.void'), { class: 'btn btn-danger', testid: 'void-submit', events: { click: function (e) {
      P.busy(e.currentTarget, out, async function () {
        P.put(body, reportBody(await P.api.post('/api/admin/votes/void', { voter: voter.value.trim(), entry: Number(entry.value), reason: reason.value })));
        P.put(out, P.notice('ok', P.t('integrity.voided'), 'void-done'));
      });
    } } });
    return P.el('section', { class: 'panel', testid: 'admin-integrity' }, P.el('h2', {}, P.t('integrity.title')),
      P.el('p', { class: 'hint' }, P.t('integrity.hint')), body,
      P.el('h3', {}, P.t('integrity.void_title')),
      P.field(P.t('integrity.voter'), voter), P.field(P.t('integrity.entry_number'), entry),
      P.field(P.t('integrity.reason'), reason), P.el('p', { class: 'hint' }, P.t('integrity.void_hint')), submit, out);
  };

  P.route('receipts', renderReceipts);
})();
