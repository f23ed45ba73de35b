// End-to-end test of the poster pages in a real browser (Debian's chromium).
//
//   POSTER_URL=http://127.0.0.1:34567 POSTER_INVITES=invites.json \
//   POSTER_SAMPLES=assets/samples ARTIFACTS=/tmp/shots node e2e.mjs
//
// POSTER_INVITES is a JSON file [{"employee_id","url"}] with an invitation for
// everyone on assets/samples/roster.csv (`poster users invite --all --json`);
// only the #/invite/TOKEN part of each url is used, so the server's public URL
// may differ from POSTER_URL. One screenshot per step goes to ARTIFACTS
// (NN-name.png), also when a step fails. Exit 0 on success, 1 on failure.
//
// The story: admin A0001 accepts the invitation and signs in; E1001 uploads
// 01-citizen-happiness.png and sees it accepted; moderator M0001 approves it;
// the admin opens voting; E2001 votes for it in the gallery and sees the votes
// left drop; the admin assigns judges and opens judging; judge J0001 scores
// it; the admin announces; an anonymous visitor sees its title under 최우수.
// Beside that, E1002 on a phone (390×844) sends a GIF named .png and is told in
// Korean which formats are accepted, and every page fits a phone's width.
//
// Selectors are data-testid attributes set by assets/web/*.js:
//   header     nav-NAME (gallery, results, slideshow, submit, mine, review,
//              judge, admin, signin, signout), user-name, votes-remaining
//              (data-remaining), lang-ko, lang-en, brand
//   sign in    signin-id, signin-password, signin-submit, signin-error
//   invitation invite-password, invite-password2, invite-submit, invite-error
//   submit     submit-file, submit-drop, submit-preview, submit-title,
//              submit-theme, submit-ai-tools, submit-prompt, submit-description,
//              submit-co-authors, submit-send, submit-progress,
//              submit-verdict (data-status accepted|rejected), submit-entry-number
//   my entries mine-entry (data-entry, data-status), mine-status, mine-reason,
//              mine-replace, mine-withdraw, mine-withdraw-confirm
//   gallery    gallery-search, gallery-theme, gallery-count, gallery-card
//              (data-entry), vote-button (data-entry, data-voted), vote-message,
//              own-entry
//   entry      entry-title, entry-image, entry-sheet-link, entry-qr-link
//   review     review-entry (data-entry), review-approve, review-reject,
//              review-changes, review-next, review-reason, review-message,
//              review-claimed, review-empty, review-flag
//   judging    judge-progress, judge-task (data-entry, data-scored), judge-start,
//              judge-score (data-criterion), judge-save, judge-saved, judge-next
//   admin      phase-row (data-phase, data-open), phase-open / phase-close
//              (data-phase), roster-file, roster-result, invite-one-id,
//              invite-one, invite-all, invite-link (data-employee), judges-seed,
//              judges-assign, judges-result, dq-entry, dq-reason, dq-submit,
//              announce, announce-confirm, announce-result, audit-run,
//              audit-result (data-ok), admin-results-csv
//   results    results-sealed, results-tier (data-tier), results-winner
//              (data-entry), results-winner-title, results-table, results-csv
//   other      sheet, sheet-print, sheet-qr, slideshow, slide (data-entry),
//              notice (data-kind), page-error
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { byId, DESKTOP, expectText, expectFitsWidth } from './lib.mjs';

const BASE = (process.env.POSTER_URL || '').replace(/\/+$/, '');
const INVITES = process.env.POSTER_INVITES;
const SAMPLES = process.env.POSTER_SAMPLES;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const TITLE = '시민이 행복한 도시 (브라우저 시험)';
const PASSWORD = '브라우저-시험-비밀번호-2026';

