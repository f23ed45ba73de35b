/* state.js: what the pages know about the signed-in person, the contest and
   the ballot, and the contest's names and times in the reader's language. */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  P.state = { me: null, contest: null, ballot: null, ownIds: null };

  P.loadMe = async function () {
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
  };

  P.loadContest = async function () {
    P.state.contest = await P.api.get('/api/contest');
    return P.state.contest;
  };

  P.hasRole = function (role) {
    const roles = (P.state.me && P.state.me.roles) || [];
    return roles.indexOf(role) >= 0 || roles.indexOf('admin') >= 0;
  };

  P.phase = function (name) {
    const phases = (P.state.contest && P.state.contest.phases) || [];
    return phases.find(function (p) { return p.phase === name; }) || null;
  };

  P.phaseOpen = function (name) { const p = P.phase(name); return !!(p && p.open); };

  // Voting is for staff who hold the employee role themselves (the server's
  // rule: being an admin is not enough); judges from outside do not vote.
  P.canVote = function () {
    const roles = (P.state.me && P.state.me.roles) || [];
    return !P.isStatic && roles.indexOf('employee') >= 0 && P.phaseOpen('voting');
  };

  // The ballot and the person's own entries, while voting is open.
  P.refreshBallot = async function () {
    P.state.ballot = null;
    if (!P.canVote()) { P.emit('ballot'); return null; }
    const loads = [P.api.get('/api/my/ballot')];
    if (!P.state.ownIds) loads.push(P.api.get('/api/my/entries'));
    const results = await Promise.all(loads);
    P.state.ballot = results[0];
    if (results[1]) P.state.ownIds = new Set((results[1].entries || []).map(function (e) { return e.entry; }));
    P.emit('ballot');
    return P.state.ballot;
  };

  P.setBallot = function (ballot) { P.state.ballot = ballot; P.emit('ballot'); };

  P.themeName = function (name) {
    const themes = (P.state.contest && P.state.contest.themes) || [];
    const theme = themes.find(function (t) { return t.name === name; });
    return theme ? P.pick(theme, 'name') : (name || '');
  };

  // A time for display: the *_local field when the API gives one, else the
  // UTC time shown in the contest's zone.
  P.localTime = function (obj, field) {
    if (!obj) return '';
    if (obj[field + '_local']) return obj[field + '_local'];
    const iso = obj[field];
    if (!iso) return '';
    try {
      const zone = (P.state.contest && P.state.contest.time_zone) || undefined;
      return new Intl.DateTimeFormat(P.lang === 'en' ? 'en-GB' : 'ko-KR', {
        dateStyle: 'medium', timeStyle: 'short', timeZone: zone,
      }).format(new Date(iso));
    } catch (e) {
      return iso;
    }
  };
})();
