// The awards in a real browser, after e2e.mjs has announced the results on the
// same server (its entry 1, E1001's poster, won 최우수):
//
//   POSTER_URL=http://127.0.0.1:34567 POSTER_BINARY=build/app/poster \
//   POSTER_SAMPLES=assets/samples ARTIFACTS=/tmp/shots node awards.mjs
//
// First, on a sealed contest of its own (POSTER_BINARY serves it on another
// free port), the admin announces and the same page, without a reload, shows
// the announced state and no announce button. Then, on POSTER_URL: the admin's page shows the announced state (time, results SHA-256, audit
// anchor) and no announce button, and the dashboard; judge J0001 writes a
// comment (심사평) and the admin publishes it; the results page is a ceremony
// with the comment under the winner; the 최우수 badge is on the gallery card,
// the entry page, 내 출품작, the exhibition sheet and the slideshow; voter
// E2001 files an objection, the admin answers it and E2001 reads the answer;
// the winner prints the certificate (상장). Screenshots go to ARTIFACTS as
// awards-NN-name.png. Exit 0 on success, 1 on failure.
//
// Selectors (data-testid): tier-badge (data-tier, data-entry), admin-dashboard,
// dash-state-STATUS, dash-turnout, dash-judge (data-judge, data-scored),
// announced-state, announced-at, announced-sha256, announced-anchor,
// results-state (data-state), admin-comment (data-entry, data-judge,
// data-published), comment-toggle, admin-objection (data-id, data-answered),
// objection-answer, objection-answer-send, judge-comment, results-tier,
// results-winner, results-comment, results-certificate, results-objections,
// objection-entry, objection-text, objection-send, objection-filed,
// my-objection (data-answered), my-objection-answer, certificate,
// certificate-tier, certificate-name, certificate-department,
// certificate-title, certificate-date, certificate-organizer, certificate-none.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byId, DESKTOP, expectText, expectFitsWidth } from './lib.mjs';

const BASE = (process.env.POSTER_URL || '').replace(/\/+$/, '');
const POSTER = process.env.POSTER_BINARY; // for a second, sealed contest of its own
const SAMPLES = process.env.POSTER_SAMPLES;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const PASSWORD = '브라우저-시험-비밀번호-2026'; // what e2e.mjs set for everyone it invited
const ENTRY = 1;
const TITLE = '시민이 행복한 도시 (브라우저 시험)';
const COMMENT = '시민의 표정이 살아 있고 메시지가 한눈에 들어옵니다.';
const OBJECTION = '제 작품의 점수가 빠진 것 같습니다. 확인을 부탁드립니다.';
const ANSWER = '심사 기록을 다시 확인했고 모든 점수가 반영되었습니다.';

for (const [name, value] of Object.entries({ POSTER_URL: BASE, POSTER_BINARY: POSTER, POSTER_SAMPLES: SAMPLES })) {
  if (!value) { console.error(`awards: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });

const problems = [];
let shots = 0;
let current = null;

async function shot(page, name) {
  shots += 1;
  await page.waitForFunction(() => Array.from(document.images)
    .filter((i) => i.loading !== 'lazy' || i.getBoundingClientRect().top < innerHeight)
    .every((i) => i.complete), null, { timeout: 5000 }).catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const file = path.join(ARTIFACTS, `awards-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${file}`);
}

async function step(name, fn) {
  console.log(`step: ${name}`);
  try {
    await fn();
  } catch (err) {
    console.error(`FAILED: ${name}\n  ${err && err.message ? err.message.split('\n').slice(0, 6).join('\n  ') : err}`);
    if (current) await shot(current, `failed-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => {});
    throw err;
  }
}

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function person(browser, label, device = DESKTOP) {
  const context = await browser.newContext({ ...device, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`${label}: CSP: ${msg.text()}`);
  });
  current = page;
  return page;
}

