/* calendar.js: dates as people read them, in the contest's time zone with
   the zone named ("2026. 10. 24.(토) 18:00 KST", "Sat 24 Oct 2026, 18:00 KST"),
   the server's clock (a phone with a wrong clock still counts right), and the
   countdown of each open phase ("마감까지 2일", "D-1", "오늘 18:00 마감"). */
(function () {
  'use strict';
  const P = (window.Poster = window.Poster || {});

  const KO_DAYS = ['일', '월', '화', '수', '목', '금', '토'];
  const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const DAY_MS = 86400000;

  let skew = 0;  // the server's clock minus this device's, from /api/contest

  P.syncClock = function (contest) {
    const server = contest && Date.parse(contest.server_time);
    skew = server && !P.isStatic ? server - Date.now() : 0;
  };

  P.serverNow = function () { return Date.now() + skew; };

  function zone() { return (P.state.contest && P.state.contest.time_zone) || 'UTC'; }

  // The wall clock in the contest's zone: {year, month, day, weekday, hour, minute, offset}.
  P.wallClock = function (ms, timeZone) {
    const parts = {};
    new Intl.DateTimeFormat('en-US', {
      timeZone: timeZone || zone(), hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', weekday: 'short',
    }).formatToParts(new Date(ms)).forEach(function (p) { parts[p.type] = p.value; });
    const wall = {
      year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour % 24,
      minute: +parts.minute, weekday: EN_DAYS.indexOf(parts.weekday),
    };
    const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
    wall.offset = Math.round((asUtc - Math.floor(ms / 60000) * 60000) / 60000);  // minutes east
    return wall;
  };

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // "KST" from the server's table of the zone's names, else "UTC+9".
  function zoneName(offset) {
    const sign = offset < 0 ? '-' : '+', abs = Math.abs(offset);
    const key = sign + pad(Math.floor(abs / 60)) + ':' + pad(abs % 60);
    const names = (P.state.contest && P.state.contest.zone_names) || {};
    if (names[key]) return names[key];
    if (offset === 0) return 'UTC';
    return 'UTC' + sign + Math.floor(abs / 60) + (abs % 60 ? ':' + pad(abs % 60) : '');
  }

  // A moment (ISO text or milliseconds) as people read it, in the reader's language.
  P.formatDate = function (moment, lang, timeZone) {
    const ms = typeof moment === 'number' ? moment : Date.parse(moment);
    if (!isFinite(ms)) return '';
    const w = P.wallClock(ms, timeZone);
    const time = pad(w.hour) + ':' + pad(w.minute) + ' ' + zoneName(w.offset);
    if ((lang || P.lang) === 'en') {
      return EN_DAYS[w.weekday] + ' ' + w.day + ' ' + EN_MONTHS[w.month - 1] + ' ' + w.year + ', ' + time;
    }
    return w.year + '. ' + w.month + '. ' + w.day + '.(' + KO_DAYS[w.weekday] + ') ' + time;
  };

  // The date as a node that wraps only between the day and the time (tables).
  P.dateNode = function (moment) {
    const text = P.formatDate(moment);
    const cut = text.indexOf(') ') >= 0 ? text.indexOf(') ') + 1 : text.indexOf(', ') + 1;
    if (cut <= 0) return text;
    return P.el('span', { class: 'date' }, P.el('span', { class: 'date-part' }, text.slice(0, cut)), ' ',
      P.el('span', { class: 'date-part' }, text.slice(cut).trim()));
  };

  // A field of `obj` (UTC text from the API) for display.
  P.localTime = function (obj, field) {
    return obj && obj[field] ? P.formatDate(obj[field]) : '';
  };

  function dayNumber(w) { return Date.UTC(w.year, w.month - 1, w.day) / DAY_MS; }

  // "오늘 18:00 마감", "D-1", "마감까지 2일" (or the phase's start the same way),
  // counted in calendar days of the contest's zone. An end at midnight is the
  // end of the day before ("오늘 24:00 마감").
  P.countdown = function (moment, kind, now) {
    const ms = Date.parse(moment);
    const midnight = P.wallClock(ms).hour === 0 && P.wallClock(ms).minute === 0 && kind === 'end';
    const target = P.wallClock(midnight ? ms - 1 : ms), today = P.wallClock(now || P.serverNow());
    const days = dayNumber(target) - dayNumber(today);
    const time = midnight ? '24:00' : pad(target.hour) + ':' + pad(target.minute);
    if (days <= 0) return P.t('calendar.today_' + kind, { time: time });
    if (days === 1) return P.t('calendar.d1_' + kind, { time: time });
    return P.t('calendar.days_' + kind, { days: days });
  };

  // What is open now and until when, or when it opens: one line per phase.
  // names: the phases this page is about, in order.
  P.phaseBanner = function (names) {
    if (P.isStatic) return null;
    const now = P.serverNow();
    const items = names.map(P.phase).filter(Boolean).map(function (p) {
      const label = P.t('phase.' + p.phase);
      if (p.open && p.end) {
        return P.el('li', { class: 'phase-line phase-open', testid: 'countdown-' + p.phase },
          P.el('strong', {}, P.t('calendar.open', { phase: label })), ' ',
          P.el('span', { class: 'countdown', testid: 'countdown-text' }, P.countdown(p.end, 'end', now)), ' ',
          P.el('span', { class: 'muted' }, P.t('calendar.until', { when: P.formatDate(p.end) })));
      }
      if (p.open) return P.el('li', { class: 'phase-line phase-open', testid: 'countdown-' + p.phase }, P.el('strong', {}, P.t('calendar.open', { phase: label })));
      if (p.start && Date.parse(p.start) > now) {
        return P.el('li', { class: 'phase-line', testid: 'countdown-' + p.phase },
          P.el('strong', {}, label), ' ',
          P.el('span', { class: 'countdown', testid: 'countdown-text' }, P.countdown(p.start, 'start', now)), ' ',
          P.el('span', { class: 'muted' }, P.t('calendar.from', { when: P.formatDate(p.start) })));
      }
      return null;
    }).filter(Boolean);
    if (!items.length) return null;
    return P.el('ul', { class: 'phase-banner', testid: 'phase-banner', 'aria-label': P.t('calendar.label') }, items);
  };
})();
