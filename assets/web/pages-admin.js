/* pages-admin.js: the admin's page (#/admin): phases, the roster,
   invitations, judge assignment, disqualification, the announcement,
   downloads and the audit check. One panel per task. */
(function () {
  'use strict';
  const P = window.Poster;

  const PHASES = ['submission', 'review', 'voting', 'judging', 'results'];

  function panel(title, testid) {
    const body = Array.prototype.slice.call(arguments, 2);
    return P.el('section', { class: 'panel', testid: testid }, P.el('h2', {}, title), body);
  }

  // <thead> with one column per i18n key.
  function tableHead(keys) {
    return P.el('thead', {}, P.el('tr', {}, keys.map(function (k) { return P.el('th', { scope: 'col' }, P.t(k)); })));
  }

  function output(testid) { return P.el('div', { class: 'output', testid: testid, 'aria-live': 'polite' }); }

  /* ---------- Phases ---------- */

  function phaseRow(name, onChange) {
    const p = P.phase(name) || { phase: name, open: false };
    const button = function (change) {
      return P.button(P.t('admin.phase_' + change), {
        class: 'btn btn-small ' + (change === 'open' ? 'btn-primary' : 'btn-quiet'), testid: 'phase-' + change,
        dataset: { phase: name }, disabled: change === 'open' ? p.open : !p.open,
        events: { click: function (e) { onChange(name, change, e.currentTarget); } },
      });
    };
    return P.el('tr', { testid: 'phase-row', dataset: { phase: name, open: p.open ? 'true' : 'false' } },
      P.el('th', { scope: 'row' }, P.t('phase.' + name)),
      P.el('td', {}, P.el('span', { class: 'status ' + (p.open ? 'status-approved' : 'status-withdrawn'), testid: 'phase-state' }, P.t(p.open ? 'admin.open' : 'admin.closed'))),
      P.el('td', { testid: 'phase-start' }, p.start ? P.dateNode(p.start) : '—'),
      P.el('td', { testid: 'phase-end' }, p.end ? P.dateNode(p.end) : '—'),
      P.el('td', { class: 'actions' }, button('open'), button('close')));
  }

  function phasesPanel() {
    const out = output('phase-message');
    const body = P.el('tbody');
    async function change(name, what, button) {
      await P.busy(button, out, async function () {
        const res = await P.api.post('/api/admin/phases', { phase: name, change: what });
        const phases = Array.isArray(res) ? res : (res && res.phases);
        if (phases) P.state.contest.phases = phases; else await P.loadContest();
        paint();
        P.put(out, P.notice('ok', P.t('admin.phase_changed', { phase: P.t('phase.' + name), change: P.t('admin.phase_' + what) }), 'phase-message'));
        await P.refreshBallot().catch(function () {});
      });
    }
    function paint() { P.put(body, PHASES.map(function (n) { return phaseRow(n, change); })); }
    paint();
    return panel(P.t('admin.phases'), 'admin-phases',
      P.el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': P.t('admin.phases') }, P.el('table', { class: 'data-table' },
        tableHead(['admin.phase', 'admin.state', 'admin.start', 'admin.end', 'admin.actions']), body)), out,
      calendarForm(paint));
  }

  /* ---------- The calendar: start and end in the contest's zone ---------- */

  // "2026-10-24T18:00" in the contest's zone, as <input type=datetime-local> wants it.
  function wallInput(iso) {
    if (!iso) return '';
    const w = P.wallClock(Date.parse(iso));
    const pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return w.year + '-' + pad(w.month) + '-' + pad(w.day) + 'T' + pad(w.hour) + ':' + pad(w.minute);
  }

  function calendarForm(repaint) {
    const out = output('calendar-message');
    const phase = P.el('select', { testid: 'calendar-phase' },
      PHASES.map(function (n) { return P.el('option', { value: n }, P.t('phase.' + n)); }));
    const start = P.el('input', { type: 'datetime-local', testid: 'calendar-start' });
    const end = P.el('input', { type: 'datetime-local', testid: 'calendar-end' });
    function fill() {
      const p = P.phase(phase.value) || {};
      start.value = wallInput(p.start);
      end.value = wallInput(p.end);
    }
    phase.addEventListener('change', fill);
    fill();
    const save = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'calendar-save' }, P.t('admin.calendar_save'));
    const form = P.el('form', { class: 'form calendar-form', testid: 'calendar-form' },
      P.el('h3', {}, P.t('admin.calendar')),
      P.el('p', { class: 'hint' }, P.t('admin.calendar_hint', { zone: (P.state.contest && P.state.contest.time_zone) || '' })),
      P.field(P.t('admin.phase'), phase), P.field(P.t('admin.start'), start), P.field(P.t('admin.end'), end),
      P.el('div', { class: 'actions' }, save), out);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      P.busy(save, out, async function () {
        const res = await P.api.put('/api/admin/phases/' + phase.value, { start: start.value || null, end: end.value || null });
        P.state.contest.phases = res.phases;
        repaint();
        fill();
        P.put(out, P.notice('ok', P.t('admin.calendar_saved', { phase: P.t('phase.' + phase.value) }), 'calendar-message'));
      });
    });
    return form;
  }

  /* ---------- Roster ---------- */

  function rosterRow(p, invite) {
    const button = P.button(P.t('admin.invite_one'), { class: 'btn btn-small btn-quiet' });
    button.addEventListener('click', function () { invite({ employee_id: p.employee_id }, button); });
    return P.el('tr', {},
      P.el('td', { class: 'mono' }, p.employee_id), P.el('td', {}, p.name), P.el('td', {}, p.department),
      P.el('td', {}, (p.roles || []).map(function (r) { return P.t('role.' + r); }).join(', ')),
      P.el('td', {}, button));
  }

  function rosterTable(people, invite) {
    return P.el('table', { class: 'data-table', testid: 'roster-table' },
      tableHead(['admin.employee_id', 'admin.name', 'admin.department', 'admin.roles', 'admin.actions']),
      P.el('tbody', {}, people.map(function (p) { return rosterRow(p, invite); })));
  }

  function rosterList(invite) {
    const box = P.el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': P.t('admin.roster_show') });
    const details = P.el('details', { testid: 'roster-list' }, P.el('summary', {}, P.t('admin.roster_show')), box);
    async function load() {
      P.put(box, P.loading());
      try {
        const data = await P.api.get('/api/admin/roster');
        P.put(box, P.el('p', { class: 'muted' }, P.t('admin.roster_count', { count: (data.people || []).length })), rosterTable(data.people || [], invite));
      } catch (err) { P.put(box, P.errorBox(err)); }
    }
    details.addEventListener('toggle', function () { if (details.open) load(); });
    return details;
  }

  function rosterResult(res) {
    return P.notice('ok', P.t('admin.roster_done', { added: res.added, updated: res.updated, unchanged: res.unchanged, encoding: res.encoding }), 'roster-result');
  }

  function rosterPanel(invite) {
    const input = P.el('input', { type: 'file', accept: '.csv,text/csv', testid: 'roster-file' });
    const out = output('roster-result');
    input.addEventListener('change', async function () {
      const file = input.files[0];
      if (!file) return;
      await P.busy(input, out, async function () {
        P.put(out, rosterResult(await P.api.postRaw('/api/admin/roster', file, 'text/csv')));
      });
      input.value = '';
    });
    return panel(P.t('admin.roster'), 'admin-roster',
      P.field(P.t('admin.roster_file'), input, P.t('admin.roster_hint')), out, rosterList(invite));
  }

  /* ---------- Invitations ---------- */

  function copyButton(text) {
    return P.button(P.t('admin.copy'), {
      class: 'btn btn-small btn-quiet',
      events: { click: function (e) {
        const b = e.currentTarget;
        navigator.clipboard.writeText(text).then(function () { b.textContent = P.t('admin.copied'); }, function () { b.textContent = P.t('admin.copy_failed'); });
      } },
    });
  }

  function linkRow(link) {
    const field = P.el('input', {
      type: 'text', readOnly: true, value: link.url, class: 'mono link-field', testid: 'invite-link',
      dataset: { employee: link.employee_id }, 'aria-label': link.employee_id,
    });
    field.addEventListener('focus', function () { field.select(); });
    return P.el('li', { class: 'link-row' }, P.el('span', { class: 'mono' }, link.employee_id), field, copyButton(link.url));
  }

  function linkList(links) {
    const all = links.map(function (l) { return l.employee_id + '\t' + l.url; }).join('\n');
    return [P.notice('ok', P.t('admin.invited', { count: links.length }), 'invite-result'),
      links.length > 1 ? P.el('p', {}, copyButton(all)) : null,
      P.el('ul', { class: 'link-list', testid: 'invite-links' }, links.map(linkRow))];
  }

  function invitationsPanel(out) {
    const id = P.input({ testid: 'invite-one-id', autocapitalize: 'characters', spellcheck: 'false' });
    const invite = async function (body, button) {
      await P.busy(button, out, async function () {
        const res = await P.api.post('/api/admin/invitations', body);
        P.put(out, linkList(res.links || []));
      });
    };
    const one = P.button(P.t('admin.invite_one'), { class: 'btn', testid: 'invite-one',
      events: { click: function (e) { if (id.value.trim()) invite({ employee_id: id.value.trim() }, e.currentTarget); else id.focus(); } } });
    const all = P.button(P.t('admin.invite_all'), { class: 'btn btn-quiet', testid: 'invite-all', events: { click: function (e) { invite({ all: true }, e.currentTarget); } } });
    return { invite: invite, node: panel(P.t('admin.invitations'), 'admin-invitations',
      P.el('p', { class: 'hint' }, P.t('admin.invite_hint')),
      P.el('div', { class: 'inline-form' }, P.field(P.t('admin.employee_id'), id), one, all), out) };
  }

  /* ---------- Judges ---------- */

  function assignmentSummary(assignments) {
    const per = new Map();
    assignments.forEach(function (a) { per.set(a.judge, (per.get(a.judge) || 0) + 1); });
    return [P.notice('ok', P.t('admin.assigned', { count: assignments.length, judges: per.size }), 'judges-result'),
      P.el('ul', { class: 'plain-list' }, Array.from(per.entries()).map(function (e) {
        return P.el('li', {}, P.el('span', { class: 'mono' }, e[0]), ' ', P.t('admin.assigned_entries', { count: e[1] }));
      }))];
  }

  function judgesPanel() {
    const seed = P.input({ testid: 'judges-seed', required: true });
    const out = output('judges-output');
    const assign = P.button(P.t('admin.assign'), { class: 'btn btn-primary', testid: 'judges-assign', events: { click: function (e) {
      if (!seed.value.trim()) { P.put(out, P.notice('error', P.t('admin.seed_required'), 'judges-error')); seed.focus(); return; }
      P.busy(e.currentTarget, out, async function () {
        const res = await P.api.post('/api/admin/judges/assign', { seed: seed.value.trim() });
        P.put(out, assignmentSummary(res.assignments || []));
      });
    } } });
    return panel(P.t('admin.judges'), 'admin-judges', P.el('p', { class: 'hint' }, P.t('admin.seed_hint')),
      P.el('div', { class: 'inline-form' }, P.field(P.t('admin.seed'), seed), assign), out);
  }

  /* ---------- Disqualify ---------- */

  function disqualifyPanel() {
    const entry = P.input({ type: 'number', min: 1, step: 1, inputmode: 'numeric', testid: 'dq-entry' });
    const reason = P.el('textarea', { rows: 2, testid: 'dq-reason' });
    const out = output('dq-output');
    const go = P.button(P.t('admin.disqualify'), { class: 'btn btn-danger', testid: 'dq-submit', events: { click: function (e) {
      if (!entry.value || !reason.value.trim()) { P.put(out, P.notice('error', P.t('admin.dq_missing'), 'dq-error')); return; }
      P.busy(e.currentTarget, out, async function () {
        const res = await P.api.post('/api/admin/entries/' + encodeURIComponent(entry.value) + '/disqualify', { reason: reason.value.trim() });
        P.put(out, P.notice('ok', P.t('admin.dq_done', { number: res.entry || entry.value, title: res.title || '' }), 'dq-result'));
      });
    } } });
    return panel(P.t('admin.disqualify_title'), 'admin-disqualify',
      P.field(P.t('admin.dq_entry'), entry), P.field(P.t('admin.dq_reason'), reason, P.t('admin.dq_hint')),
      P.el('div', { class: 'actions' }, go), out);
  }

  /* ---------- Announce ---------- */

  // Announced: when, the table's SHA-256 and the audit anchor, and no button.
  function announcedState(table) {
    return P.el('div', { testid: 'announced-state' },
      P.el('p', {}, P.t('admin.results_state'), ' ', P.el('strong', { testid: 'results-state', dataset: { state: table.state } }, P.t('results_state.' + table.state))),
      P.el('dl', { class: 'facts' },
        P.el('dt', {}, P.t('admin.announced_at')), P.el('dd', { testid: 'announced-at' }, P.localTime(table, 'announced_at')),
        table.final_at ? [P.el('dt', {}, P.t('admin.final_at')), P.el('dd', {}, P.localTime(table, 'final_at'))] : null,
        P.el('dt', {}, P.t('admin.results_sha256')), P.el('dd', { class: 'mono', testid: 'announced-sha256' }, table.sha256 || ''),
        P.el('dt', {}, P.t('admin.audit_anchor')), P.el('dd', { class: 'mono', testid: 'announced-anchor' }, table.log_head ? table.log_head.seq + ':' + table.log_head.hash : '')),
      P.el('p', {}, P.el('a', { href: '#/results', class: 'btn', testid: 'announced-results-link' }, P.t('nav.results'))));
  }

  function announceForm(body, out) {
    const ask = P.button(P.t('admin.announce'), { class: 'btn btn-primary', testid: 'announce' });
    const yes = P.button(P.t('admin.announce_yes'), { class: 'btn btn-danger', testid: 'announce-confirm' });
    const no = P.button(P.t('common.cancel'), { class: 'btn btn-quiet', testid: 'announce-cancel' });
    const confirm = P.el('div', { class: 'confirm-box', hidden: true, role: 'alertdialog', 'aria-label': P.t('admin.announce') },
      P.el('p', {}, P.t('admin.announce_ask')), yes, no);
    ask.addEventListener('click', function () { confirm.hidden = false; ask.hidden = true; yes.focus(); });
    no.addEventListener('click', function () { confirm.hidden = true; ask.hidden = false; ask.focus(); });
    yes.addEventListener('click', function () {
      P.busy(yes, out, async function () {
        const table = await P.api.post('/api/admin/announce');
        await P.loadContest();
        P.put(body, announcedState(table));
        P.put(out, P.notice('ok', P.t('admin.announced'), 'announce-result'));
      });
    });
    return [P.el('p', {}, P.t('admin.results_state'), ' ', P.el('strong', { testid: 'results-state', dataset: { state: 'sealed' } }, P.t('results_state.sealed'))),
      P.el('p', { class: 'hint' }, P.t('admin.announce_hint')), ask, confirm];
  }

  function announcePanel() {
    const out = output('announce-output');
    const body = P.el('div', {});
    const state = (P.state.contest || {}).results_state || 'sealed';
    if (state === 'sealed') P.put(body, announceForm(body, out));
    else {
      P.put(body, P.loading());
      P.api.get('/api/results').then(function (table) { P.put(body, announcedState(table)); },
        function (err) { P.put(body, P.errorBox(err)); });
    }
    return panel(P.t('admin.announce_title'), 'admin-announce', body, out);
  }

  /* ---------- Downloads and the audit ---------- */

  function auditResult(res) {
    const problems = res.problems || [];
    return P.el('div', { testid: 'audit-result', dataset: { ok: res.ok ? 'true' : 'false' } },
      P.notice(res.ok ? 'ok' : 'error', P.t(res.ok ? 'admin.audit_ok' : 'admin.audit_bad', {
        records: res.records, votes: res.votes_replayed, scores: res.scores_replayed,
      })),
      problems.length ? P.el('ul', { class: 'plain-list' }, problems.map(function (p) { return P.el('li', {}, typeof p === 'string' ? p : JSON.stringify(p)); })) : null);
  }

  function downloadsPanel() {
    const out = output('audit-output');
    const run = P.button(P.t('admin.audit_run'), { class: 'btn', testid: 'audit-run', events: { click: function (e) {
      P.busy(e.currentTarget, out, async function () { P.put(out, auditResult(await P.api.get('/api/admin/audit'))); });
    } } });
    return panel(P.t('admin.downloads'), 'admin-downloads',
      P.el('p', { class: 'actions' },
        P.el('a', { href: P.url('/api/results.csv'), class: 'btn btn-quiet', download: 'results.csv', testid: 'admin-results-csv' }, P.t('results.download_csv')),
        P.el('a', { href: '#/results', class: 'btn btn-quiet' }, P.t('nav.results')),
        P.el('a', { href: '#/sheets', class: 'btn btn-quiet', testid: 'admin-print-sheets' }, P.t('admin.print_sheets')), run),
      out);
  }

  async function renderAdmin(view) {
    P.setTitle(P.t('admin.title'));
    P.add(view, P.loading());
    await P.loadContest();
    const invitations = invitationsPanel(output('invite-output'));
    P.put(view, P.heading(P.t('admin.title')),
      P.adminDashboard(),
      P.el('div', { class: 'panels' },
        phasesPanel(), rosterPanel(invitations.invite), invitations.node, judgesPanel(), P.adminJudgingPanel(), P.adminFinalPanel(),
        disqualifyPanel(), P.adminIntegrityPanel(), announcePanel(), P.adminCommentsPanel(), P.adminObjectionsPanel(), P.adminRevokePanel(),
        downloadsPanel(), P.outboxPanel()));
  }

  P.route('admin', renderAdmin, { role: 'admin' });
})();
