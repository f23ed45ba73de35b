// Fair judging in a real browser (issue 11): a judge's list in their own
// order with positions, blind judging (no author anywhere they look: their
// list, the gallery, an entry), a recusal from the entry's page, and the
// admin's judging preview listing it.
//
//   POSTER=build/app/poster SAMPLES=assets/samples WORK=/tmp/judging \
//   ARTIFACTS=/tmp/shots node judging.mjs
//
// It makes its own contest (the sample roster and posters, judging open,
// results not announced), serves it with `poster serve`, and stops it.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { byId, until, expectFitsWidth } from './lib.mjs';

const POSTER = process.env.POSTER;
const SAMPLES = process.env.SAMPLES;
const WORK = process.env.WORK || '/tmp/poster-judging';
const ARTIFACTS = process.env.ARTIFACTS || path.join(WORK, 'artifacts');
const PASSWORD = '블라인드 심사 비밀번호 2026';
const REASON = '작성자가 같은 팀에서 일하는 동료라서 공정하게 볼 수 없습니다';
// The sample authors (assets/samples/manifest.csv) and their departments.
const NAMES = ['E1001', 'E1002', 'E1003', 'E1004', 'E1005', '한시민', '오균형', '서도시', '윤소통', '임창조',
  '민원봉사과', '균형발전과', '도시계획과', '소통담당관', '창조행정과'];

function poster(...args) {
  return execFileSync(POSTER, [...args, '--data', path.join(WORK, 'data')], { encoding: 'utf8' });
}

function setUp() {
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const toml = path.join(WORK, 'contest.toml');
  fs.writeFileSync(toml, '[contest]\nname = "블라인드 심사 시험"\n[phases.submission]\nstart = "contest"\n' +
    '[phases.review]\nstart = "contest"\n[phases.judging]\nstart = "contest"\n');
  poster('contest', 'init', '--config', toml);
  poster('roster', 'import', path.join(SAMPLES, 'roster.csv'));
  try { poster('ingest', '--manifest', path.join(SAMPLES, 'manifest.csv')); } catch { /* 6 is a near-duplicate: still stored */ }
  for (const id of [1, 2, 3, 4, 5]) poster('review', 'approve', String(id), '--as', 'M0001');
  poster('judge', 'assign', '--seed', '2026 혁신주간 공개 시드', '--as', 'A0001');
}

async function signedIn(browser, base, id) {
  const invites = JSON.parse(poster('users', 'invite', id, '--json', '--public-url', base));
  const url = (Array.isArray(invites) ? invites[0] : invites).url;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => { throw new Error(`${id}: page error: ${err.message}`); });
  await page.goto(`${base}/${new URL(url).hash}`);
  await page.fill(byId('invite-password'), PASSWORD);
  await page.fill(byId('invite-password2'), PASSWORD);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('user-name'), { state: 'attached' });
  return page;
}

async function noAuthorOn(page, where) {
  const text = await page.textContent('#main');
  const named = NAMES.filter((name) => text.includes(name));
  if (named.length) throw new Error(`${where} names ${named.join(', ')}`);
}

// The pairwise final: three finalists (not the one J0001 recused from), every
// pair answered from the page, none naming an author; on a phone the two
// posters stack and nothing sticks out sideways.
async function pairwiseFinal(browser, base, admin, judge, recused) {
  const finalists = ['1', '2', '3', '4', '5'].filter((id) => id !== recused).slice(0, 3);
  await admin.fill(byId('final-finalists'), finalists.join(', '));
  await admin.fill(byId('final-seed'), '결선 공개 시드');
  await admin.click(byId('final-open-send'));
  await admin.waitForSelector(byId('final-summary'));
  await judge.goto(`${base}/#/judge`);
  await judge.reload();  // the list may be the page already: read it again with the final open
  await judge.click(byId('final-start'));
  await judge.waitForSelector(byId('final-pair'));
  await noAuthorOn(judge, 'the pairwise final');
  await judge.screenshot({ path: path.join(ARTIFACTS, 'judging-4-final.png'), fullPage: true });
  let answered = 0;
  while (await judge.$(byId('final-pair'))) {
    await judge.click(byId('final-answer-left'));
    answered += 1;
    await until('the next pair or the end', async () =>
      (await judge.$(byId('final-done'))) ||
      (await judge.textContent(byId('final-answered')).catch(() => '')) === String(answered));
    if (answered > 3) throw new Error('more than the three pairs of three finalists');
  }
  const logged = JSON.parse(poster('final', 'show', '--as', 'A0001', '--json')).answers;
  if (answered !== 3 || logged.length !== 3) throw new Error(`answered ${answered}, logged ${logged.length}`);
  await admin.reload();
  await until('the standing of three', async () => (await admin.$$(byId('final-row'))).length === 3);
  await (await admin.$(byId('admin-final'))).screenshot({ path: path.join(ARTIFACTS, 'judging-6-final-admin.png') });
  const phone = await signedIn(browser, base, 'J0002');
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(`${base}/#/judge/final`);
  await phone.waitForSelector(byId('final-pair'));
  await expectFitsWidth(phone);
  await phone.screenshot({ path: path.join(ARTIFACTS, 'judging-5-final-phone.png'), fullPage: true });
  return answered;
}

