/* state.js: what the pages know about the signed-in person, the contest and
   the ballot, and the contest's names and times in the reader's language.
   Who may do what with an entry is not decided here: each entry the API returns
   carries its own "actions" (docs/api.md). */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  P.state = { me: null, contest: null, ballot: null, ownIds: null };

  // Who is signed in. While it is being asked (right after a sign-in), a page
  // that needs a person waits for the answer instead of sending them to sign
  // in: P.state.meLoading is that answer.
  P.loadMe = function () {
    const loading = (async function () {
      P.state.me = null;
      P.csrf = null;
      if (P.isStatic) return null;
      try {
        P.state.me = await P.api.get('/api/me');
        P.csrf = P.state.me.csrf;
      } catch (err) {
        if (err.status !== 401) throw err;
      }
      return P.state.me;
    })();
    P.state.meLoading = loading;
    const done = function () { if (P.state.meLoading === loading) P.state.meLoading = null; };
    loading.then(done, done);
    return loading;
  };

  P.loadContest = async function () {
    P.state.contest = await P.api.get('/api/contest');
    if (P.syncClock) P.syncClock(P.state.contest);
    return P.state.contest;
  };

  // True when the server's route guards grant the person this role
  // (me.acts_as: an admin acts as every role).
  P.hasRole = function (role) {
    return ((P.state.me && P.state.me.acts_as) || []).indexOf(role) >= 0;
  };

  P.phase = function (name) {
    const phases = (P.state.contest && P.state.contest.phases) || [];
    return phases.find(function (p) { return p.phase === name; }) || null;
  };

  P.phaseOpen = function (name) { const p = P.phase(name); return !!(p && p.open); };

  // The ballot (votes cast and left) and the person's own entries, while
  // voting is open, for those the server says have a vote (ballot.eligible);
  // null for everyone else.
  P.refreshBallot = async function () {
    P.state.ballot = null;
    if (P.isStatic || !P.state.me || !P.phaseOpen('voting')) { P.emit('ballot'); return null; }
    const ballot = await P.api.get('/api/my/ballot');
    if (ballot.eligible && !P.state.ownIds) {
      const mine = await P.api.get('/api/my/entries');
      P.state.ownIds = new Set((mine.entries || []).map(function (e) { return e.entry; }));
    }
    P.state.ballot = ballot.eligible ? ballot : null;
    P.emit('ballot');
    return P.state.ballot;
  };

  // True when the server lists `action` among what the viewer may do with the
  // entry now ("vote", "unvote", "replace", "withdraw"; docs/api.md).
  P.allows = function (entry, action) {
    return !!(entry && Array.isArray(entry.actions) && entry.actions.indexOf(action) >= 0);
  };

  P.setBallot = function (ballot) { P.state.ballot = ballot; P.emit('ballot'); };

  P.themeName = function (name) {
    const themes = (P.state.contest && P.state.contest.themes) || [];
    const theme = themes.find(function (t) { return t.name === name; });
    return theme ? P.pick(theme, 'name') : (name || '');
  };

  // P.localTime, P.formatDate: calendar.js.
})();
