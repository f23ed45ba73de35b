// The exhibition in a real browser (issue 12), on a contest of its own served
// by POSTER_BINARY on a free port with a public URL of its own
// (http://hall.example.go.kr), which the QR codes and short URLs must name:
//
//   POSTER_BINARY=build/app/poster POSTER_SAMPLES=assets/samples ARTIFACTS=/tmp/shots node lobby.mjs
//
// Entries 1 and 2 are approved, 3 is not. The lobby screen (#/slideshow)
// shows entry 1 with its QR code, title, author and theme, pauses and plays
// (the button and Space), moves on and leaves by its exit button; on a phone
// it fits. Each sheet (#/sheet/1, printed) says what the phase allows: look
// before voting, like while voting, no call to act once voting closed, the
// award once announced, with the short URL under the QR code. The admin's
// #/sheets prints one page per approved poster on A4 and on A3 (the PDF's
// pages counted and measured). Last, the kiosk (#/slideshow?kiosk=1) shows
// no buttons, the tier, and goes on showing its posters, pictures and all,
// after the server has stopped; an award revoked meanwhile shows as 수상 취소
// once the minute's refresh has brought it. With AXE (axe-core's script)
// axe finds no violation on the lobby screen and the sheet. Screenshots (390 px
// phone, 1280 px desk) go to ARTIFACTS as lobby-NN-name.png. Exit 0 on success.
//
// Selectors (data-testid): slideshow (data-kiosk, data-state, data-stale),
// slide (data-entry), slide-image, slide-title, slide-author, slide-theme,
// slide-qr, slide-url, slideshow-pause (data-state), slideshow-previous,
// slideshow-next, slideshow-exit, slideshow-controls, slideshow-status,
// sheets (data-paper), sheet (data-entry, data-phase), sheet-title,
// sheet-author, sheet-caption, sheet-qr, sheet-url, sheet-size, sheet-print,
// tier-badge, revoked-mark, admin-print-sheets.
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byId, expectFitsWidth, freePort } from './lib.mjs';

const POSTER = process.env.POSTER_BINARY;
const SAMPLES = process.env.POSTER_SAMPLES;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
const AXE = process.env.AXE ? fs.readFileSync(process.env.AXE, 'utf8') : null;
const PUBLIC = 'http://hall.example.go.kr';
const PASSWORD = '브라우저-시험-비밀번호-2026';
const TITLE = '시민이 행복한 도시 (로비 시험)';
const CONFIG = '[contest]\nname = "로비 시험"\n[[themes]]\nname = "시민행복"\nname_en = "Citizen happiness"\n' +
  '[phases.submission]\nstart = "contest"\n[phases.review]\nstart = "contest"\n[results]\nobjection_days = 0\n';
const CAPTIONS = {
  before_voting: '휴대전화 카메라로 QR 코드를 찍으면 이 작품의 설명을 볼 수 있습니다.',
  voting: '휴대전화 카메라로 QR 코드를 찍어 작품을 보고, 마음에 들면 좋아요를 눌러 주세요.',
  voting_closed: '투표가 끝났습니다. QR 코드를 찍으면 작품 설명을 볼 수 있고, 결과는 발표 후 이곳에 표시됩니다.',
  awarded: '최우수 수상작입니다. QR 코드를 찍으면 작품 설명과 심사 결과를 볼 수 있습니다.',
};
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1280, height: 900 } };
// A page's printable area at 96 px per inch: what print emulation is shot at.
const PAPER = { a4: { width: 718, height: 1047 }, a3: { width: 1017, height: 1482 } };

for (const [name, value] of Object.entries({ POSTER_BINARY: POSTER, POSTER_SAMPLES: SAMPLES })) {
  if (!value) { console.error(`lobby: set ${name}`); process.exit(1); }
}
fs.mkdirSync(ARTIFACTS, { recursive: true });

const problems = [];
let shots = 0;

