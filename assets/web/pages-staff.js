/* pages-staff.js: the moderators' review queue (#/review, #/review/ID).
   The oldest submitted entry is shown large beside every flag and fact; it
   is claimed on open. Keys: A approve, R reject, C request changes, N next.
   After a decision the next entry opens by itself. */
(function () {
  'use strict';
  const P = window.Poster;

  const skipped = new Set();   // entries passed over with N, for this visit
  let flash = null;            // the message about the last decision

  /* ---------- Facts and flags ---------- */

  function fact(label, value, testid) {
    if (value === undefined || value === null || value === '') return null;
    return [P.el('dt', {}, label), P.el('dd', { testid: testid || null }, value)];
  }

  function number(value, digits) { return typeof value === 'number' ? value.toFixed(digits) : ''; }

  function entryFacts(entry) {
    return P.el('dl', { class: 'facts' },
      fact(P.t('entry.author'), P.byline(entry)),
      fact(P.t('entry.theme'), P.themeName(entry.theme)),
      fact(P.t('entry.ai_tools'), entry.ai_tools),
      fact(P.t('entry.submitted'), P.localTime(entry, 'submitted_at')),
      fact(P.t('review.file'), [entry.source, entry.format, entry.width && entry.width + '×' + entry.height,
        entry.bytes && Math.round(entry.bytes / 1024) + ' KB'].filter(Boolean).join(' · ')),
      fact(P.t('review.co_authors'), (entry.co_authors || []).join(', ')),
      fact(P.t('review.original'), /^\/media\//.test(entry.original || '')
        ? P.el('a', { href: P.url(entry.original), download: '', testid: 'review-original' }, P.t('review.download')) : null));
  }

  function nearDuplicates(entry) {
    const others = entry.near_duplicate_of || [];
    if (!others.length) return null;
    return P.el('li', { class: 'flag', dataset: { flag: 'near_duplicate' }, testid: 'review-flag' },
      P.t('review.near_duplicate'), ' ',
      others.map(function (n) {
        return P.el('a', { href: '#/entry/' + n, target: '_blank', rel: 'noopener noreferrer', class: 'dup-link', testid: 'review-duplicate-link' }, '#' + n);
      }));
  }

  function quality(entry) {
    const q = entry.quality || {};
    const flags = entry.flags || [];
    return P.el('li', { class: ['fact-line', (flags.indexOf('blank') >= 0 || flags.indexOf('blurry') >= 0) && 'flag'], testid: 'review-quality' },
      P.t('review.quality', { stddev: number(q.stddev, 1), sharpness: number(q.sharpness, 1) }),
      flags.indexOf('blank') >= 0 ? ' — ' + P.flagText('blank', entry) : null,
      flags.indexOf('blurry') >= 0 ? ' — ' + P.flagText('blurry', entry) : null);
  }

  function provenance(entry) {
    const p = entry.provenance || {};
    const markers = Array.isArray(p) ? p : (p.markers || []);
    if (!markers.length) return P.el('li', { class: 'flag', dataset: { flag: 'no_ai_provenance' }, testid: 'review-flag' }, P.flagText('no_ai_provenance', entry));
    return P.el('li', { class: 'fact-line', testid: 'review-provenance' }, P.t('review.provenance'),
      P.el('ul', { class: 'plain-list' }, markers.map(function (m) {
        return P.el('li', {}, P.el('span', { class: 'mono' }, m.source), ' ', m.detail);
      })));
  }

  function qrCodes(entry) {
    const urls = entry.qr_urls || [];
    const texts = (entry.qr || []).map(function (q) { return typeof q === 'string' ? q : (q.text || q.url || JSON.stringify(q)); });
    const all = urls.length ? urls : texts;
    if (!all.length) return P.el('li', { class: 'fact-line' }, P.t('review.no_qr'));
    return P.el('li', { class: 'flag', testid: 'review-qr' }, P.t('review.qr'),
      P.el('ul', { class: 'link-list' }, all.map(function (u) { return P.el('li', {}, P.externalLink(u, 'review-qr-link')); })));
  }

  // Flags not shown by the blocks above.
  function otherFlags(entry) {
    const shown = ['near_duplicate', 'no_ai_provenance', 'blank', 'blurry'];
    return (entry.flags || []).filter(function (f) { return shown.indexOf(f) < 0; }).map(function (f) {
      const extra = f === 'trailing_data' && entry.trailing_bytes ? ' (' + P.t('review.bytes', { bytes: entry.trailing_bytes }) + ')' : '';
      return P.el('li', { class: 'flag', dataset: { flag: f }, testid: 'review-flag' }, P.flagText(f, entry) + extra);
    });
  }

  function flagPanel(entry) {
    const count = (entry.flags || []).length;
    return P.el('section', { class: 'flag-panel' },
      P.el('h2', {}, count ? P.t('review.flags', { count: count }) : P.t('review.no_flags')),
      P.el('ul', { class: 'check-list' }, nearDuplicates(entry), provenance(entry), qrCodes(entry), quality(entry), otherFlags(entry)));
  }

  /* ---------- Deciding ---------- */

  const ACTIONS = [
    ['approve', 'KeyA', 'review.approve', 'btn-approve', false],
    ['reject', 'KeyR', 'review.reject', 'btn-danger', true],
    ['request_changes', 'KeyC', 'review.changes', 'btn-warn', true],
  ];

  async function decide(entry, action, reason, out) {
    const needs = ACTIONS.find(function (a) { return a[0] === action; })[4];
    if (needs && !reason.value.trim()) {
      P.put(out, P.notice('error', P.t('review.reason_required'), 'review-reason-required'));
      reason.focus();
      return;
    }
    try {
      await P.api.post('/api/review/' + entry.entry + '/decision', { action: action, reason: reason.value.trim() });
      flash = { text: P.t('review.done_' + action, { number: entry.entry, title: entry.title }), entry: entry.entry };
      P.go('#/review');
    } catch (err) {
      P.put(out, P.errorBox(err, 'review-error'));
    }
  }

  function next(entry) {
    skipped.add(entry.entry);
    P.go('#/review');
  }

  function decisionPanel(entry, claimedByOther) {
    const reason = P.el('textarea', { rows: 3, testid: 'review-reason' });
    const out = P.el('div', { 'aria-live': 'assertive' });
    const buttons = ACTIONS.map(function (a) {
      return P.button(P.t(a[2]), { class: 'btn ' + a[3], testid: 'review-' + (a[0] === 'request_changes' ? 'changes' : a[0]),
        disabled: claimedByOther, 'aria-keyshortcuts': a[1].slice(3), events: { click: function () { decide(entry, a[0], reason, out); } } });
    });
    const skip = P.button(P.t('review.next'), { class: 'btn btn-quiet', testid: 'review-next', 'aria-keyshortcuts': 'N', events: { click: function () { next(entry); } } });
    const panel = P.el('section', { class: 'decision' },
      P.field(P.t('review.reason'), reason, P.t('review.reason_hint')),
      out, P.el('div', { class: 'actions' }, buttons, skip),
      P.el('p', { class: 'shortcuts', testid: 'review-shortcuts' }, P.t('review.shortcuts')));
    return { panel: panel, reason: reason, out: out };
  }

  function keyboard(entry, parts, claimedByOther) {
    function onKey(e) {
      const tag = (e.target && e.target.tagName) || '';
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(tag)) return;
      if (e.code === 'KeyN') { e.preventDefault(); next(entry); return; }
      const action = ACTIONS.find(function (a) { return a[1] === e.code; });
      if (!action || claimedByOther) return;
      e.preventDefault();
      if (action[4] && !parts.reason.value.trim()) { parts.reason.focus(); P.put(parts.out, P.notice('info', P.t('review.reason_required'), 'review-reason-required')); return; }
      decide(entry, action[0], parts.reason, parts.out);
    }
    document.addEventListener('keydown', onKey);
    P.onLeave(function () { document.removeEventListener('keydown', onKey); });
  }

  /* ---------- The page ---------- */

  async function claim(entry) {
    try {
      const claimed = await P.api.post('/api/review/' + entry.entry + '/claim');
      return { entry: Object.assign({}, entry, claimed || {}), other: null };
    } catch (err) {
      if (err.code !== 'claimed_by_other') throw err;
      return { entry: entry, other: err };
    }
  }

  function claimNotice(other) {
    if (!other) return null;
    return P.notice('warn', P.errorText(other), 'review-claimed');
  }

  // The next entry nobody else holds: a second moderator lands on a free one
  // (the server lists who holds each); one held by others is opened only when
  // asked for by number, or when nothing else is left.
  function pickEntry(queue, arg) {
    if (arg) return queue.find(function (e) { return String(e.entry) === String(arg); }) || null;
    const open = queue.filter(function (e) { return !skipped.has(e.entry); });
    return open.find(function (e) { return !e.claimed_by; }) || open[0] || null;
  }

  // The decision just made, with a way to take it back for a few minutes.
  function doneNotice(done) {
    if (!done) return null;
    const out = P.el('div', { 'aria-live': 'assertive' });
    const undo = P.button(P.t('review.undo'), { class: 'btn btn-quiet', testid: 'review-undo', events: { click: async function () {
      try {
        await P.api.post('/api/review/' + done.entry + '/undo');
        P.go('#/review/' + done.entry);
      } catch (err) { P.put(out, P.errorBox(err, 'review-undo-error')); }
    } } });
    return P.el('div', { class: 'notice notice-ok', role: 'status', testid: 'review-message', dataset: { kind: 'ok' } },
      done.text, ' ', undo, out);
  }

  // The alt text, in the author's words, which a moderator may mend.
  function altTextPanel(entry) {
    const field = P.el('textarea', { rows: 2, maxlength: 300, testid: 'review-alt-text' });
    field.value = entry.alt_text || '';
    const out = P.el('div', { 'aria-live': 'polite' });
    const save = P.button(P.t('review.alt_save'), { class: 'btn btn-quiet', testid: 'review-alt-save', events: { click: async function () {
      try {
        await P.api.post('/api/entries/' + entry.entry + '/edit', { alt_text: field.value.trim() });
        P.put(out, P.notice('ok', P.t('review.alt_saved'), 'review-alt-saved'));
      } catch (err) { P.put(out, P.errorBox(err, 'review-alt-error')); }
    } } });
    return P.el('section', { class: 'text-block' },
      P.field(P.t('entry.alt_text'), field, P.t('review.alt_hint')), P.el('div', { class: 'actions' }, save), out);
  }

  function emptyQueue(view, queue) {
    const again = skipped.size
      ? P.button(P.t('review.again'), { class: 'btn', testid: 'review-again', events: { click: function () { skipped.clear(); P.rerender(); } } })
      : null;
    P.add(view, P.notice('info', queue.length ? P.t('review.all_skipped') : P.t('review.empty'), 'review-empty'), again);
  }

  function reviewLayout(entry, other, queue) {
    const parts = decisionPanel(entry, !!other);
    keyboard(entry, parts, !!other);
    const info = P.el('div', { class: 'entry-info' },
      P.el('p', { class: 'muted', testid: 'review-count' }, P.t('review.queue', { count: queue.length })),
      P.el('h1', { class: 'page-title', testid: 'review-title' }, entry.title, ' ', P.el('span', { class: 'muted' }, '#' + entry.entry)),
      claimNotice(other), entryFacts(entry), flagPanel(entry),
      entry.prompt ? P.el('section', { class: 'text-block' }, P.el('h2', {}, P.t('entry.prompt')), P.el('p', { class: 'pre' }, entry.prompt)) : null,
      entry.description ? P.el('section', { class: 'text-block' }, P.el('h2', {}, P.t('entry.description')), P.el('p', { class: 'pre' }, entry.description)) : null,
      altTextPanel(entry), parts.panel);
    const figure = P.el('figure', { class: 'poster-large' }, P.posterImage(entry, { sizes: '(max-width: 900px) 100vw, 55vw', eager: true }));
    return P.el('div', { class: 'entry-layout review-layout', testid: 'review-entry', dataset: { entry: String(entry.entry) } }, figure, info);
  }

  async function renderReview(view, arg) {
    P.setTitle(P.t('review.title'));
    P.add(view, P.loading());
    const message = doneNotice(flash);
    flash = null;
    const queue = (await P.api.get('/api/review/queue')).entries || [];
    const chosen = pickEntry(queue, arg);
    P.put(view, P.heading(P.t('review.title'), chosen ? 2 : 1), message);  // the entry's title is the h1
    if (!chosen) { emptyQueue(view, queue); return; }
    const claimed = await claim(chosen);
    if (!view.isConnected) return;
    P.add(view, reviewLayout(claimed.entry, claimed.other, queue));
  }

  P.route('review', renderReview, { role: 'moderator' });
})();
