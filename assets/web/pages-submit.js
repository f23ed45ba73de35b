/* pages-submit.js: submitting a poster (#/submit) and one's own entries
   (#/mine): status in words, the moderator's reason, replace and withdraw. */
(function () {
  'use strict';
  const P = window.Poster;

  const ACCEPT = 'image/png,image/jpeg,image/webp';

  function formatBytes(n) {
    if (n >= 1048576) return (n / 1048576).toFixed(1) + ' MB';
    return Math.max(1, Math.round(n / 1024)) + ' KB';
  }

  /* ---------- Choosing a file: drop zone, file input, preview ---------- */

  // A drop zone around a real file input (phones use the input). Calls
  // onFile(file) with the chosen file.
  function filePicker(onFile) {
    const input = P.el('input', { type: 'file', accept: ACCEPT, testid: 'submit-file', class: 'file-input' });
    input.addEventListener('change', function () { if (input.files[0]) onFile(input.files[0]); });
    const zone = P.el('div', { class: 'drop-zone', testid: 'submit-drop' },
      P.el('p', { class: 'drop-text' }, P.t('submit.drop')),
      P.field(P.t('submit.file'), input, P.t('submit.file_hint')));
    zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('dragging'); });
    zone.addEventListener('dragleave', function () { zone.classList.remove('dragging'); });
    zone.addEventListener('drop', function (e) {
      e.preventDefault();
      zone.classList.remove('dragging');
      const file = e.dataTransfer && e.dataTransfer.files[0];
      if (!file) return;
      try { input.files = e.dataTransfer.files; } catch (err) { /* older browsers */ }
      onFile(file);
    });
    return { zone: zone, input: input };
  }

  // What the server will refuse, said before sending: too small, landscape or
  // too narrow, too heavy, by the limits /api/contest gives (the server stays
  // the authority: EXIF rotation and the decoder may still differ).
  function previewWarning(file, width, height) {
    const limits = (P.state.contest && P.state.contest.poster_limits) || null;
    if (!limits) return null;
    const shape = { width: width, height: height, min: limits.min_aspect, max: limits.max_aspect };
    if (width && height) {
      const aspect = width / height;
      if (Math.min(width, height) < limits.min_short_side) return P.t('submit.warn_small', Object.assign(shape, { min: limits.min_short_side }));
      if (aspect > limits.max_aspect + 1e-9) return P.t('submit.warn_landscape', shape);
      if (aspect < limits.min_aspect - 1e-9) return P.t('submit.warn_narrow', shape);
    }
    if (file.size > limits.max_bytes) return P.t('submit.warn_heavy', { size: formatBytes(file.size), max: formatBytes(limits.max_bytes) });
    return null;
  }

  // The chosen image shown before sending (a blob: URL, allowed by the CSP).
  function previewer() {
    const box = P.el('div', { class: 'preview', testid: 'submit-preview', hidden: true });
    let url = null;
    function release() { if (url) URL.revokeObjectURL(url); url = null; }
    P.onLeave(release);
    function show(file) {
      release();
      url = URL.createObjectURL(file);
      const img = P.el('img', { src: url, alt: P.t('submit.preview_alt'), class: 'preview-img' });
      const info = P.el('p', { class: 'muted', testid: 'submit-file-info' }, file.name + ' · ' + formatBytes(file.size));
      const warning = P.el('div', { 'aria-live': 'polite' });
      const warn = function (text) { P.put(warning, text ? P.notice('warn', text, 'submit-preview-warning') : null); };
      warn(previewWarning(file, 0, 0));
      img.addEventListener('load', function () {
        info.textContent = file.name + ' · ' + formatBytes(file.size) + ' · ' + img.naturalWidth + '×' + img.naturalHeight;
        warn(previewWarning(file, img.naturalWidth, img.naturalHeight));
      });
      P.put(box, img, info, warning);
      box.hidden = false;
    }
    function clear() { release(); P.put(box); box.hidden = true; }
    return { box: box, show: show, clear: clear };
  }

  // "3점 중 1점 남음": the entries an author has left, from /api/my/entries.
  function entriesLeft() {
    const box = P.el('p', { class: 'entries-left', testid: 'submit-entries-left', 'aria-live': 'polite' });
    async function refresh() {
      if (P.isStatic || !P.state.me) return;
      try {
        const mine = await P.api.get('/api/my/entries');
        if (typeof mine.entries_left === 'number') {
          box.dataset.left = String(mine.entries_left);
          box.textContent = P.t('submit.left', { left: mine.entries_left, limit: mine.entries_per_author });
        }
      } catch (e) { /* the count is a courtesy; the server still checks */ }
    }
    refresh();
    return { box: box, refresh: refresh };
  }

  /* ---------- Upload progress ---------- */

  function progressBar() {
    const bar = P.el('progress', { max: 100, value: 0, testid: 'submit-progress' });
    const label = P.el('span', { class: 'progress-label', 'aria-live': 'polite' });
    const box = P.el('div', { class: 'progress', hidden: true }, bar, label);
    function set(fraction, uploaded) {
      box.hidden = false;
      if (uploaded) { bar.removeAttribute('value'); label.textContent = P.t('submit.checking'); return; }
      bar.value = Math.round(fraction * 100);
      label.textContent = P.t('submit.uploading', { percent: Math.round(fraction * 100) });
    }
    function hide() { box.hidden = true; bar.value = 0; }
    return { box: box, set: set, hide: hide };
  }

  /* ---------- The verdict ---------- */

  function acceptedVerdict(entry) {
    return P.el('div', { class: 'verdict verdict-ok', testid: 'submit-verdict', dataset: { status: 'accepted' }, role: 'status' },
      P.el('h2', {}, P.t('submit.accepted')),
      P.el('p', {}, P.t('submit.accepted_number'), ' ', P.el('strong', { testid: 'submit-entry-number' }, '#' + entry.entry)),
      P.el('p', {}, P.t('submit.accepted_next')),
      entry.flags && entry.flags.length ? P.el('p', {}, P.t('submit.flags_intro')) : null,
      P.flagList(entry, 'submit-flags'),
      P.el('p', { class: 'actions' }, P.el('a', { href: '#/mine', class: 'btn' }, P.t('nav.mine'))));
  }

  function refusedVerdict(err) {
    return P.el('div', { class: 'verdict verdict-error', testid: 'submit-verdict', dataset: { status: 'rejected', code: err.code }, role: 'alert' },
      P.el('h2', {}, P.t('submit.refused')),
      P.el('p', { testid: 'submit-refusal' }, P.errorText(err)),
      P.supportDetails(err));
  }

  /* ---------- The submit form ---------- */

  function themeSelect() {
    const themes = (P.state.contest && P.state.contest.themes) || [];
    return P.el('select', { testid: 'submit-theme', required: true },
      P.el('option', { value: '' }, P.t('submit.theme_choose')),
      themes.map(function (t) { return P.el('option', { value: t.name }, P.pick(t, 'name')); }));
  }

  function submitFields() {
    return {
      title: P.input({ testid: 'submit-title', required: true, maxlength: 200 }),
      theme: themeSelect(),
      ai_tools: P.input({ testid: 'submit-ai-tools', maxlength: 200 }),
      prompt: P.el('textarea', { testid: 'submit-prompt', rows: 3 }),
      description: P.el('textarea', { testid: 'submit-description', rows: 3 }),
      alt_text: P.el('textarea', { testid: 'submit-alt-text', rows: 2, maxlength: 300 }),
      co_authors: P.input({ testid: 'submit-co-authors', autocapitalize: 'characters', spellcheck: 'false' }),
    };
  }

  function fieldRows(f) {
    return [
      P.field(P.t('submit.title_label'), f.title),
      P.field(P.t('submit.theme'), f.theme),
      P.field(P.t('submit.ai_tools'), f.ai_tools, P.t('submit.ai_tools_hint')),
      P.field(P.t('submit.prompt'), f.prompt, P.t('submit.prompt_hint')),
      P.field(P.t('submit.description'), f.description),
      P.field(P.t('entry.alt_text'), f.alt_text, P.t('submit.alt_text_hint')),
      P.field(P.t('submit.co_authors'), f.co_authors, P.t('submit.co_authors_hint')),
    ];
  }

  function missingField(file, f, pledge) {
    if (!file) return P.t('submit.need_file');
    if (pledge && pledge.missing()) return pledge.missing();
    if (!f.title.value.trim()) return P.t('submit.need_title');
    if (!f.theme.value) return P.t('submit.need_theme');
    return null;
  }

  function formData(file, f, pledge) {
    const form = new FormData();
    form.append('file', file, file.name);
    Object.keys(f).forEach(function (key) { form.append(key, f[key].value.trim()); });
    const accepted = pledge ? pledge.versions() : {};
    Object.keys(accepted).forEach(function (key) { form.append(key, accepted[key]); });
    return form;
  }

  // One upload at a time: the button is disabled (and says so) while sending,
  // and a second submit (a tap, Enter in a field) is ignored until it ends.
  async function send(file, f, ui) {
    if (ui.sending) return false;
    ui.sending = true;
    ui.button.disabled = true;
    ui.button.setAttribute('aria-busy', 'true');
    ui.button.textContent = P.t('submit.sending');
    P.put(ui.verdict);
    let accepted = false;
    try {
      const entry = await P.upload('/api/entries', formData(file, f, ui.pledge), ui.progress.set);
      P.put(ui.verdict, acceptedVerdict(entry));
      P.state.ownIds = null;
      accepted = true;
    } catch (err) {
      P.put(ui.verdict, refusedVerdict(err));
    } finally {
      ui.sending = false;
      ui.progress.hide();
      ui.button.disabled = false;
      ui.button.removeAttribute('aria-busy');
      ui.button.textContent = P.t('submit.send');
      ui.verdict.scrollIntoView({ block: 'nearest' });
    }
    return accepted;
  }

  function renderSubmit(view) {
    P.setTitle(P.t('submit.title'));
    let file = null;
    const preview = previewer();
    const picker = filePicker(function (chosen) { file = chosen; preview.show(chosen); });
    const f = submitFields();
    const left = entriesLeft();
    const ui = {
      button: P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'submit-send' }, P.t('submit.send')),
      progress: progressBar(),
      verdict: P.el('div', { class: 'verdict-area', 'aria-live': 'polite' }),
      pledge: P.pledgeBox(),
    };
    const form = P.el('form', { class: 'form submit-form', novalidate: true },
      P.el('div', { class: 'submit-file-col' }, picker.zone, preview.box),
      P.el('div', { class: 'submit-fields-col' }, fieldRows(f), ui.pledge.node, ui.progress.box,
        P.el('div', { class: 'actions' }, ui.button), ui.verdict));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      const missing = missingField(file, f, ui.pledge);
      if (ui.sending) return;
      if (missing) { P.put(ui.verdict, P.notice('error', missing, 'submit-missing')); return; }
      send(file, f, ui).then(function (accepted) {
        if (!accepted) return;
        // The next poster starts from an empty form: nothing of this one's
        // prompt, description or tools goes in with it.
        Object.keys(f).forEach(function (key) { f[key].value = ''; });
        picker.input.value = '';
        file = null;
        preview.clear();
        left.refresh();
      });
    });
    const closed = P.phaseOpen('submission') ? null : P.notice('warn', P.t('submit.closed'), 'submit-closed');
    P.add(view, P.heading(P.t('submit.title')), P.phaseBanner(['submission']),
      P.el('p', { class: 'lead' }, P.t('submit.intro')), left.box, closed, form);
  }

  /* ---------- My entries ---------- */

  function replaceControl(entry, reload, out) {
    const input = P.el('input', { type: 'file', accept: ACCEPT, class: 'visually-hidden', testid: 'mine-replace-file' });
    const label = P.el('label', { class: 'btn btn-small', testid: 'mine-replace' }, P.t('mine.replace'), input);
    const progress = progressBar();
    input.addEventListener('change', async function () {
      if (!input.files[0]) return;
      const form = new FormData();
      form.append('file', input.files[0], input.files[0].name);
      P.put(out);
      try {
        await P.upload('/api/entries/' + entry.entry + '/replace', form, progress.set);
        await reload(P.notice('ok', P.t('mine.replaced', { number: entry.entry }), 'mine-message'));
      } catch (err) {
        progress.hide();
        P.put(out, P.errorBox(err, 'mine-error'));
      }
    });
    return [label, progress.box];
  }

  function withdrawControl(entry, reload, out) {
    const ask = P.button(P.t('mine.withdraw'), { class: 'btn btn-small btn-danger-quiet', testid: 'mine-withdraw' });
    const yes = P.button(P.t('mine.withdraw_yes'), { class: 'btn btn-small btn-danger', testid: 'mine-withdraw-confirm' });
    const no = P.button(P.t('common.cancel'), { class: 'btn btn-small btn-quiet' });
    const confirm = P.el('span', { class: 'confirm', hidden: true }, P.t('mine.withdraw_ask'), ' ', yes, no);
    ask.addEventListener('click', function () { confirm.hidden = false; ask.hidden = true; yes.focus(); });
    no.addEventListener('click', function () { confirm.hidden = true; ask.hidden = false; ask.focus(); });
    yes.addEventListener('click', function () {
      P.busy(yes, out, async function () {
        await P.api.post('/api/entries/' + entry.entry + '/withdraw');
        await reload(P.notice('ok', P.t('mine.withdrawn', { number: entry.entry }), 'mine-message'));
      });
    });
    return [ask, confirm];
  }

  // Title, description and alt text, editable while the file is replaceable.
  function editControl(entry, reload, out) {
    const ask = P.button(P.t('mine.edit'), { class: 'btn btn-small', testid: 'mine-edit' });
    const title = P.input({ testid: 'mine-edit-title', maxlength: 200, value: entry.title || '' });
    const description = P.el('textarea', { testid: 'mine-edit-description', rows: 3 });
    description.value = entry.description || '';
    const alt = P.el('textarea', { testid: 'mine-edit-alt-text', rows: 2, maxlength: 300 });
    alt.value = entry.alt_text || '';
    const save = P.el('button', { type: 'submit', class: 'btn btn-small btn-primary', testid: 'mine-edit-save' }, P.t('mine.edit_save'));
    const form = P.el('form', { class: 'form mine-edit', hidden: true, novalidate: true },
      P.el('p', { class: 'hint' }, P.t('mine.edit_hint')),
      P.field(P.t('submit.title_label'), title), P.field(P.t('submit.description'), description),
      P.field(P.t('entry.alt_text'), alt, P.t('submit.alt_text_hint')), P.el('div', { class: 'actions' }, save));
    ask.addEventListener('click', function () { form.hidden = !form.hidden; if (!form.hidden) title.focus(); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      P.busy(save, out, async function () {
        await P.api.post('/api/entries/' + entry.entry + '/edit',
          { title: title.value.trim(), description: description.value.trim(), alt_text: alt.value.trim() });
        await reload(P.notice('ok', P.t('mine.edit_saved'), 'mine-message'));
      });
    });
    return [ask, form];
  }

  function mineActions(entry, reload) {
    const out = P.el('div', { 'aria-live': 'polite' });
    return P.el('div', { class: 'mine-actions' },
      P.el('a', { href: '#/entry/' + entry.entry, class: 'btn btn-small btn-quiet' }, P.t('mine.view')),
      P.allows(entry, 'replace') ? replaceControl(entry, reload, out) : null,
      P.allows(entry, 'edit') ? editControl(entry, reload, out) : null,
      P.allows(entry, 'withdraw') ? withdrawControl(entry, reload, out) : null,
      out);
  }

  function mineItem(entry, reload) {
    const reason = entry.status_reason;
    return P.el('li', { class: 'mine-item', testid: 'mine-entry', dataset: { entry: String(entry.entry), status: entry.review_status } },
      P.el('div', { class: 'mine-thumb' }, P.posterImage(entry, { sizes: '160px' })),
      P.el('div', { class: 'mine-body' },
        P.tierBadge(entry),
        P.el('h2', { class: 'card-title' }, entry.title, ' ', P.el('span', { class: 'muted' }, '#' + entry.entry)),
        entry.tier ? P.el('p', {}, P.el('a', { href: '#/certificate/' + entry.entry, class: 'btn btn-small btn-quiet', testid: 'mine-certificate' }, P.t('results.certificate'))) : null,
        P.el('p', {}, P.el('span', { class: 'status status-' + entry.review_status, testid: 'mine-status' }, P.statusLabel(entry.review_status))),
        P.el('p', { class: 'muted' }, P.t('status.help_' + entry.review_status)),
        reason ? P.el('p', { class: 'reason', testid: 'mine-reason' }, P.el('strong', {}, P.t('mine.reason')), ' ', reason) : null,
        (entry.flags || []).includes('no_ai_provenance') ? P.notice('info', P.t('entry.no_ai_provenance_note'), 'mine-no-ai-note') : null,
        P.el('p', { class: 'muted' }, P.themeName(entry.theme), ' · ', P.localTime(entry, 'submitted_at')),
        P.flagList(entry, 'mine-flags'),
        mineActions(entry, reload)));
  }

  async function renderMine(view) {
    P.setTitle(P.t('mine.title'));
    P.add(view, P.heading(P.t('mine.title')), P.loading());
    async function reload(message) {
      const data = await P.api.get('/api/my/entries');
      const entries = data.entries || [];
      const list = entries.length
        ? P.el('ul', { class: 'mine-list' }, entries.map(function (e) { return mineItem(e, reload); }))
        : P.notice('info', P.t('mine.empty'), 'mine-empty');
      P.put(view, P.heading(P.t('mine.title')), message || null, list,
        P.el('p', { class: 'actions' }, P.el('a', { href: '#/submit', class: 'btn btn-primary' }, P.t('nav.submit'))));
    }
    await reload(null);
  }

  P.route('submit', renderSubmit, { auth: true });
  P.route('mine', renderMine, { auth: true });
})();