async function shot(page, name) {
  shots += 1;
  await page.waitForTimeout(300);
  const file = path.join(ARTIFACTS, `lobby-${String(shots).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file });
  console.log(`  screenshot ${file}`);
}

async function step(name, fn) {
  console.log(`step: ${name}`);
  await fn();
}

function check(condition, what) { if (!condition) throw new Error(what); }

// Entries 1 (E1001) and 2 (E1002) approved; 3 (E1003) waits for review.
function setUp(data) {
  const run = (...args) => execFileSync(POSTER, [...args, '--data', data], { encoding: 'utf8' });
  const config = path.join(data, '..', 'lobby.toml');
  fs.writeFileSync(config, CONFIG);
  run('contest', 'init', '--config', config);
  run('roster', 'import', path.join(SAMPLES, 'roster.csv'));
  const ingest = (author, title, file) => run('ingest', '--jobs', '1', '--author', author, '--title', title,
    '--theme', '시민행복', path.join(SAMPLES, file));
  ingest('E1001', TITLE, '01-citizen-happiness.png');
  ingest('E1002', '균형발전 (로비 시험)', '02-balanced-growth.jpg');
  ingest('E1003', '검토 전 작품', '04-citizen-communication.jpg');
  for (const id of ['1', '2']) run('review', 'approve', id, '--as', 'M0001');
  return run;
}

async function serve(data, port) {
  const server = spawn(POSTER, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--public-url', PUBLIC],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise((resolve, reject) => {
    let log = '';
    const seen = (chunk) => { log += chunk; if (log.includes('serving')) resolve(); };
    server.stdout.on('data', seen);
    server.stderr.on('data', seen);
    server.on('exit', () => reject(new Error(`the server stopped: ${log}`)));
  });
  return server;
}

async function person(browser, label, device, clock) {
  const context = await browser.newContext({ ...device, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  if (clock) await context.clock.install();
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`${label}: page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(`${label}: CSP: ${msg.text()}`);
  });
  return page;
}

// axe-core on the page as it is now: no violation (when AXE is given).
async function axe(page, where) {
  if (!AXE) return;
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  check(!violations.length, `axe on ${where}:\n${violations.join('\n')}`);
}

async function signIn(page, url, run, id) {
  const invite = JSON.parse(run('users', 'invite', id, '--json', '--public-url', PUBLIC))[0];
  await page.goto(`${url}/${new URL(invite.url).hash}`);
  await page.fill(byId('invite-password'), PASSWORD);
  await page.fill(byId('invite-password2'), PASSWORD);
  await page.click(byId('invite-submit'));
  await page.waitForSelector(byId('user-name'));
}

const slide = (entry) => `${byId('slide')}[data-entry="${entry}"]`;

