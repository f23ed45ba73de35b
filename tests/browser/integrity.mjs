// Receipts and the vote integrity report in a real browser (issue 11): a voter
// votes in the gallery (the page draws the secret), finds the receipt on
// #/receipts, and after the announcement checks it there, the proof verified
// with WebCrypto; the admin page shows the report and voids a vote.
//
//   POSTER=build/app/poster POSTER_SAMPLES=assets/samples WORK=/tmp/integrity \
//   ARTIFACTS=/tmp/shots node integrity.mjs
//
// It starts its own contest and `poster serve`, and stops it.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byId, until } from './lib.mjs';

const POSTER = process.env.POSTER;
const SAMPLES = process.env.POSTER_SAMPLES;
const WORK = process.env.WORK || '/tmp/poster-integrity';
const ARTIFACTS = process.env.ARTIFACTS || path.join(WORK, 'artifacts');
const PASSWORD = '영수증-확인-비밀번호';

function poster(...args) {
  return execFileSync(POSTER, [...args, '--data', path.join(WORK, 'data')], { encoding: 'utf8' });
}

async function signIn(browser, base, id) {
  const link = JSON.parse(poster('users', 'invite', id, '--json', '--public-url', base))[0].url;
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' })).newPage();
  await page.goto(`${base}/${new URL(link).hash}`);
  await page.fill(byId('invite-password'), PASSWORD);
  await page.fill(byId('invite-password2'), PASSWORD);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('user-name'), { state: 'attached' });
  return page;
}

function setUp() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(WORK, 'contest.toml'), '[contest]\nname = "영수증 시험"\n[phases.submission]\nstart = "contest"\n[phases.review]\nstart = "contest"\n');
  fs.writeFileSync(path.join(WORK, 'roster.csv'), 'employee_id,name,department,email,roles\n' +
    'A7001,나관리,혁신정책과,,admin;employee\nE7001,나작가,세정과,,employee\nE7002,나투표,회계과,,employee\n' +
    'E7003,다투표,회계과,,employee\nE7004,라투표,세정과,,employee\n');
  poster('contest', 'init', '--config', path.join(WORK, 'contest.toml'));
  poster('roster', 'import', path.join(WORK, 'roster.csv'));
  poster('ingest', '--author', 'E7001', '--title', '영수증 포스터', '--theme', '균형발전',
    path.join(SAMPLES, '02-balanced-growth.jpg'));
  poster('review', 'approve', '1', '--as', 'A7001');
  poster('contest', 'phase', 'open', 'voting', '--as', 'A7001');
}

async function main() {
  setUp();
  const log = path.join(WORK, 'server.log');
  const server = spawn(POSTER, ['serve', '--data', path.join(WORK, 'data'), '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'] });
  const base = await until('the server', () => (fs.readFileSync(log, 'utf8').match(/http:\/\/127\.0\.0\.1:\d+/) || [])[0]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  let status = 0;
  try {
    const voter = await signIn(browser, base, 'E7002');
    await voter.goto(`${base}/#/gallery`);
    const button = `${byId('gallery-card')}[data-entry="1"] ${byId('vote-button')}`;
    await voter.click(button);
    await voter.waitForSelector(`${button}[data-voted="true"]`);
    await voter.waitForSelector(byId('receipt-link'));
    const kept = await voter.evaluate(() => JSON.parse(localStorage.getItem('poster.receipts') || '[]'));
    if (kept.length !== 1 || !/^[0-9a-f]{64}$/.test(kept[0].receipt) || !/^[0-9a-f]{64}$/.test(kept[0].secret)) throw new Error(`receipts kept: ${JSON.stringify(kept)}`);
    await voter.goto(`${base}/#/receipts`);
    await voter.waitForSelector(`${byId('receipt')}[data-receipt="${kept[0].receipt}"]`);
    const text = await voter.inputValue(byId('receipts-text'));
    if (!text.includes(kept[0].receipt) || !text.includes(kept[0].secret)) throw new Error('the copyable text lacks the receipt');
    await voter.screenshot({ path: path.join(ARTIFACTS, 'integrity-1-receipts.png'), fullPage: true });

    const admin = await signIn(browser, base, 'A7001');
    await admin.goto(`${base}/#/admin`);
    await admin.waitForSelector(`${byId('integrity-report')}[data-votes="1"]`);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'integrity-2-admin.png'), fullPage: true });
    // Two more votes from the command line: the tree has three leaves, the proof real steps.
    for (const id of ['E7003', 'E7004']) poster('vote', 'cast', '1', '--as', id);
    poster('announce', '--as', 'A7001');

    await voter.goto(`${base}/#/receipts`);
    await voter.click(byId('receipt-check'));
    await voter.waitForSelector(`${byId('receipt-state')}[data-kind="ok"]`);
    const state = await voter.textContent(byId('receipt-state'));
    if (!state.includes('검증')) throw new Error(`the check said: ${state}`);
    await voter.screenshot({ path: path.join(ARTIFACTS, 'integrity-3-counted.png'), fullPage: true });
    console.log('integrity: the vote kept its receipt, the admin saw the report, the receipt was counted and its proof verified');
  } catch (err) {
    console.error(`integrity: FAILED: ${err.message}`);
    status = 1;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  process.exit(status);
}

main();
