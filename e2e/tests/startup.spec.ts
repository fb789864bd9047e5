import { test, expect, scenario } from '../fixtures';
import { coldStart, timeline, type Entry } from '../network';

// Each request takes at least this long, so one that waits for another shows as late, while
// the few milliseconds the app itself needs between two requests do not.
const SLOW = { name: '150 ms latency', latency: 150, mbps: 0 };

const api = (entries: Entry[]) =>
  entries.filter((e) => e.url.startsWith('/api/') && !e.url.includes('/events'));

function expectNoWaterfall(entries: Entry[]) {
  const list = entries.map((e) => `${e.method} ${e.url} ${e.status}`);
  // Nothing twice, nothing missing, one stylesheet, no favicon.
  expect(new Set(list).size, `a request repeats:\n${list.join('\n')}`).toBe(list.length);
  expect(entries.filter((e) => e.status >= 400), list.join('\n')).toEqual([]);
  expect(entries.filter((e) => e.url.endsWith('.css'))).toHaveLength(1);
  expect(entries.filter((e) => e.url.includes('favicon'))).toEqual([]);
  // Every start-up API request is on the wire before the first one has come back.
  const calls = api(entries);
  const firstEnd = Math.min(...calls.map((e) => e.end));
  const late = calls.filter((e) => e.start > firstEnd);
  expect(late, `waits for another API request:\n${timeline(entries)}`).toEqual([]);
}

test('a cold start of /settings/messaging asks for me and the integration together, once each', async ({ page }) => {
  await scenario(page, 'installed');
  const entries = await coldStart(page, '/settings/messaging', SLOW, () =>
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
  const entries = await coldStart(page, '/messaging', SLOW, () =>
    expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible(),
  );
  const calls = api(entries).map((e) => `${e.method} ${e.url.split('?')[0]}`);
  expect(calls).toContain('GET /api/me');
  expect(calls).toContain('GET /api/conversations');
  expectNoWaterfall(entries);
});

for (const [locale, loading] of [['ja-JP', '読み込み中…'], ['en-US', 'Loading…']] as const) {
  test(`before the wasm arrives, the element says it is loading (${locale}); the app then takes its place`, async ({ browser, baseURL }) => {
    const context = await browser.newContext({ locale, baseURL });
    const page = await context.newPage();
    await scenario(page, 'installed');
    let release = () => {};
    const held = new Promise<void>((done) => (release = done));
    await page.route(/_bg\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/settings/messaging');
    const app = page.locator('messenger-integration > .msg-app');
    await expect(page.getByText(loading)).toBeVisible();
    await expect(app).toHaveAttribute('lang', locale.slice(0, 2));
    release();
    await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
    await expect(page.getByText(loading)).toHaveCount(0);
    await expect(app).toHaveCount(1);
    await context.close();
  });
}