// Both pictures of the slide on screen are there, loaded (within 5 s).
async function picturesShown(page, entry) {
  const loaded = (sel) => {
    const imgs = Array.from(document.querySelectorAll(`${sel} img`));
    return imgs.length === 2 && imgs.every((i) => i.complete && i.naturalWidth > 0);
  };
  await page.waitForFunction(loaded, slide(entry), { timeout: 5000 }).catch(() => {});
  const shown = await page.$$eval(`${slide(entry)} img`, (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
  check(shown.length === 2 && shown.every(Boolean), `slide ${entry} shows its pictures: ${JSON.stringify(shown)}`);
}

async function lobbyOnDesk(browser, url) {
  const page = await person(browser, 'lobby', DESK, true);
  await step('the lobby screen shows entry 1 with its QR code, title, author and theme, never entry 3', async () => {
    await page.goto(`${url}/#/slideshow`);
    await page.waitForSelector(slide(1));
    check((await page.textContent(`${slide(1)} ${byId('slide-title')}`)) === TITLE, 'the title');
    check((await page.textContent(`${slide(1)} ${byId('slide-author')}`)).includes('한시민'), 'the author');
    check((await page.textContent(`${slide(1)} ${byId('slide-theme')}`)) === '시민행복', 'the theme');
    check((await page.getAttribute(`${slide(1)} ${byId('slide-qr')}`, 'src')).endsWith('api/entries/1/qr.png'), 'the QR code');
    check((await page.textContent(`${slide(1)} ${byId('slide-url')}`)) === `${PUBLIC}/p/1`, 'the short URL');
    await picturesShown(page, 1);
    check(!(await page.$(`${slide(1)} ${byId('tier-badge')}`)), 'no tier before the announcement');
    await axe(page, 'the lobby screen');
    await shot(page, 'desk-lobby');
  });
  await step('pause holds the slide, play and Space go on, next and previous move, exit leaves', async () => {
    await page.click(byId('slideshow-pause'));
    await page.waitForSelector(`${byId('slideshow-pause')}[data-state="paused"]`);
    check((await page.textContent(byId('slideshow-status'))).includes('일시정지'), 'the pause is announced');
    await page.clock.fastForward('00:40');
    await page.waitForSelector(slide(1));
    await page.click(byId('slideshow-pause'));  // play
    await page.clock.fastForward('00:13');
    await page.waitForSelector(slide(2));
    await page.keyboard.press('Space');
    await page.waitForSelector(`${byId('slideshow')}[data-state="paused"]`);
    await page.clock.fastForward('00:40');
    await page.waitForSelector(slide(2));
    await page.click(byId('slideshow-next'));
    await page.waitForSelector(slide(1));  // two entries: round again, never 3
    await page.click(byId('slideshow-previous'));
    await page.waitForSelector(slide(2));
    await page.click(byId('slideshow-exit'));
    await page.waitForFunction(() => location.hash === '#/gallery');
  });
  await page.context().close();
}

async function onPhone(browser, url) {
  const page = await person(browser, 'phone', PHONE, false);
  await step('on a phone the lobby screen and a sheet fit, the QR code and the buttons on screen', async () => {
    await page.goto(`${url}/#/slideshow`);
    await page.waitForSelector(slide(1));
    await picturesShown(page, 1);
    await expectFitsWidth(page);
    await axe(page, 'the lobby screen on a phone');
    for (const id of ['slide-qr', 'slideshow-pause', 'slideshow-exit']) {
      const box = await page.locator(byId(id)).boundingBox();
      check(box && box.y >= 0 && box.y + box.height <= 844 && box.width >= 40, `${id} is on the screen: ${JSON.stringify(box)}`);
    }
    await shot(page, 'phone-lobby');
    await page.goto(`${url}/#/sheet/1`);
    await page.waitForSelector(byId('sheet-qr'));
    await expectFitsWidth(page);
    await shot(page, 'phone-sheet');
  });
  await page.context().close();
}

// The sheet of entry 1 as printed: its caption, tier, short URL.
async function printedSheet(page, url, phase, name) {
  await page.goto('about:blank');  // a fresh load: the same address again would not reload
  await page.goto(`${url}/#/sheet/1`);
  await page.waitForSelector(`${byId('sheet')}[data-phase="${phase}"]`);
  await page.setViewportSize(PAPER.a4);
  await page.emulateMedia({ media: 'print' });
  const caption = await page.textContent(byId('sheet-caption'));
  check(caption === CAPTIONS[phase === 'announced' ? 'awarded' : phase], `the ${phase} caption: ${caption}`);
  check((await page.textContent(byId('sheet-url'))) === `${PUBLIC}/p/1`, 'the short URL under the QR code');
  check((await page.textContent(byId('sheet-author'))).includes('한시민'), 'the author');
  const tier = await page.$(`${byId('sheet')} ${byId('tier-badge')}`);
  check(phase === 'announced' ? tier && (await tier.textContent()) === '최우수' : !tier, `the tier in ${phase}`);
  await shot(page, name);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize(DESK.viewport);
}

async function sheetsByPhase(browser, url, run) {
  const page = await person(browser, 'sheet', DESK, false);
  await step('before voting the sheet says to look', async () => {
    await printedSheet(page, url, 'before_voting', 'desk-sheet-before');
    await axe(page, 'the sheet');
  });
  run('contest', 'phase', 'open', 'voting', '--as', 'A0001');
  await step('while voting it says to like', async () => { await printedSheet(page, url, 'voting', 'sheet-voting'); });
  run('contest', 'phase', 'close', 'voting', '--as', 'A0001');
  await step('once voting closed it no longer asks to act', async () => {
    await printedSheet(page, url, 'voting_closed', 'sheet-closed');
    check(!(await page.textContent(byId('sheet-caption'))).includes('눌러 주세요'), 'no call to like or vote');
  });
  run('judge', 'assign', '--seed', '시드', '--as', 'A0001');
  run('contest', 'phase', 'open', 'judging', '--as', 'A0001');
  run('judge', 'score', '1', '--as', 'J0001', '--scores', '10,10,10,10');
  run('judge', 'score', '2', '--as', 'J0001', '--scores', '5,5,5,5');
  run('announce', '--as', 'A0001');
  await step('after the announcement it prints the award', async () => { await printedSheet(page, url, 'announced', 'desk-sheet-awarded'); });
  await page.context().close();
}

// The PDF's pages: how many, and the first one's size in points.
function pdfPages(bytes) {
  const text = bytes.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || []).length;
  const box = text.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/);
  return { count, width: box ? Number(box[1]) : 0, height: box ? Number(box[2]) : 0 };
}

