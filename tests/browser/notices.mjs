// Notices in a real browser: a forgotten password from the sign-in page, the
// link read from a real SMTP server on 127.0.0.1, a new password set with it,
// and the optional notices switched off on #/notices.
//
//   POSTER=build/app/poster SMTP_SINK=tests/mail/smtp_sink.py WORK=/tmp/notices \
//   ARTIFACTS=/tmp/shots node notices.mjs
//
// It starts its own contest (a [mail] config pointing at the sink), its own
// `poster serve --mail-every 1` and the sink (python3-aiosmtpd), and stops them.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { byId, until, freePort } from './lib.mjs';

const POSTER = process.env.POSTER;
const SINK = process.env.SMTP_SINK;
const WORK = process.env.WORK || '/tmp/poster-notices';
const ARTIFACTS = process.env.ARTIFACTS || path.join(WORK, 'artifacts');
const PASSWORD = '메일로-받은-링크-비밀번호';

function mails(folder) {
  return fs.readdirSync(folder).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => fs.readFileSync(path.join(folder, f), 'latin1'));
}

function bodyOf(raw) {
  const text = raw.slice(raw.indexOf('\r\n\r\n') + 4).replace(/\s+/g, '');
  return Buffer.from(text, 'base64').toString('utf8');
}

async function main() {
  fs.rmSync(WORK, { recursive: true, force: true });
  const inbox = path.join(WORK, 'mail'), data = path.join(WORK, 'data');
  fs.mkdirSync(inbox, { recursive: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const smtpPort = await freePort();
  const sink = spawn('/usr/bin/python3', [SINK, String(smtpPort), inbox], { stdio: ['ignore', 'pipe', 'inherit'] });
  await until('the SMTP server', () => new Promise((resolve) => {
    const socket = net.connect(smtpPort, '127.0.0.1', () => { socket.end(); resolve(true); });
    socket.on('error', () => resolve(false));
  }));
  fs.writeFileSync(path.join(WORK, 'contest.toml'), `[contest]\nname = "알림 시험"\n[phases.submission]\nstart = "contest"\n` +
    `[mail]\nenabled = true\nport = ${smtpPort}\nfrom_address = "poster@city.go.kr"\nfrom_name = "AI 포스터 공모전"\n`);
  fs.writeFileSync(path.join(WORK, 'roster.csv'), 'employee_id,name,department,email,roles\nE7001,나알림,세정과,e7001@city.go.kr,employee\n');
  execFileSync(POSTER, ['contest', 'init', '--data', data, '--config', path.join(WORK, 'contest.toml')]);
  execFileSync(POSTER, ['roster', 'import', '--data', data, path.join(WORK, 'roster.csv')]);
  const log = path.join(WORK, 'server.log');
  const server = spawn(POSTER, ['serve', '--data', data, '--listen', '127.0.0.1:0', '--mail-every', '1',
    '--log', path.join(WORK, 'access.log')],
    { stdio: ['ignore', fs.openSync(log, 'w'), 'inherit'] });
  const base = await until('the server', () => (fs.readFileSync(log, 'utf8').match(/http:\/\/127\.0\.0\.1:\d+/) || [])[0]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
  let status = 0;
  try {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'ko-KR' })).newPage();
    await page.goto(`${base}/#/signin`);
    await page.click(byId('signin-forgot'));
    await page.fill(byId('forgot-id'), 'E7001');
    await page.click(byId('forgot-submit'));
    await page.waitForSelector(byId('forgot-sent'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'notices-1-forgot.png'), fullPage: true });
    const raw = await until('the reset e-mail', () => mails(inbox)[0]);
    const body = bodyOf(raw);
    if (!raw.includes('X-Envelope-To: e7001@city.go.kr')) throw new Error('the mail went elsewhere');
    if (!body.includes('나알림님') || !body.includes('Password') && !body.includes('password')) throw new Error(`unexpected body: ${body}`);
    const hash = body.match(/#\/invite\/[A-Za-z0-9_-]+/)[0];
    await page.goto(`${base}/${hash}`);
    await page.fill(byId('invite-password'), PASSWORD);
    await page.fill(byId('invite-password2'), PASSWORD);
    // Who signed in is answered late, and the person taps a link before it is:
    // the page they asked for waits for the answer, it does not send them to sign in.
    await page.route('**/api/me', (route) => setTimeout(() => route.continue(), 1500), { times: 1 });
    await page.click(byId('invite-submit'));
    await page.waitForFunction(() => location.hash === '#/gallery');
    await page.goto(`${base}/#/notices`);
    await page.waitForSelector(byId('notices-optional'));
    await page.uncheck(byId('notices-optional'));
    await page.waitForSelector(byId('notices-saved'));
    await page.screenshot({ path: path.join(ARTIFACTS, 'notices-2-optout.png'), fullPage: true });
    console.log('notices: the reset e-mail arrived, its link set a password, the opt-out saved');
  } catch (err) {
    console.error(`notices: FAILED: ${err.message}`);
    status = 1;
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    sink.kill('SIGTERM');
  }
  process.exit(status);
}

main();