// Opens the page afresh (going to the same #/ address would not reload it).
async function open(page, hash) {
  current = page;
  if (page.url() === `${BASE}/${hash}`) await page.reload();
  else await page.goto(`${BASE}/${hash}`);
  await page.waitForSelector('#main .view');
}

async function signIn(page, employeeId) {
  await open(page, '#/signin');
  await page.fill(byId('signin-id'), employeeId);
  await page.fill(byId('signin-password'), PASSWORD);
  await page.click(byId('signin-submit'));
  // On a phone the sign-out button sits in the closed menu: attached, not visible.
  await page.waitForSelector(byId('nav-signout'), { state: 'attached' });
}

const badge = (scope) => `${scope} ${byId('tier-badge')}[data-tier="최우수"]`;

// A sealed contest of its own, served on a free port: one approved entry by
// E1001 and an invitation for the admin. Returns the server, its URL and the
// admin's #/invite/TOKEN.
async function sealedContest() {
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'poster-awards-'));
  const run = (...args) => execFileSync(POSTER, [...args, '--data', data], { encoding: 'utf8' });
  run('roster', 'import', path.join(SAMPLES, 'roster.csv'));
  run('ingest', '--jobs', '1', '--author', 'E1001', '--title', '발표 직후 시험', '--theme', '시민행복',
    path.join(SAMPLES, '02-balanced-growth.jpg'));
  run('review', 'approve', '1', '--as', 'M0001');
  const server = spawn(POSTER, ['serve', '--data', data, '--listen', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolve, reject) => {
    let log = '';
    const seen = (chunk) => {
      log += chunk;
      const found = log.match(/http:\/\/127\.0\.0\.1:\d+/);
      if (found) resolve(found[0]);
    };
    server.stdout.on('data', seen);
    server.stderr.on('data', seen);
    server.on('exit', () => reject(new Error(`the second server stopped: ${log}`)));
  });
  const invite = JSON.parse(run('users', 'invite', 'A0001', '--json', '--public-url', url))[0];
  return { server, url, invite: new URL(invite.url).hash, data };
}

// The bug this catches: right after announcing, the admin page said 비공개 and
// offered to announce again. Checked on the same page, without a reload.
async function announcedRightAway(browser) {
  const contest = await sealedContest();
  try {
    const admin = await person(browser, 'A0001 (second contest)');
    await admin.goto(`${contest.url}/${contest.invite}`);
    await admin.fill(byId('invite-password'), PASSWORD);
    await admin.fill(byId('invite-password2'), PASSWORD);
    await admin.click(byId('invite-submit'));
    await admin.waitForSelector(byId('user-name'));
    await admin.goto(`${contest.url}/#/admin`);
    await admin.waitForSelector(`${byId('results-state')}[data-state="sealed"]`);
    await admin.click(byId('announce'));
    await admin.click(byId('announce-confirm'));
    await admin.waitForSelector(byId('announce-result'));
    await admin.waitForSelector(`${byId('announced-state')} ${byId('results-state')}[data-state="announced"]`);
    if (await admin.locator(byId('announce')).count()) throw new Error('the announce button is still offered');
    if (!/^[0-9a-f]{64}$/.test((await admin.textContent(byId('announced-sha256'))).trim())) throw new Error('no SHA-256');
    if (!/^\d+:[0-9a-f]{64}$/.test((await admin.textContent(byId('announced-anchor'))).trim())) throw new Error('no anchor');
    if ((await admin.textContent(byId('admin-announce'))).includes('비공개')) throw new Error('still says 비공개');
    await expectText(admin, byId('announce-result'), '결과를 발표했습니다.');
    await shot(admin, 'admin-right-after-announcing');
  } finally {
    await new Promise((done) => { contest.server.once('exit', done); contest.server.kill('SIGTERM'); });
    fs.rmSync(contest.data, { recursive: true, force: true });
  }
}

