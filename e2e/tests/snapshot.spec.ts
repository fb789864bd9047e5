import { test, expect, expectNoAxeViolations, holdRequests, saveScreen, scenario, LANGS, tr } from '../fixtures';
import type { Page } from '@playwright/test';
import { SettingsPage } from '../pages/settings';

// A revisit of Messaging settings shows the last screen this browser kept at once, while the
// wasm loads, marked as updating; the app replaces it once it has the server's answer.

const kept = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('msg_ui_snapshot:')));
const snapshot = (page: Page) => page.locator('.msg-app--snapshot');

/** A first visit of Messaging settings, whose screen the browser then keeps. */
async function firstVisitKept(page: Page) {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  await expect.poll(() => kept(page)).toHaveLength(1);
}

/** Holds every part's wasm until the returned function is called. */
const holdWasm = (page: Page) => holdRequests(page, '**/*_bg.wasm');

/** Sums the page's layout shifts from its start. */
const watchShifts = (page: Page) =>
  page.addInitScript(() => {
    (window as any).__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as any[]) if (!entry.hadRecentInput) (window as any).__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });

for (const lang of LANGS) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`a revisit shows the last screen at once, marked as updating, then the server's answer (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, '正常', 'Healthy'), { exact: true })).toBeVisible();
      await expect.poll(() => kept(page)).toHaveLength(1);

      // Meanwhile the Page's token expired; the wasm is slow to come.
      await scenario(page, 'installed_token_expired');
      await watchShifts(page);
      const release = await holdWasm(page);
      await page.goto('/settings/messaging');
      const last = snapshot(page);
      await expect(last).toBeVisible();
      await expect(last).toContainText('Sakura Trading Official');
      await expect(last).toContainText(tr(lang, '正常', 'Healthy'));
      // The visibility chosen then, a property of the radio, is kept too.
      await expect(last.locator('input[type=radio][checked]')).toHaveCount(1);
      await expect(last).toHaveAttribute('data-updating', tr(lang, '更新しています…', 'Updating…'));
      // Not the app yet: nothing in it can be used, and screen readers hear that it is loading.
      await expect(last).toHaveAttribute('aria-hidden', 'true');
      expect(await last.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
      await expect(page.getByRole('button', { name: tr(lang, '再接続', 'Reconnect') })).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-revisit-updating', lang);

      release();
      await expect(page.getByText(tr(lang, 'トークンの有効期限切れ', 'Token expired'))).toBeVisible();
      await expect(last).toHaveCount(0);
      await expect(settings.reconnect).toBeEnabled();
      expect(await page.evaluate(() => (window as any).__shift)).toBeLessThan(0.001);
    });
  });
}

test('the kept screen is each user’s own: another user of the browser never sees it', async ({ page }) => {
  await firstVisitKept(page);

  await page.request.post('/sim/current-user', { data: { name: 'Yui Suzuki' } });
  const release = await holdWasm(page);
  await page.goto('/settings/messaging');
  await expect(page.getByText('Loading…')).toBeVisible();
  await page.waitForTimeout(500);
  await expect(snapshot(page)).toHaveCount(0);
  release();
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  // Yui's own screen is kept under her name, beside Aiko's.
  await expect.poll(() => kept(page)).toHaveLength(2);

  // Hers comes back on her next visit: a regular agent's screen (no admin actions) kept whole,
  // so nothing moves when the app replaces it.
  await watchShifts(page);
  const again = await holdWasm(page);
  await page.goto('/settings/messaging');
  await expect(snapshot(page)).toContainText('Sakura Trading Official');
  again();
  await expect(snapshot(page)).toHaveCount(0);
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__shift)).toBeLessThan(0.001);
});

test('a revisit with a kept screen draws no “Loading…” before it, and keeps the notice for screen readers', async ({ page }) => {
  await firstVisitKept(page);

  // The loader's notice as it is put on the page: drawn, or clipped away for screen readers only.
  await page.addInitScript(() => {
    (window as any).__notice = [];
    new MutationObserver((records) => {
      for (const r of records)
        for (const node of r.addedNodes)
          if (node instanceof HTMLElement && node.classList.contains('msg-app--starting'))
            (window as any).__notice.push(getComputedStyle(node).clipPath);
    }).observe(document, { subtree: true, childList: true });
  });
  const release = await holdWasm(page);
  await page.goto('/settings/messaging');
  await expect(snapshot(page)).toContainText('Sakura Trading Official');
  expect(await page.evaluate(() => (window as any).__notice)).toEqual(['inset(50%)']);
  await expect(page.locator('.msg-loading')).toHaveAttribute('aria-busy', 'true');
  release();
  await expect(snapshot(page)).toHaveCount(0);
});

test('a failure is never kept as the last screen', async ({ page }) => {
  await scenario(page, 'installed');
  await page.route('**/api/integrations/facebook', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal","message":"down","reference":"REF-1"}}' }),
  );
  // The moment the module would keep the screen: the app's first messenger:ready.
  await page.addInitScript(() => document.addEventListener('messenger:ready', () => ((window as any).__ready = true), true));
  await page.goto('/settings/messaging');
  await expect(page.locator('.msg-failure')).toBeVisible();
  await page.waitForFunction(() => (window as any).__ready);
  await page.waitForTimeout(200);
  expect(await kept(page)).toEqual([]);
});

test('storage that throws, or holds what this app never wrote, shows no snapshot and never runs it', async ({ page }) => {
  await firstVisitKept(page);
  const [key] = await kept(page);

  // What a hostile script on the host's origin could leave there.
  const hostile = [
    'div',
    { class: 'msg-app', onclick: 'window.__ran = 1', style: 'display:none' },
    [
      ['script', {}, ['window.__ran = 1']],
      ['img', { src: '/nowhere.png', onerror: 'window.__ran = 1' }, []],
      ['a', { href: 'javascript:window.__ran = 1', class: 'msg-hostile' }, ['Open']],
      ['p', { class: 'msg-hostile-text' }, ['<img src=x onerror="window.__ran = 1">']],
    ],
  ];
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [key, JSON.stringify(hostile)]);
  let release = await holdWasm(page);
  await page.goto('/settings/messaging');
  const last = snapshot(page);
  await expect(last.locator('.msg-hostile-text')).toHaveText('<img src=x onerror="window.__ran = 1">');
  const made = await last.evaluate((root) =>
    [root, ...root.querySelectorAll('*')].map((el) => [el.localName, ...el.getAttributeNames()].join(' ')),
  );
  expect(made).toEqual(['div class inert aria-hidden data-updating', 'a class', 'p class']);
  release();
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  expect(await page.evaluate(() => (window as any).__ran)).toBeUndefined();

  // Not JSON at all: nothing shown, and the app starts as always.
  await page.evaluate((k) => localStorage.setItem(k, '{"not'), key);
  await page.unrouteAll();
  release = await holdWasm(page);
  await page.goto('/settings/messaging');
  await expect(page.getByText('Loading…')).toBeVisible();
  await expect(snapshot(page)).toHaveCount(0);
  release();
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();

  // Storage that refuses every call.
  await page.addInitScript(() => {
    for (const name of ['getItem', 'setItem', 'removeItem'] as const) {
      Storage.prototype[name] = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
    }
  });
  await page.unrouteAll();
  await page.goto('/settings/messaging');
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  await expect(snapshot(page)).toHaveCount(0);
});
