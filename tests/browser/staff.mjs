// The staff's own words and second thoughts, in Debian's chromium, after
// e2e.mjs (which leaves submission and review open):
//   - an invitation link names its person before a password is typed, and a
//     used one says to sign in;
//   - an employee submits with an alt text, which becomes the image's alt, and
//     edits the title from 내 출품작;
//   - a moderator approves it, takes the decision back with 되돌리기, and
//     approves again.
//
//   POSTER_URL=... POSTER_BINARY=build/app/poster POSTER_DATA=DIR
//   POSTER_SAMPLES=assets/samples ARTIFACTS=DIR node staff.mjs
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byId } from './lib.mjs';

const BASE = (process.env.POSTER_URL || '').replace(/\/+$/, '');
const POSTER = process.env.POSTER_BINARY;
const DATA = process.env.POSTER_DATA;
const SAMPLES = process.env.POSTER_SAMPLES;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const PASSWORD = '직원-브라우저-시험-2026';
const MODERATOR_PASSWORD = '검토자-브라우저-시험-2026';
const ALT = '푸른 하늘 아래 시청 광장에서 시민들이 손을 흔드는 그림';
const TITLE = '창조 행정 (대체 텍스트 시험)';

for (const [name, value] of Object.entries({ POSTER_URL: BASE, POSTER_BINARY: POSTER, POSTER_DATA: DATA, POSTER_SAMPLES: SAMPLES })) {
  if (!value) { console.error(`staff: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });
const problems = [];
let current = null;
let shots = 0;

async function shot(page, name) {
  shots += 1;
  const file = path.join(ARTIFACTS, `staff-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${file}`);
}

async function step(name, fn) {
  console.log(`step: ${name}`);
  try {
    await fn();
  } catch (err) {
    console.error(`FAILED: ${name}\n  ${String(err && err.message || err).split('\n').slice(0, 6).join('\n  ')}`);
    if (current) await shot(current, 'failed').catch(() => {});
    throw err;
  }
}

function inviteLink(employeeId) {
  const out = execFileSync(POSTER, ['users', 'invite', employeeId, '--json', '--data', DATA, '--public-url', BASE]);
  const url = JSON.parse(String(out))[0].url;
  return `${BASE}/${url.slice(url.indexOf('#'))}`;
}

async function person(browser, label) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  current = page;
  return page;
}

async function accept(page, link, password) {
  await page.goto(link);
  await page.waitForSelector(byId('invite-person'));
  const who = await page.textContent(byId('invite-person'));
  await page.fill(byId('invite-password'), password);
  await page.fill(byId('invite-password2'), password);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('nav-signout'), { state: 'attached' });
  return who;
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let entry = null;
try {
  const employee = await person(browser, 'E2003');
  await step('an invitation names its person first; used, it says to sign in', async () => {
    const link = inviteLink('E2003');
    const who = await accept(employee, link, PASSWORD);
    if (!who.includes('문투표') || !who.includes('복지정책과')) throw new Error(`the invitation says: ${who}`);
    const other = await person(browser, 'second tab');
    await other.goto(link);
    await other.waitForSelector(byId('invite-closed'));
    await other.waitForSelector(byId('invite-signin'));
    await shot(other, 'used-link');
    await other.context().close();
    current = employee;
  });

  await step('an upload with an alt text shows it as the image alt; the author edits the title', async () => {
    await employee.goto(`${BASE}/#/submit`);
    await employee.setInputFiles(byId('submit-file'), path.join(SAMPLES, '05-creative-administration.png'));
    await employee.fill(byId('submit-title'), '창조 행정');
    await employee.selectOption(byId('submit-theme'), { index: 1 });
    await employee.fill(byId('submit-alt-text'), ALT);
    await employee.click(byId('submit-send'));
    await employee.waitForSelector(`${byId('submit-verdict')}[data-status="accepted"]`);
    entry = Number(await employee.textContent(byId('submit-entry-number')).then((t) => t.replace(/\D/g, '')));
    await employee.goto(`${BASE}/#/mine`);
    const item = `${byId('mine-entry')}[data-entry="${entry}"]`;
    await employee.waitForSelector(item);
    const alt = await employee.getAttribute(`${item} img`, 'alt');
    if (alt !== ALT) throw new Error(`the image's alt is ${alt}`);
    await employee.click(`${item} ${byId('mine-edit')}`);
    await employee.fill(`${item} ${byId('mine-edit-title')}`, TITLE);
    await employee.click(`${item} ${byId('mine-edit-save')}`);
    await employee.waitForSelector(`${byId('mine-message')}`);
    await employee.waitForFunction((t) => document.body.textContent.includes(t), TITLE);
    await shot(employee, 'edited');
  });

  await step('a moderator approves, takes it back with 되돌리기, and approves again', async () => {
    const moderator = await person(browser, 'M0002');
    await accept(moderator, inviteLink('M0002'), MODERATOR_PASSWORD);
    await moderator.goto(`${BASE}/#/review/${entry}`);
    await moderator.waitForSelector(`${byId('review-entry')}[data-entry="${entry}"]`);
    const alt = await moderator.inputValue(byId('review-alt-text'));
    if (alt !== ALT) throw new Error(`the review page shows the alt text ${alt}`);
    await moderator.click(byId('review-approve'));
    await moderator.waitForSelector(byId('review-undo'));
    await shot(moderator, 'approved-with-undo');
    await moderator.click(byId('review-undo'));
    await moderator.waitForSelector(`${byId('review-entry')}[data-entry="${entry}"]`);
    await moderator.click(byId('review-approve'));
    await moderator.waitForSelector(byId('review-message'));
    await employee.goto(`${BASE}/#/entry/${entry}`);
    await employee.waitForSelector(byId('entry-image'));
    const shown = await employee.getAttribute(byId('entry-image'), 'alt');
    if (shown !== ALT) throw new Error(`the entry page's alt is ${shown}`);
  });
  if (problems.length) throw new Error(problems.join('\n'));
  console.log('staff: passed');
} catch (err) {
  console.error(`staff: FAILED ${err && err.message ? err.message.split('\n')[0] : err}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
