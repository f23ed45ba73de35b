/* pages-member.js: signing in (#/signin), accepting an invitation
   (#/invite/TOKEN), the vote button used by the gallery and entry pages, and
   flag texts. Submitting and one's own entries are in pages-submit.js. */
(function () {
  'use strict';
  const P = window.Poster;

  /* ---------- Flags, in words ---------- */

  P.flagText = function (flag, entry) {
    const others = ((entry && entry.near_duplicate_of) || []).map(function (n) { return '#' + n; }).join(', ');
    // Authors are not told which entry theirs resembles; moderators are.
    const key = flag === 'near_duplicate' && !others ? 'flag.near_duplicate_unnamed' : 'flag.' + flag;
    const text = P.t(key, { others: others });
    return text === key ? flag : text;
  };

  P.flagList = function (entry, testid) {
    const flags = (entry && entry.flags) || [];
    if (!flags.length) return null;
    return P.el('ul', { class: 'flag-list', testid: testid || 'flags' }, flags.map(function (f) {
      return P.el('li', { class: 'flag', dataset: { flag: f } }, P.flagText(f, entry));
    }));
  };

  /* ---------- Forms ---------- */

  P.input = function (props) {
    return P.el('input', Object.assign({ type: 'text' }, props));
  };

  // Runs action() with the submit button disabled; shows a refusal in `out`.
  P.busy = async function (button, out, action) {
    button.disabled = true;
    P.put(out);
    try {
      await action();
    } catch (err) {
      P.put(out, P.errorBox(err, out.getAttribute('data-testid') || 'form-error'));
    } finally {
      button.disabled = false;
    }
  };

  /* ---------- Sign in ---------- */

  function signedInAlready(view) {
    const me = P.state.me;
    P.add(view, P.heading(P.t('signin.title')),
      P.notice('ok', P.t('signin.already', { name: me.name || me.employee_id }), 'signin-already'),
      P.el('p', {}, P.el('a', { href: '#/gallery', class: 'btn' }, P.t('nav.gallery'))));
  }

  function renderSignin(view) {
    P.setTitle(P.t('signin.title'));
    if (P.isStatic) { P.add(view, P.notice('info', P.t('static.signin_hidden'))); return; }
    if (P.state.me) { signedInAlready(view); return; }
    const id = P.input({ testid: 'signin-id', autocomplete: 'username', required: true, autocapitalize: 'characters', spellcheck: 'false' });
    const password = P.input({ type: 'password', testid: 'signin-password', autocomplete: 'current-password', required: true });
    const submit = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'signin-submit' }, P.t('signin.submit'));
    const out = P.el('div', { testid: 'signin-error', 'aria-live': 'assertive' });
    const form = P.el('form', { class: 'form form-narrow', novalidate: true },
      P.heading(P.t('signin.title')),
      P.field(P.t('signin.employee_id'), id),
      P.field(P.t('signin.password'), password, P.t('signin.password_hint')),
      out, P.el('div', { class: 'actions' }, submit), P.forgotLink());
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!id.value.trim() || !password.value) { P.put(out, P.notice('error', P.t('signin.missing'), 'signin-error')); return; }
      P.busy(submit, out, async function () {
        const res = await P.api.post('/api/auth/login', { employee_id: id.value.trim(), password: password.value });
        P.csrf = res.csrf;
        await P.refresh(P.takeNext());
      });
    });
    P.add(view, form);
    id.focus();
  }

  /* ---------- Accept an invitation ---------- */

  function checkNewPassword(first, second) {
    if (first.length < 10) return P.t('invite.too_short');
    if (first !== second) return P.t('invite.mismatch');
    return null;
  }

  // The link is checked before anyone types a password: the page names the
  // person it is for, or says it was used (sign in) or is not valid.
  async function renderInvite(view, token) {
    P.setTitle(P.t('invite.title'));
    if (P.isStatic) { P.add(view, P.notice('info', P.t('static.signin_hidden'))); return; }
    let invitation;
    try {
      invitation = await P.api.post('/api/auth/invitation', { token: token });
    } catch (err) {
      P.add(view, P.heading(P.t('invite.title')), P.errorBox(err, 'invite-closed'));
      if (err.code === 'invitation_used') {
        P.add(view, P.el('p', { class: 'actions' },
          P.el('a', { href: '#/signin', class: 'btn btn-primary', testid: 'invite-signin' }, P.t('nav.signin'))));
      }
      return;
    }
    inviteForm(view, token, invitation);
  }

  function inviteForm(view, token, invitation) {
    const reset = invitation.purpose === 'password_reset';
    const who = P.t((reset ? 'invite.reset_for' : 'invite.for') + (invitation.department ? '_department' : ''),
      { name: invitation.name, department: invitation.department });
    // The employee number as a username, so a password manager saves the pair.
    const username = P.input({ autocomplete: 'username', value: invitation.employee_id, readOnly: true, testid: 'invite-employee-id' });
    const first = P.input({ type: 'password', testid: 'invite-password', autocomplete: 'new-password', minlength: 10, required: true });
    const second = P.input({ type: 'password', testid: 'invite-password2', autocomplete: 'new-password', minlength: 10, required: true });
    const submit = P.el('button', { type: 'submit', class: 'btn btn-primary', testid: 'invite-submit' }, P.t('invite.submit'));
    const out = P.el('div', { testid: 'invite-error', 'aria-live': 'assertive' });
    const form = P.el('form', { class: 'form form-narrow', novalidate: true },
      P.heading(P.t(reset ? 'invite.reset_title' : 'invite.title')),
      P.el('p', { testid: 'invite-person' }, who),
      P.el('p', {}, P.t('invite.intro', { until: P.formatDate(invitation.expires_at) })),
      P.field(P.t('signin.employee_id'), username),
      P.field(P.t('invite.password'), first, P.t('invite.password_hint')),
      P.field(P.t('invite.password2'), second),
      out, P.el('div', { class: 'actions' }, submit));
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      const problem = checkNewPassword(first.value, second.value);
      if (problem) { P.put(out, P.notice('error', problem, 'invite-error')); return; }
      P.busy(submit, out, async function () {
        await P.api.post('/api/auth/accept', { token: token, password: first.value });
        history.replaceState(null, '', '#/gallery');
        await P.refresh('#/gallery');
      });
    });
    P.add(view, form);
    first.focus();
  }

  /* ---------- Voting ---------- */

  function isOwn(entryId) {
    return !!(P.state.ownIds && P.state.ownIds.has(entryId));
  }

  function paintVote(button, voted) {
    button.textContent = voted ? P.t('vote.unvote') : P.t('vote.vote');
    button.setAttribute('aria-pressed', voted ? 'true' : 'false');
    button.dataset.voted = voted ? 'true' : 'false';
    button.classList.toggle('voted', voted);
  }

  // Casts or retracts; afterwards the button shows what the returned ballot says.
  async function toggleVote(button, message, entryId) {
    button.disabled = true;
    message.textContent = '';
    message.classList.remove('error');
    try {
      const ballot = button.dataset.voted === 'true'
        ? await P.api.del('/api/votes/' + entryId)
        : await P.castVote(entryId);  // pages-integrity.js: with the voter's secret
      P.setBallot(ballot);
      paintVote(button, (ballot.entries || []).indexOf(entryId) >= 0);
      if (ballot.receipt) P.put(message, P.el('a', { href: '#/receipts', testid: 'receipt-link' }, P.t('vote.receipt_kept')));
    } catch (err) {
      message.textContent = P.errorText(err);
      message.classList.add('error');
    } finally {
      button.disabled = false;
    }
  }

  // A vote/unvote button for an entry whose actions (from the API) offer one;
  // the person's own entries are marked while they have a ballot; else null.
  P.voteButton = function (entry) {
    const canVote = P.allows(entry, 'vote'), canUnvote = P.allows(entry, 'unvote');
    if (!canVote && !canUnvote) {
      return P.state.ballot && isOwn(entry.entry) ? P.el('span', { class: 'own-mark', testid: 'own-entry' }, P.t('vote.own')) : null;
    }
    const message = P.el('span', { class: 'vote-msg', testid: 'vote-message', 'aria-live': 'polite' });
    const button = P.button('', { class: 'btn btn-vote', testid: 'vote-button', dataset: { entry: String(entry.entry) } });
    button.addEventListener('click', function (e) {
      e.preventDefault();
      toggleVote(button, message, entry.entry);
    });
    paintVote(button, canUnvote);
    return P.el('span', { class: 'vote' }, button, message);
  };

  P.route('signin', renderSignin);
  P.route('invite', renderInvite);
})();