async function main() {
  setUp();
  const log = path.join(WORK, 'server.log');
  const server = spawn(POSTER, ['serve', '--data', path.join(WORK, 'data'), '--listen', '127.0.0.1:0'],
    { stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'] });
  const base = await until('the server', () => (fs.readFileSync(log, 'utf8').match(/http:\/\/127\.0\.0\.1:\d+/) || [])[0]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  let status = 0;
  try {
    const expected = JSON.parse(poster('judge', 'list', '--as', 'J0001', '--json')).map((t) => String(t.entry));
    const judge = await signedIn(browser, base, 'J0001');
    await judge.goto(`${base}/#/judge`);
    await judge.waitForSelector(byId('judge-blind'));
    const shown = await judge.$$eval(byId('judge-task'), (items) => items.map((li) => li.dataset.entry));
    if (shown.join() !== expected.join()) throw new Error(`the list ${shown} is not the judge's order ${expected}`);
    if (shown.join() === [...shown].sort((a, b) => a - b).join()) throw new Error('the list is in entry-number order');
    const positions = await judge.$$eval(byId('judge-position'), (items) => items.map((s) => s.textContent));
    if (positions[0] !== '1.' || positions[positions.length - 1] !== `${shown.length}.`) throw new Error(`positions ${positions}`);
    await noAuthorOn(judge, 'the judge list');
    await judge.screenshot({ path: path.join(ARTIFACTS, 'judging-1-list.png'), fullPage: true });

    await judge.goto(`${base}/#/gallery`);
    await judge.waitForSelector(byId('gallery-card'));
    await noAuthorOn(judge, 'the gallery');
    await judge.goto(`${base}/#/entry/${shown[0]}`);
    await judge.waitForSelector('#main .view');
    await judge.waitForTimeout(300);
    await noAuthorOn(judge, 'an entry page');

    await judge.goto(`${base}/#/judge/${shown[0]}`);
    await judge.waitForSelector(byId('judge-recuse-box'));
    await noAuthorOn(judge, 'the scoring page');
    await judge.click(`${byId('judge-recuse-box')} summary`);
    await judge.fill(byId('judge-recuse-reason'), REASON);
    await judge.screenshot({ path: path.join(ARTIFACTS, 'judging-2-recuse.png'), fullPage: true });
    await judge.click(byId('judge-recuse'));
    await judge.waitForSelector(`${byId('judge-recusal')}[data-entry="${shown[0]}"]`);
    if (await judge.$(`${byId('judge-task')}[data-entry="${shown[0]}"]`)) throw new Error('the recused entry is still listed');

    const admin = await signedIn(browser, base, 'A0001');
    await admin.goto(`${base}/#/admin`);
    await admin.waitForSelector(`${byId('admin-recusal')}[data-judge="J0001"][data-entry="${shown[0]}"]`);
    await admin.waitForSelector(`${byId('order-effect')}[data-judge="J0002"]`);
    await admin.screenshot({ path: path.join(ARTIFACTS, 'judging-3-admin.png'), fullPage: true });
    const answered = await pairwiseFinal(browser, base, admin, judge, shown[0]);
    poster('audit', 'verify');
    console.log(`judging: J0001 saw ${shown.length} entries in their own order with no author, recused from #${shown[0]}; the admin sees it; ${answered} pairs compared in the final`);
  } catch (err) {
    console.error(`judging: FAILED: ${err.message}`);
    status = 1;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
  }
  process.exit(status);
}

main();
