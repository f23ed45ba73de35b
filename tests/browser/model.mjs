// The judge model and 1인 1상 on the admin's results page, in Debian's chromium:
// a contest of its own (scaling = "model", judges_per_entry = 2,
// one_award_per_person), set up with the CLI, served, and the sealed preview
// read: the model's column beside raw and z, each judge's bias and gain, and
// the 1인 1상 note on the entry passed over.
//
//   POSTER=build/app/poster POSTER_SAMPLES=assets/samples WORK=/tmp/model \
//   ARTIFACTS=/tmp/shots node model.mjs
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byId, until } from './lib.mjs';

const POSTER = process.env.POSTER;
const SAMPLES = process.env.POSTER_SAMPLES;
const WORK = process.env.WORK || '/tmp/poster-model';
const ARTIFACTS = process.env.ARTIFACTS || path.join(WORK, 'artifacts');
const PASSWORD = '심사-모형-브라우저-시험';

// 한시민 (E1001) wrote 1 and 2; every judge scores entry N with 10 − N.
function setUp(data) {
  const run = (args) => String(execFileSync(POSTER, [...args, '--data', data]));
  fs.writeFileSync(path.join(WORK, 'contest.toml'), '[contest]\nname = "심사 모형 시험"\n' +
    '[phases.submission]\nstart = "contest"\n[phases.review]\nstart = "contest"\n' +
    '[judging]\njudges_per_entry = 2\nscaling = "model"\n[results]\none_award_per_person = true\n');
  const files = ['01-citizen-happiness.png', '02-balanced-growth.jpg', '03-world-class-city.webp', '04-citizen-communication.jpg'];
  const authors = ['E1001', 'E1001', 'E1002', 'E1003'];
  fs.writeFileSync(path.join(WORK, 'manifest.csv'), 'input,author,title,theme\n' +
    files.map((f, i) => `${path.join(SAMPLES, f)},${authors[i]},모형 ${i + 1},시민행복\n`).join(''));
  run(['contest', 'init', '--config', path.join(WORK, 'contest.toml')]);
  run(['roster', 'import', path.join(SAMPLES, 'roster.csv')]);
  run(['ingest', '--manifest', path.join(WORK, 'manifest.csv')]);
  for (const id of ['1', '2', '3', '4']) run(['review', 'approve', id, '--as', 'M0001']);
  run(['judge', 'assign', '--seed', '모형', '--as', 'A0001']);
  run(['contest', 'phase', 'open', 'judging', '--as', 'A0001']);
  for (const judge of ['J0001', 'J0002', 'J0003']) {
    for (const task of JSON.parse(run(['judge', 'list', '--as', judge, '--json']))) {
      const s = String(10 - task.entry);
      run(['judge', 'score', String(task.entry), '--as', judge, '--scores', [s, s, s, s].join(',')]);
    }
  }
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  const data = path.join(WORK, 'data');
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  setUp(data);
  const log = path.join(WORK, 'server.log');
  const server = spawn(POSTER, ['serve', '--data', data, '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'] });
  const base = await until('the server', () => (fs.readFileSync(log, 'utf8').match(/http:\/\/127\.0\.0\.1:\d+/) || [])[0]);
  const invite = JSON.parse(String(execFileSync(POSTER, ['users', 'invite', 'A0001', '--json', '--data', data, '--public-url', base])))[0].url;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  let status = 0;
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' })).newPage();
    await page.goto(`${base}/${invite.slice(invite.indexOf('#'))}`);
    await page.fill(byId('invite-password'), PASSWORD);
    await page.fill(byId('invite-password2'), PASSWORD);
    await page.click(byId('invite-submit'));
    await page.waitForFunction(() => location.hash !== '' && !location.hash.startsWith('#/invite'));
    await page.goto(`${base}/#/results`);
    await page.waitForSelector(byId('results-table'));
    const header = await page.textContent(`${byId('results-table')} thead`);
    if (!header.includes('심사 z') || !header.includes('심사 모형')) throw new Error(`no model column beside z: ${header}`);
    const second = await page.textContent(`${byId('results-table')} tr[data-entry="2"]`);
    if (!second.includes('1인 1상') || !second.includes('한시민')) throw new Error(`entry 2 lacks the 1인 1상 note: ${second}`);
    const model = await page.textContent(byId('results-model'));
    for (const judge of ['J0001', 'J0002', 'J0003']) {
      if (!model.includes(judge)) throw new Error(`the model's table lacks ${judge}: ${model}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'model-1-preview.png'), fullPage: true });
    console.log('model: the preview shows the model column, each judge\'s bias and gain, and the 1인 1상 note');
  } catch (err) {
    console.error(`model: FAILED: ${err.message}`);
    status = 1;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  process.exit(status);
}

main();
