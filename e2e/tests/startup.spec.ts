import { test, expect, holdRequests, scenario } from '../fixtures';
import type { Page } from '@playwright/test';
import { LOOPBACK, coldStart, timeline, type Entry } from '../network';

const api = (entries: Entry[]) => entries.filter((e) => e.url.startsWith('/api/'));

/**
 * Holds every API answer until all of `expected` have been asked for. An app that waits for one
 * answer before it asks the next never gets there, whatever the machine's speed: that is the
 * waterfall, and the test fails on it by name.
 */
async function holdApiUntilAllAsked(page: Page, expected: string[]) {
  const asked = new Set<string>();
  let release = () => {};
  const released = new Promise<void>((done) => (release = done));
  await page.route(/\/api\//, async (route) => {
    asked.add(`${route.request().method()} ${new URL(route.request().url()).pathname}`);
    if (expected.every((e) => asked.has(e))) release();
    await Promise.race([released, new Promise((done) => setTimeout(done, 10_000))]);
    await route.continue();
  });
  return async () => {
    await expect
      .poll(() => expected.filter((e) => !asked.has(e)), { message: 'asked while the other answers were held', timeout: 8_000 })
      .toEqual([]);
  };
}

function expectEachOnce(entries: Entry[]) {
  const list = entries.map((e) => `${e.method} ${e.url} ${e.status}`);
  // Nothing twice, nothing missing, one stylesheet, no favicon.
  expect(new Set(list).size, `a request repeats:\n${timeline(entries)}`).toBe(list.length);
  expect(entries.filter((e) => e.status >= 400), timeline(entries)).toEqual([]);
  expect(entries.filter((e) => e.url.endsWith('.css'))).toHaveLength(1);
  expect(entries.filter((e) => e.url.includes('favicon'))).toEqual([]);
}

test('a cold start of /settings/messaging asks for me and the integration together, once each', async ({ page }) => {
  await scenario(page, 'installed');
  const together = await holdApiUntilAllAsked(page, ['GET /api/me', 'GET /api/integrations/facebook']);
  const loading = coldStart(page, '/settings/messaging', LOOPBACK, () =>
    expect(page.getByText('Sakura Trading Official').first()).toBeVisible({ timeout: 20_000 }),
  );
  await together();
  const entries = await loading;
  expect(api(entries).map((e) => `${e.method} ${e.url}`).sort()).toEqual([
    'GET /api/integrations/facebook',
    'GET /api/me',
  ]);
  expectEachOnce(entries);
  // The page preloads its part, and the module's own request is that one: one download.
  expect(entries.filter((e) => e.url.endsWith('.wasm')).map((e) => e.url)).toEqual([expect.stringMatching(/^\/msg-settings-/)]);
});

test('a cold start of /messaging asks for me, the integration and the conversations together, once each', async ({ page }) => {
  await scenario(page, 'installed');
  const expected = ['GET /api/me', 'GET /api/integrations/facebook', 'GET /api/conversations'];
  const together = await holdApiUntilAllAsked(page, expected);
  const loading = coldStart(page, '/messaging', LOOPBACK, () =>
    expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible({ timeout: 20_000 }),
  );
  await together();
  const entries = await loading;
  // The long poll for updates follows the list by design: it asks from the list's cursor.
  const calls = api(entries).filter((e) => !e.url.startsWith('/api/updates'));
  expect(calls.map((e) => `${e.method} ${e.url}`).sort()).toEqual([...expected].sort());
  expectEachOnce(entries.filter((e) => !e.url.startsWith('/api/updates')));
  expect(entries.filter((e) => e.url.endsWith('.wasm')).map((e) => e.url)).toEqual([expect.stringMatching(/^\/msg-conversations-/)]);
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

/** Holds every part's wasm until `release()`; what the page asks for meanwhile is in `asked`. */
async function holdWasm(page: Page) {
  const asked: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) asked.push(`${r.method()} ${url.pathname}`);
  });
  const release = await holdRequests(page, /_bg\.wasm$/);
  return { asked, release };
}

for (const [path, expected, shown] of [
  ['/settings/messaging', ['GET /api/me', 'GET /api/integrations/facebook'], 'Sakura Trading Official'],
  ['/messaging', ['GET /api/me', 'GET /api/integrations/facebook', 'GET /api/conversations'], 'Ken Watanabe'],
] as const) {
  test(`${path}: the first reads leave before the wasm has arrived, and the app adopts them: none goes twice`, async ({ page }) => {
    await scenario(page, 'installed');
    const { asked, release } = await holdWasm(page);
    await page.goto(path);
    await expect.poll(() => [...asked].sort(), { message: 'asked while the wasm was held' }).toEqual([...expected].sort());
    release();
    await expect(page.getByText(shown).first()).toBeVisible();
    await page.waitForTimeout(500);
    const startup = asked.filter((a) => !a.startsWith('GET /api/updates'));
    expect(startup.sort()).toEqual([...expected].sort());
  });
}

