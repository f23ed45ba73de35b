/* pages-awards.js: the award badge every list of entries shows once the
   results are announced (P.tierBadge), and the printable certificate, 상장
   (#/certificate/ID, A4 portrait), for each winner. The tier always comes from
   the API (the stored announcement), never from the pages. */
(function () {
  'use strict';
  const P = window.Poster;

  // The tier's place in the contest's order (0: the highest), for its colour.
  function tierIndex(name) {
    const tiers = (P.state.contest && P.state.contest.tiers) || [];
    const at = tiers.findIndex(function (t) { return t.name === name; });
    return at < 0 ? tiers.length : at;
  }

  // <span> naming the entry's tier, or null when it won none (or before the announcement).
  P.tierBadge = function (entry, extraClass) {
    if (!entry || !entry.tier) return null;
    return P.el('span', {
      class: ['tier-badge', 'tier-' + Math.min(tierIndex(entry.tier), 3), extraClass],
      testid: 'tier-badge', dataset: { tier: entry.tier, entry: String(entry.entry) },
    }, P.pick(entry, 'tier'));
  };

  // May this person open the entry's certificate from a link? Admins and the winner.
  P.certificateLinkFor = function (row, ownIds) {
    if (!row || !row.tier || P.isStatic) return false;
    return P.hasRole('admin') || !!(ownIds && ownIds.has(row.entry));
  };

  // The signed-in person's own entries (none for a visitor or in the archive).
  P.ownEntries = async function () {
    if (P.isStatic || !P.state.me) return [];
    try {
      return (await P.api.get('/api/my/entries')).entries || [];
    } catch (e) { return []; }
  };

  // "2026년 11월 20일" (or "20 November 2026") in the contest's zone.
  P.longDate = function (iso) {
    if (!iso) return '';
    try {
      return new Intl.DateTimeFormat(P.lang === 'en' ? 'en-GB' : 'ko-KR', {
        year: 'numeric', month: 'long', day: 'numeric',
        timeZone: (P.state.contest && P.state.contest.time_zone) || undefined,
      }).format(new Date(iso));
    } catch (e) { return iso.slice(0, 10); }
  };

  /* ---------- The certificate ---------- */

  function certificateLine(label, value, testid) {
    return P.el('div', { class: 'cert-line' }, P.el('dt', {}, label), P.el('dd', { testid: testid }, value));
  }

  function certificatePage(row, table) {
    const contest = P.state.contest || {};
    const organizer = contest.organizer || P.pick(contest, 'name');
    return P.el('article', { class: 'certificate', testid: 'certificate', dataset: { entry: String(row.entry) } },
      P.el('h1', { class: 'cert-title' }, P.t('cert.heading')),
      P.el('p', { class: 'cert-tier', testid: 'certificate-tier' }, P.pick(row, 'tier')),
      P.el('dl', { class: 'cert-facts' },
        certificateLine(P.t('cert.name'), row.author_name || '', 'certificate-name'),
        certificateLine(P.t('cert.department'), row.department || '', 'certificate-department'),
        certificateLine(P.t('cert.work'), row.title, 'certificate-title')),
      P.el('p', { class: 'cert-body' }, P.t('cert.body', { contest: P.pick(contest, 'name') })),
      P.el('p', { class: 'cert-date', testid: 'certificate-date' }, P.longDate(table.announced_at)),
      P.el('p', { class: 'cert-organizer', testid: 'certificate-organizer' }, organizer));
  }

  function certificateToolbar() {
    return P.el('div', { class: 'sheet-toolbar no-print' },
      P.button(P.t('sheet.print'), { class: 'btn btn-primary', testid: 'certificate-print', events: { click: function () { window.print(); } } }),
      P.el('a', { href: '#/results', class: 'btn btn-quiet' }, P.t('cert.back')),
      P.el('p', { class: 'hint' }, P.t('cert.hint')));
  }

  async function renderCertificate(view, id) {
    P.setTitle(P.t('cert.title'));
    P.add(view, P.loading());
    let table;
    try {
      table = await P.api.get('/api/results');
    } catch (err) {
      if (err.code !== 'results_sealed') throw err;
      P.put(view, P.notice('info', P.t('cert.none'), 'certificate-none'));
      return;
    }
    const row = (table.rows || []).find(function (r) { return String(r.entry) === String(id); });
    if (row && row.revoked) {  // 수상 취소: no certificate, and the page says why
      P.put(view, P.heading(P.t('cert.title')), P.notice('warn', P.t('cert.revoked', { tier: P.pick(row.revoked, 'tier'), when: P.localTime(row.revoked, 'revoked_at'), reason: row.revoked.reason }), 'certificate-revoked'));
      return;
    }
    if (table.state === 'sealed' || !row || !row.tier) {
      P.put(view, P.heading(P.t('cert.title')), P.notice('info', P.t('cert.none'), 'certificate-none'));
      return;
    }
    P.setTitle(P.t('cert.title') + ' #' + row.entry);
    P.put(view, certificateToolbar(), certificatePage(row, table));
  }

  P.route('certificate', renderCertificate);
})();
