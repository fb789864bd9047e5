import { test, expect, scenario } from '../fixtures';
import type { Page, Request } from '@playwright/test';

const LATENCY_MS = 150;

/** One request of a cold start, with its times in ms since navigation began. */
type Entry = { method: string; url: string; start: number; end: number; status: number };

/** Loads `path` with an empty cache and records every request until `ready` is visible. */
async function coldStart(page: Page, path: string, ready: () => Promise<void>): Promise<Entry[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  // Each request takes at least this long, so one that waits for another shows as late, while
  // the few milliseconds the app itself needs between two requests do not.
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: LATENCY_MS,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  const entries: Entry[] = [];
  const t0 = Date.now();
  const finish = async (request: Request) => {
    const response = await request.response();
    const timing = request.timing();
    const url = new URL(request.url());
    const start = timing.startTime - t0;
    entries.push({
      method: request.method(),
      url: url.pathname + url.search,
      start: Math.round(start),
      end: Math.round(timing.responseEnd >= 0 ? start + timing.responseEnd : Date.now() - t0),
      status: response?.status() ?? 0,
    });
  };
  page.on('requestfinished', finish);
  page.on('requestfailed', finish);
  await page.goto(path);
  await ready();
  page.off('requestfinished', finish);
  page.off('requestfailed', finish);
  return entries;
}

const api = (entries: Entry[]) =>
  entries.filter((e) => e.url.startsWith('/api/') && !e.url.includes('/events'));

function expectNoWaterfall(entries: Entry[]) {
  const list = entries.map((e) => `${e.method} ${e.url} ${e.status}`);
  const timeline = entries.map((e) => `${e.start}–${e.end} ms ${e.method} ${e.url} ${e.status}`).join("\n");
  // Nothing twice, nothing missing, one stylesheet, no favicon.
  expect(new Set(list).size, `a request repeats:\n${list.join('\n')}`).toBe(list.length);
  expect(entries.filter((e) => e.status >= 400), list.join('\n')).toEqual([]);
  expect(entries.filter((e) => e.url.endsWith('.css'))).toHaveLength(1);
  expect(entries.filter((e) => e.url.includes('favicon'))).toEqual([]);
  // Every start-up API request is on the wire before the first one has come back.
  const calls = api(entries);
  const firstEnd = Math.min(...calls.map((e) => e.end));
  const late = calls.filter((e) => e.start > firstEnd);
  expect(late, `waits for another API request:\n${timeline}`).toEqual([]);
}

test('a cold start of /settings/messaging asks for me and the integration together, once each', async ({ page }) => {
  await scenario(page, 'installed');
  const entries = await coldStart(page, '/settings/messaging', () =>
    expect(page.getByText('Sakura Trading Official').first()).toBeVisible(),
  );
  expect(api(entries).map((e) => `${e.method} ${e.url}`).sort()).toEqual([
    'GET /api/integrations/facebook',
    'GET /api/me',
  ]);
  expectNoWaterfall(entries);
});

test('a cold start of /messaging asks for me and the conversations together, once each', async ({ page }) => {
  await scenario(page, 'installed');
  const entries = await coldStart(page, '/messaging', () =>
    expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible(),
  );
  const calls = api(entries).map((e) => `${e.method} ${e.url.split('?')[0]}`);
  expect(calls).toContain('GET /api/me');
  expect(calls).toContain('GET /api/conversations');
  expectNoWaterfall(entries);
});