async function printAll(browser, url, run) {
  const page = await person(browser, 'admin', DESK, false);
  await signIn(page, url, run, 'A0001');
  await step('the admin prints every approved poster at once, one page each, on A4 and on A3', async () => {
    await page.goto(`${url}/#/admin`);
    await page.click(byId('admin-print-sheets'));
    await page.waitForSelector(`${byId('sheets')} ${byId('sheet')}[data-entry="2"]`);
    const entries = await page.$$eval(byId('sheet'), (all) => all.map((s) => s.dataset.entry));
    check(JSON.stringify(entries) === '["1","2"]', `one sheet per approved poster: ${entries}`);
    await page.$$eval(`${byId('sheets')} img`, (imgs) => Promise.all(imgs.map((i) => i.decode().catch(() => {}))));
    for (const [paper, width, height, mm] of [['a4', 595.92, 841.92, 276], ['a3', 841.92, 1190.88, 391]]) {
      await page.emulateMedia({ media: 'screen' });  // the toolbar is not printed
      await page.setViewportSize(DESK.viewport);
      await page.selectOption(byId('sheet-size'), paper);
      await page.waitForSelector(`${byId('sheets')}[data-paper="${paper}"]`);
      await page.setViewportSize(PAPER[paper]);
      await page.emulateMedia({ media: 'print' });
      await shot(page, `sheets-${paper}-print`);
      const tall = await page.$eval(byId('sheet'), (s) => s.getBoundingClientRect().height);
      check(Math.abs(tall - (mm * 96) / 25.4) < 2, `a ${paper} sheet fills its page: ${tall} px`);
      const pdf = pdfPages(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      check(pdf.count === 2, `${paper}: ${pdf.count} pages for 2 posters`);
      check(Math.abs(pdf.width - width) < 2 && Math.abs(pdf.height - height) < 2, `${paper}: pages of ${pdf.width}×${pdf.height} pt`);
      console.log(`  ${paper}: ${pdf.count} pages of ${pdf.width}×${pdf.height} pt`);
    }
    check(page.url().endsWith('#/sheets?size=a3'), `the paper is in the address: ${page.url()}`);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize(DESK.viewport);
    await shot(page, 'desk-sheets-a3');
  });
  await page.context().close();
}

// The kiosk, until and after the server stops (`stop` ends it).
async function kiosk(browser, url, run, stop) {
  const page = await person(browser, 'kiosk', DESK, true);
  await step('the kiosk shows no buttons, and the tier, the QR code and the title of entry 1', async () => {
    await page.goto(`${url}/#/slideshow?kiosk=1`);
    await page.waitForSelector(`${slide(1)} ${byId('tier-badge')}`);
    check((await page.textContent(`${slide(1)} ${byId('tier-badge')}`)) === '최우수', 'the tier');
    check((await page.textContent(`${slide(1)} ${byId('slide-title')}`)) === TITLE, 'the title');
    await picturesShown(page, 1);
    const opacity = await page.$eval(byId('slideshow-controls'), (c) => getComputedStyle(c).opacity);
    check(opacity === '0', `no buttons in the kiosk: opacity ${opacity}`);
    await shot(page, 'desk-kiosk');
    await page.keyboard.press('ArrowRight');  // both slides seen once, their pictures loaded
    await page.waitForSelector(slide(2));
    await picturesShown(page, 2);
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(slide(1));
  });
  await step('an award revoked meanwhile shows as revoked after the minute\'s refresh', async () => {
    run('award', 'revoke', '2', '--reason', '다른 공모전 수상작', '--as', 'A0001');
    const refreshed = page.waitForResponse((r) => r.url().includes('/api/exhibition') && r.ok());
    await page.clock.fastForward('01:01');
    await refreshed;
    await page.waitForTimeout(200);  // the answer read
    do await page.keyboard.press('ArrowRight'); while (!(await page.$(slide(2))));  // painted anew
    await page.waitForSelector(`${slide(2)} ${byId('revoked-mark')}`);
    check((await page.textContent(`${slide(2)} ${byId('revoked-mark')}`)).includes('우수 수상 취소'), 'the revoked mark');
    check(!(await page.$(`${slide(2)} ${byId('tier-badge')}`)), 'no badge once revoked');
    await shot(page, 'kiosk-revoked');
  });
  await step('with the server stopped the kiosk keeps showing its posters, pictures and all', async () => {
    await stop();
    await page.clock.fastForward('01:01');  // the minute's refresh fails
    await page.waitForSelector(`${byId('slideshow')}[data-stale="true"]`);
    for (const entry of [2, 1, 2]) {
      await page.clock.fastForward('00:13');
      await page.waitForSelector(slide(entry));
      await picturesShown(page, entry);
    }
    await shot(page, 'kiosk-server-stopped');
  });
  await page.context().close();
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'poster-lobby-'));
  const data = path.join(work, 'data');
  const run = setUp(data);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await serve(data, port);
  let stopped = null;
  const stop = () => {
    stopped = stopped || new Promise((done) => { server.once('exit', (code) => done(code)); server.kill('SIGTERM'); });
    return stopped;
  };
  let ok = false;
  let browser = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    await lobbyOnDesk(browser, url);
    await onPhone(browser, url);
    await sheetsByPhase(browser, url, run);
    await printAll(browser, url, run);
    await kiosk(browser, url, run, stop);
    check((await stop()) === 0, 'the server exits 0 on SIGTERM');
    run('audit', 'verify');
    ok = problems.length === 0;
  } catch (err) {
    console.error(`FAILED: ${err && err.message ? err.message.split('\n').slice(0, 6).join('\n  ') : err}`);
  } finally {
    if (browser) await browser.close().catch(() => {});
    await stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
  for (const p of problems) console.error(`problem: ${p}`);
  console.log(`lobby: ${shots} screenshots in ${ARTIFACTS}; ${ok ? 'passed' : 'FAILED'}`);
  process.exit(ok ? 0 : 1);
}

main();