for (const [path, reads, shown] of [
  ['/settings/messaging', ['/api/me', '/api/integrations/facebook'], 'Sakura Trading Official'],
  ['/messaging', ['/api/me', '/api/integrations/facebook', '/api/conversations'], 'Ken Watanabe'],
] as const) {
  test(`with its first reads in before the wasm, ${path} draws its screen at once, never its own loading state`, async ({ page }) => {
    await scenario(page, 'installed');
    // Every loading notice the app itself puts up (the loader's own, in `.msg-app--starting`, is
    // what the element shows before the app mounts).
    await page.addInitScript(() => {
      (window as any).appLoading = 0;
      new MutationObserver((records) => {
        for (const node of records.flatMap((r) => [...r.addedNodes])) {
          if (!(node instanceof Element)) continue;
          const notices = [node, ...node.querySelectorAll('.msg-loading')].filter((n) => n.matches('.msg-loading'));
          (window as any).appLoading += notices.filter((n) => !n.closest('.msg-app--starting')).length;
        }
      }).observe(document, { subtree: true, childList: true });
    });
    const answered = new Set<string>();
    page.on('requestfinished', (r) => answered.add(new URL(r.url()).pathname));
    const { release } = await holdWasm(page);
    await page.goto(path);
    await expect.poll(() => reads.filter((p) => !answered.has(p))).toEqual([]);
    release();
    await expect(page.getByText(shown).first()).toBeVisible();
    expect(await page.evaluate(() => (window as any).appLoading)).toBe(0);
  });
}

test('a start-up read that fails before the wasm arrives is retried by the app, as any read', async ({ page }) => {
  await scenario(page, 'installed');
  let integration = 0;
  await page.route('**/api/integrations/facebook', async (route) => {
    integration += 1;
    if (integration === 1) await route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"service_unavailable","message":"m","reference":"R"}}' });
    else await route.continue();
  });
  const { release } = await holdWasm(page);
  await page.goto('/settings/messaging');
  await expect.poll(() => integration).toBe(1);
  release();
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  expect(integration).toBe(2);
});

for (const [path, shown] of [
  ['/messaging/ken', 'Yes please! And do you ship to Hokkaido?'],
  ['/settings/messaging', 'Sakura Trading Official'],
]) {
  test(`opening ${path} by its address moves nothing on screen once it is there (layout shift)`, async ({ page }) => {
    await scenario(page, 'installed');
    await page.addInitScript(() => {
      (window as any).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(path);
    await expect(page.getByText(shown).last()).toBeVisible();
    await page.waitForTimeout(1_000);
    // Lighthouse calls up to 0.1 good. The loader's notice and the thread keep their boxes while
    // the app and its data load: none (0 here, 0.0043 and 0.0117 before).
    expect(await page.evaluate(() => (window as any).__shift)).toBeLessThan(0.001);
  });
}

test('a revisit of the standalone page takes the module, the part and the stylesheet from the cache, unasked', async ({ browser, baseURL }) => {
  // A context of its own: the test's usual one turns the cache off.
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await page.getByRole('heading', { level: 1, name: 'Messaging settings' }).waitFor();
  await page.goto('/settings/messaging');
  await page.getByRole('heading', { level: 1, name: 'Messaging settings' }).waitFor();
  // Polled: the screen kept from the first visit shows before the part has loaded.
  // transferSize 0: served from the cache without a request; a revalidation (304) has a size.
  const sent = () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e as PerformanceResourceTiming)
        .filter((e) => /\/(messenger-integration|msg-settings)-[0-9a-f]{8,16}/.test(e.name))
        .map((e) => [new URL(e.name).pathname.replace(/-[0-9a-f]{8,16}/, '-<hash>'), e.transferSize])
        .sort(),
    );
  await expect
    .poll(sent)
    .toEqual([
      ['/messenger-integration-<hash>.css', 0],
      ['/messenger-integration-<hash>.js', 0],
      ['/msg-settings-<hash>.js', 0],
      ['/msg-settings-<hash>_bg.wasm', 0],
    ]);
  await context.close();
});