for (const [name, value] of Object.entries({ POSTER_URL: BASE, POSTER_INVITES: INVITES, POSTER_SAMPLES: SAMPLES })) {
  if (!value) { console.error(`e2e: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });

const invites = new Map(JSON.parse(fs.readFileSync(INVITES, 'utf8')).map((i) => [i.employee_id, new URL(i.url).hash]));
const problems = [];
const tally = { passed: 0, failed: 0 };
let shots = 0;
let current = null; // the page of the running step, for the failure screenshot

async function shot(page, name) {
  shots += 1;
  // The pictures in view finish loading, and the view is at its top.
  await page.waitForFunction(() => Array.from(document.images)
    .filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight)
    .every((i) => i.complete), null, { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(700); // fades and transitions settle
  const file = path.join(ARTIFACTS, `${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${file}`);
}

async function step(name, fn) {
  console.log(`step: ${name}`);
  try {
    await fn();
    tally.passed += 1;
  } catch (err) {
    tally.failed += 1;
    console.error(`FAILED: ${name}\n  ${err && err.message ? err.message.split('\n').slice(0, 6).join('\n  ') : err}`);
    if (current) await shot(current, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    throw err;
  }
}

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// A person in their own browser context; page errors and CSP violations fail the test.
async function person(browser, label, device = DESKTOP) {
  const context = await browser.newContext({ ...device, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`${label}: CSP: ${text}`);
    else console.log(`  (${label} console: ${text})`);
  });
  current = page;
  return page;
}

async function open(page, hash) {
  current = page;
  await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector('#main .view');
}

async function acceptInvitation(page, employeeId) {
  const hash = invites.get(employeeId);
  if (!hash) throw new Error(`no invitation for ${employeeId} in ${INVITES}`);
  await open(page, hash);
  await page.fill(byId('invite-password'), PASSWORD);
  await page.fill(byId('invite-password2'), PASSWORD);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('user-name'), { state: 'attached' }); // in the closed menu on a phone
}

async function remainingVotes(page) {
  return Number(await page.getAttribute(byId('votes-remaining'), 'data-remaining'));
}

async function story(browser) {
  let entry = null;
  const admin = await person(browser, 'A0001');

  await step('admin accepts the invitation', async () => {
    await acceptInvitation(admin, 'A0001');
    await expectText(admin, byId('user-name'), '김관리');
    await shot(admin, 'admin-signed-in');
  });

  await step('admin signs out and in again', async () => {
    await admin.click(byId('nav-signout'));
    await admin.waitForSelector(byId('nav-signin'));
    await open(admin, '#/signin');
    await admin.fill(byId('signin-id'), 'A0001');
    await admin.fill(byId('signin-password'), PASSWORD);
    await shot(admin, 'signin-form');
    await admin.click(byId('signin-submit'));
    await admin.waitForSelector(byId('nav-admin'));
  });

  const author = await person(browser, 'E1001');
  await step('E1001 uploads a poster', async () => {
    await acceptInvitation(author, 'E1001');
    await open(author, '#/submit');
    await author.setInputFiles(byId('submit-file'), path.join(SAMPLES, '01-citizen-happiness.png'));
    await author.waitForSelector(`${byId('submit-preview')} img`);
    await author.fill(byId('submit-title'), TITLE);
    await author.selectOption(byId('submit-theme'), '시민행복');
    await author.fill(byId('submit-ai-tools'), 'Stable Diffusion XL');
    await author.fill(byId('submit-prompt'), 'city hall lobby poster, citizens smiling, warm light');
    await shot(author, 'submit-form');
    await author.click(byId('submit-send'));
    await author.waitForSelector(`${byId('submit-verdict')}[data-status="accepted"]`, { timeout: 60000 });
    entry = Number((await author.textContent(byId('submit-entry-number'))).replace(/\D/g, ''));
    if (!entry) throw new Error('no entry number in the verdict');
    await shot(author, 'submit-accepted');
    await open(author, '#/mine');
    const mine = `${byId('mine-entry')}[data-entry="${entry}"][data-status="submitted"]`;
    await author.waitForSelector(mine);
    // The buttons come from the entry's "actions" in the API's answer.
    await author.waitForSelector(`${mine} ${byId('mine-replace')}`);
    await author.waitForSelector(`${mine} ${byId('mine-withdraw')}`);
    await shot(author, 'my-entries');
  });

  const phone = await person(browser, 'E1002 on a phone', PHONE);
  await step('E1002 on a phone is told in Korean what to fix', async () => {
    await acceptInvitation(phone, 'E1002');
    await open(phone, '#/submit');
    await expectFitsWidth(phone);
    // A GIF, whatever its name says: refused by the server's sniffing, nothing stored.
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00,'
      + '\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;', 'latin1');
    await phone.setInputFiles(byId('submit-file'), { name: 'poster.png', mimeType: 'image/png', buffer: gif });
    await phone.fill(byId('submit-title'), '휴대전화에서 올린 포스터');
    await phone.selectOption(byId('submit-theme'), '시민소통');
    await phone.click(byId('submit-send'));
    const refused = `${byId('submit-verdict')}[data-status="rejected"]`;
    await phone.waitForSelector(refused, { timeout: 60000 });
    await expectText(phone, refused, 'GIF');
    await expectText(phone, refused, 'PNG, JPEG, WebP');
    await expectFitsWidth(phone);
    await shot(phone, 'phone-refused');
    await open(phone, '#/mine');
    await phone.waitForSelector('#main .view');
    if (await phone.$(byId('mine-entry'))) throw new Error('a refused upload shows up in my entries');
    await expectFitsWidth(phone);
  });

  const moderator = await person(browser, 'M0001');
  await step('M0001 approves it in the review queue', async () => {
    await acceptInvitation(moderator, 'M0001');
    await open(moderator, '#/review');
    await moderator.waitForSelector(`${byId('review-entry')}[data-entry="${entry}"]`);
    await shot(moderator, 'review-queue');
    await moderator.locator('body').press('a'); // the A shortcut
    await moderator.waitForSelector(byId('review-message'));
    await shot(moderator, 'review-after-approve');
  });

  await step('admin opens voting', async () => {
    await open(admin, '#/admin');
    await admin.click(`${byId('phase-open')}[data-phase="voting"]`);
    await admin.waitForSelector(`${byId('phase-row')}[data-phase="voting"][data-open="true"]`);
    await shot(admin, 'admin-voting-open');
  });

  const voter = await person(browser, 'E2001');
  await step('E2001 votes in the gallery', async () => {
    await acceptInvitation(voter, 'E2001');
    await open(voter, '#/gallery');
    const button = `${byId('gallery-card')}[data-entry="${entry}"] ${byId('vote-button')}`;
    await voter.waitForSelector(button);
    await voter.waitForSelector(byId('votes-remaining'));
    const before = await remainingVotes(voter);
    await shot(voter, 'gallery-voting');
    await voter.click(button);
    await voter.waitForSelector(`${button}[data-voted="true"]`);
    await voter.waitForFunction(([sel, n]) => Number(document.querySelector(sel).dataset.remaining) === n,
      [byId('votes-remaining'), before - 1]);
    await shot(voter, 'gallery-voted');
  });

  await step('admin assigns judges and opens judging', async () => {
    await open(admin, '#/admin');
    await admin.fill(byId('judges-seed'), '2026 혁신주간 공개 시드');
    await admin.click(byId('judges-assign'));
    await admin.waitForSelector(byId('judges-result'));
    await admin.click(`${byId('phase-open')}[data-phase="judging"]`);
    await admin.waitForSelector(`${byId('phase-row')}[data-phase="judging"][data-open="true"]`);
    await shot(admin, 'admin-judging-open');
  });

  const judge = await person(browser, 'J0001');
  await step('J0001 scores it', async () => {
    await acceptInvitation(judge, 'J0001');
    await open(judge, '#/judge');
    await judge.waitForSelector(`${byId('judge-task')}[data-entry="${entry}"]`);
    await shot(judge, 'judge-list');
    await open(judge, `#/judge/${entry}`);
    await judge.waitForSelector(byId('judge-score'));
    const inputs = judge.locator(byId('judge-score'));
    const scores = [9, 8, 9, 7];
    const count = await inputs.count();
    for (let i = 0; i < count; i += 1) await inputs.nth(i).fill(String(scores[i % scores.length]));
    await judge.click(byId('judge-save'));
    await judge.waitForSelector(byId('judge-saved'));
    await shot(judge, 'judge-scored');
  });

  await step('admin announces', async () => {
    await open(admin, '#/admin');
    await admin.click(byId('announce'));
    await admin.click(byId('announce-confirm'));
    await admin.waitForSelector(byId('announce-result'));
    await shot(admin, 'admin-announced');
  });

  const visitor = await person(browser, 'visitor');
  await step('a visitor sees the winner under 최우수', async () => {
    await open(visitor, '#/results');
    const tier = `${byId('results-tier')}[data-tier="최우수"]`;
    await visitor.waitForSelector(tier);
    await expectText(visitor, tier, TITLE);
    await shot(visitor, 'results');
  });

  await step('a visitor sees the entry, its sheet and the slideshow', async () => {
    await open(visitor, `#/entry/${entry}`);
    await expectText(visitor, byId('entry-title'), TITLE);
    await shot(visitor, 'entry');
    await open(visitor, `#/sheet/${entry}`);
    await visitor.waitForSelector(byId('sheet-qr'));
    await shot(visitor, 'sheet');
    await open(visitor, '#/slideshow');
    await visitor.waitForSelector(`${byId('slide')}[data-entry="${entry}"]`);
    await shot(visitor, 'slideshow');
  });

  await step('on a phone the gallery, the entry and the results fit the screen', async () => {
    current = phone;
    for (const hash of ['#/gallery', `#/entry/${entry}`, '#/results']) {
      await open(phone, hash);
      await phone.waitForSelector('#main .view');
      if (hash === '#/gallery') await phone.waitForSelector(`${byId('gallery-card')}[data-entry="${entry}"]`);
      await expectFitsWidth(phone);
    }
    await open(phone, '#/gallery');
    await phone.waitForSelector(byId('gallery-card'));
    await shot(phone, 'phone-gallery');
  });
}

async function launch() {
  const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
  try {
    // launch() gives the browser a fresh temporary profile (user-data dir) and
    // removes it on close; each person then gets a context of their own.
    return await chromium.launch({
      executablePath,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    console.error(`e2e: cannot start ${executablePath} (apt-get install -y chromium): ${err.message}`);
    process.exit(1);
  }
}

async function main() {
  const browser = await launch();
  let ok = false;
  try {
    await story(browser);
    ok = problems.length === 0;
  } catch (err) {
    ok = false;
  } finally {
    await browser.close().catch(() => {});
  }
  for (const p of problems) console.error(`problem: ${p}`);
  if (problems.length && !tally.failed) tally.failed = 1; // page errors or CSP violations
  console.log(`${shots} screenshots in ${ARTIFACTS}`);
  console.log(`e2e: ${tally.passed} passed, ${tally.failed} failed`);
  process.exit(ok ? 0 : 1);
}

main();
