// Korea's rules for public contests in a real browser, on a contest of its own
// (POSTER_BINARY serves it on a free port) that asks for the pledge and is
// final as soon as it is announced:
//
//   POSTER_BINARY=build/app/poster POSTER_SAMPLES=assets/samples ARTIFACTS=/tmp/shots node rules.mjs
//
// E1002 cannot send a poster until both boxes (청렴서약, AI·저작권 동의) are
// ticked, then can; after the announcement anyone sees the shortlist with
// entry 1's look-alike (entry 2, the sample's copy) listed with its distance;
// the admin revokes entry 1's award from the admin page; the results page marks
// it 수상 취소 with the reason; its certificate says it was revoked; the log
// verifies. Screenshots go to ARTIFACTS as rules-NN-name.png. Exit 0 on success.
//
// Selectors (data-testid): submit-pledge-box, submit-pledge, submit-consent,
// submit-missing, submit-verdict (data-status), shortlist-entry (data-entry),
// shortlist-neighbour (data-entry, data-distance), admin-revocations,
// admin-revoke (data-entry), revoke-reason, revoke-send, results-revoked
// (data-entry), results-revoked-reason, certificate-revoked.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byId } from './lib.mjs';

const POSTER = process.env.POSTER_BINARY;
const SAMPLES = process.env.POSTER_SAMPLES;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const PASSWORD = '브라우저-시험-비밀번호-2026';
const REASON = '다른 공모전 수상작으로 확인되었습니다.';
const CONFIG = '[contest]\nname = "검증 시험"\n[[themes]]\nname = "시민행복"\nname_en = "Citizen happiness"\n' +
  '[phases.submission]\nstart = "contest"\n[phases.review]\nstart = "contest"\n' +
  '[submission]\nrequire_pledge = true\n[results]\nobjection_days = 0\n';

for (const [name, value] of Object.entries({ POSTER_BINARY: POSTER, POSTER_SAMPLES: SAMPLES })) {
  if (!value) { console.error(`rules: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });

const problems = [];
let shots = 0;

async function shot(page, name) {
  shots += 1;
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `rules-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${file}`);
}

async function step(name, fn) {
  console.log(`step: ${name}`);
  await fn();
}

// Entries 1 (E1001) and 2 (E1003, a copy of 1) approved and scored by J0001, 1 above 2.
function setUp(data) {
  const run = (...args) => execFileSync(POSTER, [...args, '--data', data], { encoding: 'utf8' });
  const config = path.join(data, '..', 'rules.toml');
  fs.writeFileSync(config, CONFIG);
  run('contest', 'init', '--config', config);
  run('roster', 'import', path.join(SAMPLES, 'roster.csv'));
  run('ingest', '--jobs', '1', '--accept-pledge', '--author', 'E1001', '--title', '시민이 행복한 도시',
    '--theme', '시민행복', path.join(SAMPLES, '01-citizen-happiness.png'));
  run('ingest', '--jobs', '1', '--accept-pledge', '--author', 'E1003', '--title', '닮은 포스터',
    '--theme', '시민행복', path.join(SAMPLES, '06-citizen-happiness-copy.jpg'));
  for (const id of ['1', '2']) run('review', 'approve', id, '--as', 'M0001');
  run('judge', 'assign', '--seed', '시드', '--as', 'A0001');
  run('contest', 'phase', 'open', 'judging', '--as', 'A0001');
  run('judge', 'score', '1', '--as', 'J0001', '--scores', '10,10,10,10');
  run('judge', 'score', '2', '--as', 'J0001', '--scores', '5,5,5,5');
  return run;
}

async function serve(data) {
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
    server.on('exit', () => reject(new Error(`the server stopped: ${log}`)));
  });
  return { server, url };
}

async function person(browser, label, url, run, id) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('dialog', (dialog) => dialog.accept());
  if (!id) return page;
  const invite = JSON.parse(run('users', 'invite', id, '--json', '--public-url', url))[0];
  await page.goto(`${url}/${new URL(invite.url).hash}`);
  await page.fill(byId('invite-password'), PASSWORD);
  await page.fill(byId('invite-password2'), PASSWORD);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('user-name'));
  return page;
}

async function story(browser, url, run) {
  const author = await person(browser, 'E1002', url, run, 'E1002');
  await step('the submit page asks for the pledge and the consent before sending', async () => {
    await author.goto(`${url}/#/submit`);
    await author.waitForSelector(byId('submit-pledge-box'));
    await author.setInputFiles(byId('submit-file'), path.join(SAMPLES, '02-balanced-growth.jpg'));
    await author.fill(byId('submit-title'), '균형발전 (서약 시험)');
    await author.selectOption(byId('submit-theme'), '시민행복');
    await author.click(byId('submit-send'));
    await author.waitForSelector(byId('submit-missing'));
    await shot(author, 'submit-pledge-missing');
    await author.check(byId('submit-pledge'));
    await author.check(byId('submit-consent'));
    await author.click(byId('submit-send'));
    await author.waitForSelector(`${byId('submit-verdict')}[data-status="accepted"]`);
    await shot(author, 'submit-pledge-accepted');
  });
  run('announce', '--as', 'A0001');
  const visitor = await person(browser, 'visitor', url, run, null);
  await step('the shortlist lists entry 1 with its look-alike, entry 2', async () => {
    await visitor.goto(`${url}/#/shortlist`);
    await visitor.waitForSelector(`${byId('shortlist-entry')}[data-entry="1"] ${byId('shortlist-neighbour')}[data-entry="2"]`);
    await shot(visitor, 'shortlist');
  });
  const admin = await person(browser, 'A0001', url, run, 'A0001');
  await step('the admin revokes entry 1 from the admin page', async () => {
    await admin.goto(`${url}/#/admin`);
    const row = `${byId('admin-revoke')}[data-entry="1"]`;
    await admin.waitForSelector(row);
    await admin.fill(`${row} ${byId('revoke-reason')}`, REASON);
    await admin.click(`${row} ${byId('revoke-send')}`);
    await admin.waitForSelector(`${byId('admin-revocations')} ${byId('results-revoked')}[data-entry="1"]`);
    await shot(admin, 'admin-revoked');
  });
  await step('the results mark entry 1 수상 취소 with the reason, and its certificate is gone', async () => {
    await visitor.goto(`${url}/#/results`);
    await visitor.waitForSelector(`${byId('results-revoked')}[data-entry="1"]`);
    const reason = await visitor.textContent(`${byId('results-revoked')}[data-entry="1"] ${byId('results-revoked-reason')}`);
    if (!reason.includes(REASON)) throw new Error(`the reason shown is ${reason}`);
    await shot(visitor, 'results-revoked');
    await admin.goto(`${url}/#/certificate/1`);
    await admin.waitForSelector(byId('certificate-revoked'));
    await shot(admin, 'certificate-revoked');
  });
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'poster-rules-'));
  const data = path.join(work, 'data');
  const run = setUp(data);
  const { server, url } = await serve(data);
  let ok = false;
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await story(browser, url, run);
    run('audit', 'verify');
    ok = problems.length === 0;
  } catch (err) {
    console.error(`FAILED: ${err && err.message ? err.message.split('\n').slice(0, 6).join('\n  ') : err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await new Promise((done) => { server.once('exit', done); server.kill('SIGTERM'); });
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const p of problems) console.error(`problem: ${p}`);
  console.log(`rules: ${shots} screenshots in ${ARTIFACTS}; ${ok ? 'passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

main();
