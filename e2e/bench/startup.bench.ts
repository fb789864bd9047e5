import { test, scenario, startBackend, type Backend } from '../fixtures';
import { BROADBAND, LOOPBACK, coldStart, timeline, type Profile } from '../network';
import type { Browser } from '@playwright/test';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const RUNS = 11;
const DATA = 'Sakura Trading Official';
/** What the page prints, with the time, once the Page's name is painted. */
const SHOWN = 'msg-bench-shown ';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The static twin: the app's own render of the settings page, saved as plain HTML with the same
 * stylesheet and no script, served by a second dev backend with the same flags. Made fresh by
 * every run, so it can never drift from what the app shows.
 */
async function makeTwin(browser: Browser, app: string): Promise<Backend> {
  const page = await browser.newPage({ baseURL: app, locale: 'en-US' });
  await page.goto('/settings/messaging');
  await page.getByText(DATA).first().waitFor();
  const { body, css } = await page.evaluate(() => ({
    body: document.querySelector('messenger-integration')!.outerHTML,
    css: (document.querySelector('link[rel=stylesheet]') as HTMLLinkElement).getAttribute('href')!,
  }));
  await page.close();
  const dir = mkdtempSync(join(tmpdir(), 'msg-twin-'));
  copyFileSync(resolve(__dirname, '../../dist', basename(css)), join(dir, basename(css)));
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>Messaging</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/${basename(css)}"></head>` +
      `<body>${body}</body></html>`,
  );
  // Precompressed like dist/, so both travel the same way.
  for (const name of [basename(css), 'index.html']) {
    const bytes = readFileSync(join(dir, name));
    writeFileSync(join(dir, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
  return startBackend(dir);
}

/**
 * Navigation start to the first frame painted with the Page's name on screen: with a cold
 * cache, or `warm` on a revisit (the same browser came before, and kept its cache).
 */
async function firstRender(browser: Browser, url: string, profile: Profile, warm = false): Promise<number> {
  const context = await browser.newContext({ locale: 'en-US' });
  // The page says when through the console: polling it (`waitForFunction`) would run
  // Playwright's script in the page while the app starts, 10-18 ms of its main thread a start.
  await context.addInitScript(([text, said]) => {
    const seen = new MutationObserver(() => {
      if (!document.body?.textContent?.includes(text)) return;
      seen.disconnect();
      requestAnimationFrame(() => console.debug(`${said}${performance.now()}`));
    });
    seen.observe(document, { subtree: true, childList: true, characterData: true });
  }, [DATA, SHOWN]);
  const page = await context.newPage();
  const shown = () =>
    page
      .waitForEvent('console', { predicate: (message) => message.text().startsWith(SHOWN) })
      .then((message) => Number(message.text().slice(SHOWN.length)));
  if (warm) {
    const first = shown();
    await page.goto(url);
    await first;
    // A visit of a second (the app keeps its last screen once ready); then the page is left
    // and opened again from the address bar.
    await page.waitForTimeout(1_000);
    await page.goto('about:blank');
  }
  const measured = shown();
  await coldStart(page, url, profile, () => measured, { warm });
  const at = await measured;
  await context.close();
  return at;
}

test('start-up: first render against a static twin, and the cold-start requests', async ({ page, browser, backend }) => {
  await scenario(page, 'installed');
  const twin = await makeTwin(browser, backend.url);
  try {
    const goals = { cold: { loopback: 2.0, broadband: 2.5 }, warm: { loopback: 1.5, broadband: 2.0 } };
    for (const start of ['cold', 'warm'] as const) {
      for (const profile of [LOOPBACK, BROADBAND]) {
        const app: number[] = [];
        const still: number[] = [];
        // Interleaved, so a slow moment of the machine hits both alike.
        for (let run = 0; run < RUNS; run++) {
          app.push(await firstRender(browser, `${backend.url}/settings/messaging`, profile, start === 'warm'));
          still.push(await firstRender(browser, `${twin.url}/`, profile, start === 'warm'));
        }
        const ratio = median(app) / median(still);
        const spread = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
        const goal = goals[start][profile === LOOPBACK ? 'loopback' : 'broadband'];
        console.log(
          `BENCH first render of /settings/messaging, ${start}, ${profile.name}: app ${median(app).toFixed(0)} ms ` +
            `(${spread(app)}), static twin ${median(still).toFixed(0)} ms (${spread(still)}), ratio ${ratio.toFixed(2)}x ` +
            `(goal ${goal}x; medians of ${RUNS} interleaved runs)`,
        );
      }
    }
    for (const path of ['/settings/messaging', '/messaging']) {
      const context = await browser.newContext({ locale: 'en-US', baseURL: backend.url });
      const cold = await context.newPage();
      const ready = path === '/messaging' ? cold.getByRole('link', { name: /Ken Watanabe/ }) : cold.getByText(DATA).first();
      const entries = await coldStart(cold, path, BROADBAND, () => ready.waitFor());
      console.log(`BENCH cold-start requests of ${path}, ${BROADBAND.name} (one run):\n${timeline(entries)}`);
      await context.close();
    }
  } finally {
    twin.process.kill();
  }
});
