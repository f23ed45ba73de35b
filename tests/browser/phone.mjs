// Every role's main path on a phone (390×844) and a desk (1366×768), after
// e2e.mjs has played the contest (so its accounts have PASSWORD):
//
//   POSTER_URL=... POSTER_INVITES=invites.json POSTER_SAMPLES=assets/samples \
//   AXE=node_modules/axe-core/axe.min.js ARTIFACTS=/tmp/shots node phone.mjs
//
// For each role (anonymous, employee, moderator, judge, admin): sign in, open
// the menu, reach every page the role has from it, the header stays on screen
// after scrolling, Escape closes the menu, and axe-core finds no violation on
// any page state. Beside that: the calendar set from the admin page shows its
// countdown on a phone whose clock is days wrong; the submit form warns of a
// small or landscape image before sending, is disabled while sending and
// empty after a success, and says how many entries are left; a second visit
// fetches no script or style from the network, and the gallery's render time
// on a slow network is measured (printed as "measure: ...").
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { byId } from './lib.mjs';

const BASE = (process.env.POSTER_URL || '').replace(/\/+$/, '');
const INVITES = process.env.POSTER_INVITES;
const SAMPLES = process.env.POSTER_SAMPLES;
const AXE = process.env.AXE;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const PASSWORD = '브라우저-시험-비밀번호-2026'; // as e2e.mjs sets it
const DAY = 86400000;

