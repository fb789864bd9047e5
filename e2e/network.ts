import type { Page, Request } from '@playwright/test';

/** Network conditions of Chromium's emulation, through CDP. */
export type Profile = { name: string; latency: number; mbps: number };
export const LOOPBACK: Profile = { name: 'loopback', latency: 0, mbps: 0 };
export const BROADBAND: Profile = { name: '20 Mbit/s, 40 ms RTT', latency: 40, mbps: 20 };

/** One request of a cold start, with its times in ms since navigation began. */
export type Entry = { method: string; url: string; start: number; end: number; status: number };

/**
 * Loads `path` with an empty cache under `profile` and records every request until `ready`
 * resolves. With `{ warm: true }`, with the cache the page's earlier visits left instead.
 */
export async function coldStart(
  page: Page,
  path: string,
  profile: Profile,
  ready: () => Promise<unknown>,
  { warm = false } = {},
): Promise<Entry[]> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !warm });
  const throughput = profile.mbps ? (profile.mbps * 1_000_000) / 8 : -1;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latency,
    downloadThroughput: throughput,
    uploadThroughput: throughput,
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
  return entries.sort((a, b) => a.start - b.start);
}

/** The requests as a table, one per line. */
export const timeline = (entries: Entry[]) =>
  entries.map((e) => `${String(e.start).padStart(5)}–${String(e.end).padEnd(5)} ms  ${e.status} ${e.method} ${e.url}`).join('\n');
