// The static export (`poster export site DIR`) opened from the file system in
// Debian's chromium: the gallery with its thumbnails, an entry, the winners and
// the printable sheet with its QR code, without a server.
//
//   EXPORT_DIR=/tmp/site ENTRY=1 TITLE='...' ARTIFACTS=/tmp/shots node static.mjs
import { chromium } from 'playwright-core';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { byId } from './lib.mjs';

const DIR = process.env.EXPORT_DIR;
const ENTRY = process.env.ENTRY;
const TITLE = process.env.TITLE;
const ARTIFACTS = process.env.ARTIFACTS || 'browser-artifacts';
if (!DIR || !ENTRY || !TITLE) { console.error('static: set EXPORT_DIR, ENTRY and TITLE'); process.exit(1); }

const base = pathToFileURL(path.join(path.resolve(DIR), 'index.html')).href;
const problems = [];

async function loaded(page, selector) {
  await page.waitForFunction((sel) => {
    const images = Array.from(document.querySelectorAll(sel));
    return images.length > 0 && images.every((i) => i.complete && i.naturalWidth > 0);
  }, selector);
}

async function visit(page, hash, check, shot) {
  await page.goto(`${base}${hash}`);
  await page.waitForSelector('#main .view');
  await check();
  await page.screenshot({ path: path.join(ARTIFACTS, `static-${shot}.png`), fullPage: true });
  console.log(`static: ${shot} ok`);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run'],
});
let ok = true;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ko-KR' });
  context.setDefaultTimeout(15000);
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}`));
  await visit(page, '#/gallery', async () => {
    await page.waitForSelector(`${byId('gallery-card')}[data-entry="${ENTRY}"]`);
    await loaded(page, `${byId('gallery-card')} img`);
    if (await page.locator(byId('vote-button')).count()) throw new Error('a vote button in the archive');
  }, 'gallery');
  await visit(page, `#/entry/${ENTRY}`, async () => {
    await page.waitForFunction(([sel, t]) => document.querySelector(sel)?.textContent.includes(t), [byId('entry-title'), TITLE]);
    await loaded(page, byId('entry-image'));
  }, 'entry');
  await visit(page, '#/results', async () => {
    await page.waitForSelector(`${byId('results-winner')}[data-entry="${ENTRY}"]`);
  }, 'results');
  await visit(page, `#/sheet/${ENTRY}`, async () => {
    await loaded(page, byId('sheet-qr'));
  }, 'sheet');
} catch (err) {
  ok = false;
  console.error(`static: FAILED: ${err.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
for (const p of problems) console.error(`static: problem: ${p}`);
process.exit(ok && problems.length === 0 ? 0 : 1);