for (const [name, value] of Object.entries({ POSTER_URL: BASE, POSTER_INVITES: INVITES, POSTER_SAMPLES: SAMPLES, AXE })) {
  if (!value) { console.error(`phone: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
const axeSource = fs.readFileSync(AXE, 'utf8');
const invites = new Map(JSON.parse(fs.readFileSync(INVITES, 'utf8')).map((i) => [i.employee_id, new URL(i.url).hash]));
const problems = [];
const tally = { passed: 0, failed: 0 };

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1366, height: 768 } };

// The pages each role reaches from its menu.
const EVERYONE = ['gallery', 'results', 'slideshow', 'help'];
const ROLES = [
  { label: 'anonymous', id: null, pages: EVERYONE },
  { label: 'employee', id: 'E1003', invite: true, pages: [...EVERYONE, 'submit', 'mine', 'notices'] },
  { label: 'moderator', id: 'M0001', pages: [...EVERYONE, 'submit', 'mine', 'review', 'notices'] },
  { label: 'judge', id: 'J0001', pages: [...EVERYONE, 'judge', 'notices'] },
  { label: 'admin', id: 'A0001', pages: [...EVERYONE, 'submit', 'mine', 'review', 'judge', 'admin', 'notices'] },
];

async function step(name, fn) {
  console.log(`step: ${name}`);
  try {
    await fn();
    tally.passed += 1;
  } catch (err) {
    tally.failed += 1;
    console.error(`FAILED: ${name}\n  ${err && err.message ? err.message.split('\n').slice(0, 8).join('\n  ') : err}`);
  }
}

async function shot(page, name) {
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`  screenshot ${file}`);
}

async function person(browser, label, device) {
  const context = await browser.newContext({ ...device, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`${label}: CSP: ${msg.text()}`);
  });
  return page;
}

async function open(page, hash) {
  await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector('#main .view');
}

const accepted = new Set(); // invitations used here: afterwards, the password

async function signIn(page, role) {
  if (!role.id) return;
  if (role.invite && !accepted.has(role.id)) {
    accepted.add(role.id);
    await open(page, invites.get(role.id));
    await page.fill(byId('invite-password'), PASSWORD);
    await page.fill(byId('invite-password2'), PASSWORD);
    await page.click(byId('invite-submit'));
  } else {
    await open(page, '#/signin');
    await page.fill(byId('signin-id'), role.id);
    await page.fill(byId('signin-password'), PASSWORD);
    await page.click(byId('signin-submit'));
  }
  await page.waitForSelector(byId('nav-signout'), { state: 'attached' });
}

// axe-core on the page as it is now: zero violations. Injected by evaluate
// (the page's CSP forbids inline scripts, and rightly).
async function axe(page, where) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  });
  if (violations.length) throw new Error(`axe on ${where}:\n${violations.join('\n')}`);
}

async function menuExpanded(page) {
  return (await page.getAttribute(byId('menu-button'), 'aria-expanded')) === 'true';
}

async function openMenu(page) {
  if (!(await menuExpanded(page))) await page.click(byId('menu-button'));
  await page.waitForSelector(`${byId('site-menu')} ${byId('nav-gallery')}`, { state: 'visible' });
}

async function menuPages(page) {
  return page.$$eval('#site-nav [data-testid^="nav-"]', (links) => links.map((a) => a.dataset.testid.slice(4)));
}

// The header stays on screen, at the top, after scrolling to the bottom.
async function headerStays(page, where, maxHeight = 80) {
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForTimeout(100);
  const box = await page.evaluate(() => {
    const r = document.getElementById('site-header').getBoundingClientRect();
    return { top: r.top, height: r.height, scrolled: window.scrollY };
  });
  if (Math.abs(box.top) > 1) throw new Error(`${where}: the header scrolled away (top ${box.top}, scrollY ${box.scrolled})`);
  if (box.height > maxHeight) throw new Error(`${where}: the closed header is ${box.height} px tall`);
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function phoneRole(browser, role) {
  const page = await person(browser, `${role.label} on a phone`, PHONE);
  await signIn(page, role);
  await open(page, '#/gallery');
  if (await page.isVisible('#site-nav')) throw new Error('the navigation shows without the menu on a phone');
  await axe(page, `${role.label} gallery`);
  await openMenu(page);
  const listed = await menuPages(page);
  const missing = role.pages.filter((p) => !listed.includes(p));
  const extra = listed.filter((p) => !role.pages.includes(p));
  if (missing.length || extra.length) throw new Error(`menu of ${role.label}: missing ${missing}, unexpected ${extra}`);
  await axe(page, `${role.label} menu open`);
  await shot(page, `phone-${role.label}-menu`);
  await page.keyboard.press('Escape');
  if (await menuExpanded(page)) throw new Error('Escape does not close the menu');
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.id === 'menu-button'))) throw new Error('Escape does not return focus to the menu button');
  await page.keyboard.press('Enter'); // the focused button opens it again from the keyboard
  if (!(await menuExpanded(page))) throw new Error('Enter on the menu button does not open the menu');
  for (const name of role.pages) {
    await openMenu(page);
    await page.click(`#site-nav ${byId(`nav-${name}`)}`);
    await page.waitForFunction((n) => location.hash.startsWith(`#/${n}`), name);
    await page.waitForSelector('#main .view');
    await page.waitForTimeout(200);
    if (name === 'slideshow') { await open(page, '#/gallery'); continue; } // full screen, no header
    if (await menuExpanded(page)) throw new Error(`the menu stays open after going to ${name}`);
    await headerStays(page, `${role.label} ${name}`);
    await axe(page, `${role.label} ${name}`);
    if (['gallery', 'submit', 'review', 'admin', 'help', 'judge'].includes(name)) await shot(page, `phone-${role.label}-${name}`);
  }
  await page.context().close();
}

async function deskRole(browser, role) {
  const page = await person(browser, `${role.label} on a desk`, DESK);
  await signIn(page, role);
  await open(page, '#/gallery');
  if (await page.isVisible(byId('menu-button'))) throw new Error('a menu button on a desk');
  const listed = await menuPages(page);
  if (role.pages.some((p) => !listed.includes(p))) throw new Error(`desk navigation of ${role.label} lacks pages: ${listed}`);
  const hidden = await page.$$eval('#site-nav a', (links) => links.filter((a) => {
    const r = a.getBoundingClientRect();
    return r.right > innerWidth || r.width === 0;
  }).length);
  if (hidden) throw new Error(`${hidden} links of the desk navigation are off screen`);
  await headerStays(page, `${role.label} desk`, 200);
  await axe(page, `${role.label} desk gallery`);
  await shot(page, `desk-${role.label}`);
  await page.context().close();
}

// "2026-12-03T16:05" in the contest's zone, `ms` from the server's now.
async function wallFromNow(page, ms) {
  return page.evaluate((offset) => {
    const w = window.Poster.wallClock(window.Poster.serverNow() + offset);
    const pad = (n) => String(n).padStart(2, '0');
    return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
  }, ms);
}

async function setSubmissionEnd(admin, ms) {
  await open(admin, '#/admin');
  await admin.selectOption(byId('calendar-phase'), 'submission');
  await admin.fill(byId('calendar-end'), await wallFromNow(admin, ms));
  await admin.click(byId('calendar-save'));
  await admin.waitForSelector(`${byId('calendar-message')}[data-kind="ok"]`);
}

async function countdownOf(page) {
  await page.goto('about:blank'); // a fresh load: the same hash again would not navigate
  await open(page, '#/submit');
  await page.waitForSelector(`${byId('countdown-submission')} ${byId('countdown-text')}`);
  return page.textContent(`${byId('countdown-submission')} ${byId('countdown-text')}`);
}

async function calendar(browser) {
  const admin = await person(browser, 'admin calendar', PHONE);
  await signIn(admin, ROLES[4]);
  const author = await person(browser, 'author with a wrong clock', PHONE);
  await author.clock.setFixedTime(new Date(Date.now() + 5 * DAY)); // the phone is five days ahead
  await signIn(author, { id: 'M0001' });
  await setSubmissionEnd(admin, 2 * DAY + 60000);
  await axe(admin, 'admin calendar saved');
  await shot(admin, 'phone-admin-calendar');
  let text = await countdownOf(author);
  if (text !== '마감까지 2일') throw new Error(`two days before the end the countdown says "${text}"`);
  const until = await author.textContent(byId('countdown-submission'));
  if (!/\d{4}\. \d{1,2}\. \d{1,2}\.\([일월화수목금토]\) \d{2}:\d{2} KST/.test(until)) throw new Error(`the end reads "${until}"`);
  const formatted = await author.evaluate(() => ['ko', 'en'].map((lang) => window.Poster.formatDate('2026-10-24T09:00:00Z', lang)));
  if (formatted.join(' | ') !== '2026. 10. 24.(토) 18:00 KST | Sat 24 Oct 2026, 18:00 KST') throw new Error(`the pages format a date as ${formatted}`);
  await setSubmissionEnd(admin, DAY + 60000);
  text = await countdownOf(author);
  if (!text.startsWith('D-1')) throw new Error(`a day before the end the countdown says "${text}"`);
  const late = await admin.evaluate(() => window.Poster.wallClock(window.Poster.serverNow()).hour >= 23);
  if (!late) {
    await setSubmissionEnd(admin, 30 * 60000);
    text = await countdownOf(author);
    if (!/^오늘 \d{2}:\d{2} 마감$/.test(text)) throw new Error(`half an hour before the end the countdown says "${text}"`);
    await openMenu(author); // the language is in the menu on a phone
    await author.click(byId('lang-en'));
    await author.waitForSelector(`${byId('countdown-submission')} ${byId('countdown-text')}`);
    text = await author.textContent(`${byId('countdown-submission')} ${byId('countdown-text')}`);
    if (!/^closes today at \d{2}:\d{2}$/.test(text)) throw new Error(`in English the countdown says "${text}"`);
    await openMenu(author);
    await author.click(byId('lang-ko'));
  }
  await shot(author, 'phone-submit-countdown');
  await setSubmissionEnd(admin, 2 * DAY + 60000); // leaves submission open for what follows
  await author.goto('about:blank');
  await open(author, '#/gallery'); // home shows it too
  await author.waitForSelector(`${byId('countdown-submission')} ${byId('countdown-text')}`);
  text = await author.textContent(`${byId('countdown-submission')} ${byId('countdown-text')}`);
  if (text !== '마감까지 2일') throw new Error(`the gallery's countdown says "${text}"`);
  await axe(author, 'gallery with a countdown');
  await shot(author, 'phone-gallery-countdown');
  await admin.context().close();
  await author.context().close();
}

async function submitting(browser) {
  const page = await person(browser, 'E1003 submitting', PHONE);
  await signIn(page, ROLES[1]); // the invitation was used on the phone: the password
  await open(page, '#/submit');
  await page.waitForFunction((sel) => /3점 중 \d점 남음/.test(document.querySelector(sel).textContent), byId('submit-entries-left'));
  const before = Number(await page.getAttribute(byId('submit-entries-left'), 'data-left'));
  // A landscape image and a small one are named before sending.
  const desk = await person(browser, 'screenshot maker', { viewport: { width: 1600, height: 1000 } });
  await open(desk, '#/help');
  const landscape = await desk.screenshot(); // 1600×1000: large enough, but landscape
  await desk.context().close();
  await page.setInputFiles(byId('submit-file'), { name: 'wide.png', mimeType: 'image/png', buffer: landscape });
  await page.waitForSelector(byId('submit-preview-warning'));
  const warning = await page.textContent(byId('submit-preview-warning'));
  if (!warning.includes('가로형') || !warning.includes('1600×1000')) throw new Error(`the landscape warning says "${warning}"`);
  await axe(page, 'submit with a warning');
  await shot(page, 'phone-submit-warning');
  const small = await page.screenshot(); // 390×844: portrait, but its short side is under 800 px
  await page.setInputFiles(byId('submit-file'), { name: 'small.png', mimeType: 'image/png', buffer: small });
  await page.waitForFunction((sel) => document.querySelector(sel)?.textContent.includes('390×844'), byId('submit-preview-warning'));
  if (!(await page.textContent(byId('submit-preview-warning'))).includes('작습니다')) throw new Error('no "too small" warning');
  await page.setInputFiles(byId('submit-file'), path.join(SAMPLES, '02-balanced-growth.jpg'));
  await page.waitForFunction((sel) => !document.querySelector(sel), byId('submit-preview-warning'));
  await page.fill(byId('submit-title'), '균형발전 포스터 (휴대전화 시험)');
  await page.selectOption(byId('submit-theme'), '균형발전');
  await page.fill(byId('submit-ai-tools'), 'Midjourney');
  await page.fill(byId('submit-prompt'), 'balanced growth, rivers and towns');
  await page.fill(byId('submit-description'), '휴대전화에서 올린 첫 작품');
  await page.click(byId('submit-send'));
  const sending = await page.$eval(byId('submit-send'), (b) => b.disabled);
  if (!sending) throw new Error('the send button is live while sending');
  await page.waitForSelector(`${byId('submit-verdict')}[data-status="accepted"]`, { timeout: 60000 });
  const left = await page.evaluate((ids) => ids.map((id) => document.querySelector(`[data-testid="${id}"]`).value),
    ['submit-title', 'submit-theme', 'submit-ai-tools', 'submit-prompt', 'submit-description', 'submit-co-authors', 'submit-file']);
  if (left.some((v) => v !== '')) throw new Error(`the form keeps the last poster's fields: ${JSON.stringify(left)}`);
  if (await page.isVisible(byId('submit-preview'))) throw new Error('the preview of the sent poster stays');
  if (await page.$eval(byId('submit-send'), (b) => b.disabled)) throw new Error('the send button stays disabled');
  await page.waitForFunction(([sel, n]) => document.querySelector(sel).dataset.left === String(n), [byId('submit-entries-left'), before - 1]);
  await axe(page, 'submit accepted');
  await shot(page, 'phone-submit-accepted');
  await page.context().close();
}

// Script and style requests a visit makes that are not answered from the cache.
async function uncachedAssets(page, cdp, hash) {
  const sent = new Map();
  const cached = new Set();
  const network = [];
  const onSent = (e) => { if (/\/static\/.*\.(js|css)$/.test(e.request.url)) sent.set(e.requestId, e.request.url); };
  const onCache = (e) => cached.add(e.requestId);
  const onResponse = (e) => {
    if (sent.has(e.requestId) && !e.response.fromDiskCache && !e.response.fromPrefetchCache && !cached.has(e.requestId)) network.push(e.response.url);
  };
  cdp.on('Network.requestWillBeSent', onSent);
  cdp.on('Network.requestServedFromCache', onCache);
  cdp.on('Network.responseReceived', onResponse);
  await page.goto('about:blank');
  const start = Date.now();
  await page.goto(`${BASE}/${hash}`);
  await page.waitForFunction(() => {
    const img = document.querySelector('[data-testid="gallery-card"] img');
    return img && img.complete && img.naturalWidth > 0;
  }, null, { timeout: 60000 });
  const took = Date.now() - start;
  cdp.off('Network.requestWillBeSent', onSent);
  cdp.off('Network.requestServedFromCache', onCache);
  cdp.off('Network.responseReceived', onResponse);
  return { took, requested: sent.size, network };
}

async function speed(browser) {
  const page = await person(browser, 'slow phone', PHONE);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: (1.5e6 / 8), uploadThroughput: (750e3 / 8),
  });
  const first = await uncachedAssets(page, cdp, '#/gallery');
  const second = await uncachedAssets(page, cdp, '#/gallery');
  console.log(`measure: gallery rendered on 1.5 Mbps / 150 ms: first visit ${first.took} ms (${first.network.length} script/style requests over the network), second visit ${second.took} ms (${second.network.length} over the network, ${second.requested} asked of the cache)`);
  if (second.network.length) throw new Error(`the second visit fetched ${second.network.join(', ')}`);
  if (first.network.length < 13) throw new Error(`the first visit fetched only ${first.network.length} scripts and styles`);
  await page.context().close();
}

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const role of ROLES) await step(`${role.label}: every page from the phone menu`, () => phoneRole(browser, role));
    for (const role of ROLES) await step(`${role.label}: the desk navigation wraps`, () => deskRole(browser, role));
    await step('the calendar counts down by the server clock', () => calendar(browser));
    await step('the submit form warns, waits and resets', () => submitting(browser));
    await step('a second visit takes scripts and styles from the cache', () => speed(browser));
  } finally {
    await browser.close().catch(() => {});
  }
  for (const p of problems) console.error(`problem: ${p}`);
  if (problems.length && !tally.failed) tally.failed = 1;
  console.log(`phone: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed ? 1 : 0);
}

main();