async function story(browser) {
  await step('right after announcing, the admin page shows the announced state', () => announcedRightAway(browser));

  const admin = await person(browser, 'A0001');
  await step('the admin page shows the announced state and the dashboard', async () => {
    await signIn(admin, 'A0001');
    await open(admin, '#/admin');
    await admin.waitForSelector(byId('announced-state'));
    await admin.waitForSelector(`${byId('results-state')}[data-state="announced"]`);
    if (await admin.locator(byId('announce')).count()) throw new Error('an announce button after the announcement');
    const sha = (await admin.textContent(byId('announced-sha256'))).trim();
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`no results SHA-256: "${sha}"`);
    if (!/^\d+:[0-9a-f]{64}$/.test((await admin.textContent(byId('announced-anchor'))).trim())) throw new Error('no audit anchor');
    if (!/\d/.test(await admin.textContent(byId('announced-at')))) throw new Error('no announcement time');
    await admin.waitForSelector(`${byId('admin-dashboard')} ${byId('dash-state-approved')}`);
    await expectText(admin, byId('dash-state-approved'), '1');
    await admin.waitForSelector(`${byId('dash-judge')}[data-judge="J0001"][data-scored="1"]`);
    await shot(admin, 'admin-announced-dashboard');
  });

  const judge = await person(browser, 'J0001');
  await step('J0001 writes a comment with the scores', async () => {
    await signIn(judge, 'J0001');
    await open(judge, `#/judge/${ENTRY}`);
    await judge.waitForSelector(byId('judge-comment'));
    await judge.fill(byId('judge-comment'), COMMENT);
    await judge.click(byId('judge-save'));
    await judge.waitForSelector(byId('judge-saved'));
    await shot(judge, 'judge-comment');
  });

  await step('the admin publishes the comment', async () => {
    await open(admin, '#/admin');
    const item = `${byId('admin-comment')}[data-entry="${ENTRY}"][data-judge="J0001"]`;
    await admin.waitForSelector(`${item}[data-published="false"]`);
    await expectText(admin, item, COMMENT);
    await admin.click(`${item} ${byId('comment-toggle')}`);
    await admin.waitForSelector(`${item}[data-published="true"]`);
  });

  const visitor = await person(browser, 'visitor');
  await step('the results are a ceremony with the published comment', async () => {
    await open(visitor, '#/results');
    const top = `${byId('results-tier')}.tier-top[data-tier="최우수"]`;
    await visitor.waitForSelector(top);
    const first = await visitor.getAttribute(`${byId('results-tier')}`, 'data-tier');
    if (first !== '최우수') throw new Error(`the first tier is ${first}`);
    await expectText(visitor, top, TITLE);
    await expectText(visitor, `${top} ${byId('results-comment')}`, COMMENT);
    await expectText(visitor, `${top} ${byId('results-comment')}`, '심사위원');
    if ((await visitor.textContent('#main')).includes('최심사')) throw new Error('the judge is named');
    await visitor.waitForSelector(badge(top));
    if (await visitor.locator(byId('results-certificate')).count()) throw new Error('a certificate link for a visitor');
    await shot(visitor, 'results-ceremony');
  });

  await step('the badge is in the gallery, on the entry, the sheet and the slideshow', async () => {
    await open(visitor, '#/gallery');
    await visitor.waitForSelector(badge(`${byId('gallery-card')}[data-entry="${ENTRY}"]`));
    await shot(visitor, 'gallery-badge');
    await open(visitor, `#/entry/${ENTRY}`);
    await visitor.waitForSelector(badge('.entry-info'));
    await shot(visitor, 'entry-badge');
    await open(visitor, `#/sheet/${ENTRY}`);
    await visitor.waitForSelector(badge(byId('sheet')));
    await shot(visitor, 'sheet-badge');
    await open(visitor, '#/slideshow');
    await visitor.waitForSelector(badge(`${byId('slide')}[data-entry="${ENTRY}"]`));
    await shot(visitor, 'slideshow-badge');
  });

  const author = await person(browser, 'E1001');
  await step('the winner sees the badge in 내 출품작 and prints the certificate', async () => {
    await signIn(author, 'E1001');
    await open(author, '#/mine');
    await author.waitForSelector(badge(`${byId('mine-entry')}[data-entry="${ENTRY}"]`));
    await shot(author, 'mine-badge');
    await open(author, '#/results');
    await author.click(`${byId('results-winner')}[data-entry="${ENTRY}"] ${byId('results-certificate')}`);
    await author.waitForSelector(byId('certificate'));
    await expectText(author, byId('certificate-tier'), '최우수');
    await expectText(author, byId('certificate-name'), '한시민');
    await expectText(author, byId('certificate-department'), '민원봉사과');
    await expectText(author, byId('certificate-title'), TITLE);
    await expectText(author, byId('certificate'), '상 장');
    await expectText(author, byId('certificate'), 'AI 혁신 포스터 공모전');
    const date = (await author.textContent(byId('certificate-date'))).trim();
    if (!/^\d{4}년 \d{1,2}월 \d{1,2}일$/.test(date)) throw new Error(`the date reads "${date}"`);
    if (!(await author.textContent(byId('certificate-organizer'))).trim()) throw new Error('no organiser');
    await shot(author, 'certificate');
    await author.emulateMedia({ media: 'print' });
    await shot(author, 'certificate-print');
    await author.emulateMedia({ media: 'screen' });
    await open(author, '#/certificate/999');
    await author.waitForSelector(byId('certificate-none'));
  });

  const voter = await person(browser, 'E2001');
  await step('E2001 files an objection from the results page', async () => {
    await signIn(voter, 'E2001');
    await open(voter, '#/results');
    await voter.waitForSelector(`${byId('results-objections')} ${byId('objection-text')}`);
    await voter.selectOption(byId('objection-entry'), String(ENTRY));
    await voter.fill(byId('objection-text'), OBJECTION);
    await voter.click(byId('objection-send'));
    await voter.waitForSelector(byId('objection-filed'));
    await voter.waitForSelector(`${byId('my-objection')}[data-answered="false"]`);
    await shot(voter, 'objection-filed');
  });

  await step('the admin answers the objection', async () => {
    await open(admin, '#/admin');
    const item = `${byId('admin-objection')}[data-answered="false"]`;
    await admin.waitForSelector(item);
    await expectText(admin, item, OBJECTION);
    await admin.fill(`${item} ${byId('objection-answer')}`, ANSWER);
    await admin.click(`${item} ${byId('objection-answer-send')}`);
    await admin.waitForSelector(`${byId('admin-objection')}[data-answered="true"]`);
    await shot(admin, 'admin-objection-answered');
  });

  await step('E2001 reads the answer on the results page', async () => {
    await open(voter, '#/results');
    await voter.waitForSelector(`${byId('my-objection')}[data-answered="true"]`);
    await expectText(voter, byId('my-objection-answer'), ANSWER);
    await shot(voter, 'objection-answered');
  });

  const phone = await person(browser, 'E1001 on a phone', PHONE);
  await step('on a phone the ceremony and the certificate fit the screen', async () => {
    await signIn(phone, 'E1001');
    await open(phone, '#/results');
    await phone.waitForSelector(`${byId('results-winner')}[data-entry="${ENTRY}"] ${byId('results-comment')}`);
    await expectFitsWidth(phone);
    await shot(phone, 'phone-results');
    await open(phone, `#/certificate/${ENTRY}`);
    await phone.waitForSelector(byId('certificate'));
    await expectFitsWidth(phone);
    await shot(phone, 'phone-certificate');
  });
}

async function main() {
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  } catch (err) {
    console.error(`awards: cannot start chromium: ${err.message}`);
    process.exit(1);
  }
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
  console.log(`awards: ${shots} screenshots in ${ARTIFACTS}; ${ok ? 'passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

main();
