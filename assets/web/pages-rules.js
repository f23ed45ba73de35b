/* pages-rules.js: Korea's rules for public contests (행정기관의 공모전 운영에
   관한 규정): the integrity pledge and AI/copyright consent on the submit page
   (P.pledgeBox), the public shortlist of the verification period (#/shortlist)
   with each poster's near-duplicate neighbours, revoked awards on the results
   page (P.rulesResultsSection) and the admin's revocation (P.adminRevokePanel).
   The server decides everything; these pages only show and ask. */
(function () {
  'use strict';
  const P = window.Poster;

  /* ---------- The pledge and consent at submission ---------- */

  function pledgeCheck(text, label, testid) {
    const box = P.el('input', { type: 'checkbox', testid: testid, required: true });
    const item = P.el('div', { class: 'pledge-item' },
      P.el('p', { class: 'pledge-text pre', testid: testid + '-text' }, text),
      P.el('label', { class: 'check' }, box, ' ', label));
    return { box: box, item: item };
  }

  // { node, missing(), versions() }: nothing to show when the contest asks for no pledge.
  P.pledgeBox = function () {
    const p = (P.state.contest && P.state.contest.pledge) || {};
    if (!p.required) return { node: null, missing: function () { return null; }, versions: function () { return {}; } };
    const pledge = pledgeCheck(P.pick(p, 'pledge'), P.t('pledge.accept_pledge'), 'submit-pledge');
    const consent = pledgeCheck(P.pick(p, 'consent'), P.t('pledge.accept_consent'), 'submit-consent');
    return {
      node: P.el('fieldset', { class: 'pledge', testid: 'submit-pledge-box' },
        P.el('legend', {}, P.t('pledge.title')), pledge.item, consent.item),
      missing: function () { return pledge.box.checked && consent.box.checked ? null : P.t('pledge.need'); },
      versions: function () {
        return { pledge_sha256: pledge.box.checked ? p.pledge_sha256 : '', consent_sha256: consent.box.checked ? p.consent_sha256 : '' };
      },
    };
  };

  /* ---------- The shortlist (검증 기간) ---------- */

  function thumb(url, alt) {
    return url ? P.el('img', { src: P.url(url), alt: alt, class: 'shortlist-thumb', loading: 'lazy' }) : null;
  }

  function neighbourItem(n) {
    return P.el('li', { class: 'neighbour', testid: 'shortlist-neighbour', dataset: { entry: String(n.entry), distance: String(n.distance) } },
      P.el('a', { href: '#/entry/' + n.entry }, thumb(n.thumbnail, n.title), ' #' + n.entry + ' ' + n.title),
      ' ', P.el('span', { class: 'muted', testid: 'shortlist-distance' }, P.t('shortlist.distance', { distance: n.distance })));
  }

  function shortlistItem(e) {
    const neighbours = e.neighbours || [];
    return P.el('li', { class: 'shortlist-entry panel', testid: 'shortlist-entry', dataset: { entry: String(e.entry) } },
      P.el('a', { href: '#/entry/' + e.entry, class: 'shortlist-poster' }, thumb(e.thumbnail, e.title)),
      P.el('div', { class: 'shortlist-facts' },
        P.el('h2', {}, P.tierBadge(e), ' ', P.el('a', { href: '#/entry/' + e.entry }, '#' + e.entry + ' ' + e.title)),
        P.el('p', { class: 'muted' }, [e.author_name, e.department, e.theme].filter(Boolean).join(' · ')),
        P.el('h3', {}, P.t('shortlist.neighbours')),
        neighbours.length
          ? P.el('ul', { class: 'plain-list neighbour-list' }, neighbours.map(neighbourItem))
          : P.el('p', { class: 'muted', testid: 'shortlist-no-neighbours' }, P.t('shortlist.no_neighbours')),
        e.hidden_neighbours ? P.el('p', { class: 'muted', testid: 'shortlist-hidden' }, P.t('shortlist.hidden', { count: e.hidden_neighbours })) : null));
  }

  async function renderShortlist(view) {
    P.setTitle(P.t('shortlist.title'));
    if (P.isStatic) {  // the archive is made after the period: the results say it all
      P.put(view, P.heading(P.t('shortlist.title')), P.notice('info', P.t('shortlist.archive'), 'shortlist-archive'));
      return;
    }
    P.add(view, P.heading(P.t('shortlist.title')), P.loading());
    const list = await P.api.get('/api/shortlist');
    if (list.state === 'sealed') {
      P.put(view, P.heading(P.t('shortlist.title')), P.notice('info', P.t('shortlist.sealed'), 'shortlist-sealed'));
      return;
    }
    const period = list.state === 'announced'
      ? P.notice('info', P.t('shortlist.open', { when: P.localTime(list, 'final_at') }), 'shortlist-period')
      : P.notice('info', P.t('shortlist.over', { when: P.localTime(list, 'final_at') }), 'shortlist-period');
    P.put(view, P.heading(P.t('shortlist.title')), period,
      P.el('p', { class: 'hint' }, P.t('shortlist.intro', { max: list.max_distance })),
      P.el('ul', { class: 'plain-list shortlist', testid: 'shortlist' }, (list.entries || []).map(shortlistItem)));
  }

  P.route('shortlist', renderShortlist);

  /* ---------- Revoked awards on the results page ---------- */

  function revokedItem(row) {
    const r = row.revoked;
    return P.el('li', { class: 'revoked', testid: 'results-revoked', dataset: { entry: String(row.entry) } },
      P.el('strong', {}, '#' + row.entry + ' ' + row.title), ' ',
      P.el('span', { class: 'revoked-mark' }, P.t('revoke.mark', { tier: P.pick(r, 'tier') })), ' ',
      P.el('span', { class: 'muted', testid: 'results-revoked-date' }, P.localTime(r, 'revoked_at')),
      P.el('p', { class: 'pre', testid: 'results-revoked-reason' }, r.reason));
  }

  // During the verification period a link to the shortlist; then the revoked awards.
  P.rulesResultsSection = function (table) {
    if (table.state === 'sealed') return null;
    const revoked = (table.rows || []).filter(function (r) { return r.revoked; });
    const link = table.state === 'announced' && !P.isStatic
      ? P.el('p', { class: 'actions' }, P.el('a', { href: '#/shortlist', class: 'btn btn-quiet', testid: 'results-shortlist-link' }, P.t('shortlist.link')))
      : null;
    if (!revoked.length) return link;
    return [link, P.el('section', { class: 'panel revocations', testid: 'results-revocations' },
      P.el('h2', {}, P.t('revoke.title')),
      P.el('ul', { class: 'plain-list' }, revoked.map(revokedItem)))];
  };

  /* ---------- The admin's revocation ---------- */

  function revokeItem(row, reload) {
    const reason = P.el('textarea', { rows: 2, maxlength: 2000, testid: 'revoke-reason' });
    const send = P.button(P.t('revoke.send'), { class: 'btn btn-small btn-danger', testid: 'revoke-send' });
    const out = P.el('div', { 'aria-live': 'polite' });
    send.addEventListener('click', function () {
      if (!reason.value.trim()) { reason.focus(); return; }
      if (!window.confirm(P.t('revoke.confirm', { entry: row.entry }))) return;
      P.busy(send, out, async function () {
        await P.api.post('/api/admin/awards/' + row.entry + '/revoke', { reason: reason.value.trim() });
        await reload();
      });
    });
    return P.el('li', { class: 'revoke-row', testid: 'admin-revoke', dataset: { entry: String(row.entry) } },
      P.el('p', {}, P.tierBadge(row), ' ', P.el('strong', {}, '#' + row.entry + ' ' + row.title)),
      P.field(P.t('revoke.reason'), reason), P.el('div', { class: 'actions' }, send), out);
  }

  P.adminRevokePanel = function () {
    const box = P.el('div', {}, P.loading());
    async function reload() {
      try {
        const table = await P.api.get('/api/results');
        if (table.state !== 'final') { P.put(box, P.el('p', { class: 'muted', testid: 'revoke-not-final' }, P.t('revoke.not_final'))); return; }
        const awarded = (table.rows || []).filter(function (r) { return r.tier; });
        const revoked = (table.rows || []).filter(function (r) { return r.revoked; });
        P.put(box, P.el('ul', { class: 'plain-list' }, awarded.map(function (r) { return revokeItem(r, reload); })),
          revoked.length ? P.el('ul', { class: 'plain-list' }, revoked.map(revokedItem)) : null);
      } catch (err) { P.put(box, P.errorBox(err)); }
    }
    reload();
    return P.el('section', { class: 'panel', testid: 'admin-revocations' },
      P.el('h2', {}, P.t('revoke.admin_title')), P.el('p', { class: 'hint' }, P.t('revoke.hint')), box);
  };
})();
