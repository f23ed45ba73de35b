// What the browser scripts share: selectors, waiting, the devices, the checks
// every page is held to, and a free loopback port. Each script keeps its own
// step() and shot(): how it reports and names its screenshots is its own.
import net from 'node:net';

// The element a test finds by its data-testid.
export const byId = (id) => `[data-testid="${id}"]`;

export const DESKTOP = { viewport: { width: 1280, height: 900 } };

// What `fn` answers once it answers something, polled every 100 ms for `ms`.
export async function until(what, fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Waits until the element `selector` holds `expected` in its text.
export async function expectText(page, selector, expected) {
  await page.waitForFunction(([sel, text]) => {
    const node = document.querySelector(sel);
    return node && node.textContent.includes(text);
  }, [selector, expected]);
}

// On a phone nothing may stick out sideways: no horizontal scrolling.
export async function expectFitsWidth(page) {
  const [content, view] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  if (content > view) throw new Error(`the page is ${content} px wide on a ${view} px screen`);
}

// A port on 127.0.0.1 that nothing listens on just now.
export function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
