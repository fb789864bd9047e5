import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Page } from '@playwright/test';
import { ConversationsPage } from '../pages/conversations';

// A reload during a server hiccup: reads (GET) are asked again by themselves, with full-jitter
// backoff, before any error screen shows; a screen that does show keeps trying and comes back
// with the server, without a click.

/** The first `n` answers of every API GET but `/api/updates` fail the way `fail` says. */
async function hiccup(page: Page, n: number, fail: 'abort' | 500) {
  const seen = new Map<string, number>();
  let failed = 0;
  await page.route(
    (url) => url.pathname.startsWith('/api/') && url.pathname !== '/api/updates',
    async (route) => {
      if (route.request().method() !== 'GET') return route.fallback();
      const path = new URL(route.request().url()).pathname;
      const count = (seen.get(path) ?? 0) + 1;
      seen.set(path, count);
      if (count > n) return route.fallback();
      failed += 1;
      if (fail === 'abort') return route.abort('connectionreset');
      return route.fulfill({ status: 500, json: { error: { code: 'internal', message: 'hiccup', reference: `REF-${failed}` } } });
    },
  );
  return () => failed;
}

/** Records whether an alert was ever on the page, however briefly. */
async function watchAlerts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { alertsSeen: string[] };
    w.alertsSeen = [];
    new MutationObserver(() => {
      document.querySelectorAll('[role=alert]').forEach((a) => a.textContent && w.alertsSeen.push(a.textContent));
    }).observe(document, { subtree: true, childList: true });
  });
  return () => page.evaluate(() => (window as unknown as { alertsSeen: string[] }).alertsSeen);
}

for (const fail of ['abort', 500] as const) {
  test(`settings: two failed answers (${fail}) to every read are retried, no error screen shows`, async ({ page }) => {
    await scenario(page, 'installed');
    const alerts = await watchAlerts(page);
    const failed = await hiccup(page, 2, fail);
    await page.goto('/settings/messaging');
    await expect(page.getByText('Sakura Trading Official').first()).toBeVisible({ timeout: 20_000 });
    expect(failed()).toBeGreaterThanOrEqual(4);
    expect(await alerts()).toEqual([]);
  });
}

test('a conversation reloaded during a hiccup opens without an error screen', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const alerts = await watchAlerts(page);
  const failed = await hiccup(page, 2, 500);
  await page.reload();
  await expect(inbox.message('Yes please! And do you ship to Hokkaido?')).toBeVisible({ timeout: 20_000 });
  expect(failed()).toBeGreaterThanOrEqual(6);
  expect(await alerts()).toEqual([]);
});

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`a server down for longer: the screen says it keeps trying, and comes back by itself (${lang})`, async ({ page }) => {
      test.setTimeout(90_000);
      await scenario(page, 'installed');
      await page.request.post('/sim/faults', { data: { rate: 1, kinds: ['http_500'] } });
      await page.goto('/settings/messaging');
      const alert = page.getByRole('alert').filter({ hasText: tr(lang, 'サーバーで問題が発生しました', 'The server ran into a problem') });
      await expect(alert).toBeVisible({ timeout: 30_000 });
      await expect(alert).toContainText(
        tr(lang, 'このページは自動で再試行し', 'This page keeps trying by itself and comes back as soon as the server answers.'),
      );
      await expectNoAxeViolations(page);
      await saveScreen(page, 'error-keeps-trying', lang);
      await page.request.post('/sim/faults', { data: { rate: 0 } });
      await expect(page.getByText('Sakura Trading Official').first()).toBeVisible({ timeout: 30_000 });
      await expect(alert).toHaveCount(0);
    });

    test(`a conversation that cannot load keeps trying, shows what is written meanwhile, and opens by itself (${lang})`, async ({ page, context }) => {
      await scenario(page, 'installed');
      await page.route('**/api/conversations/ken*', (route) => route.abort());
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      const alert = page.getByRole('alert').filter({ hasText: tr(lang, '会話を読み込めませんでした。', 'The conversation could not be loaded.') });
      await expect(alert).toBeVisible({ timeout: 20_000 });
      await expect(alert).toContainText(tr(lang, '自動で再試行しています…', 'Trying again by itself…'));
      // Written while the thread cannot load: shown under the alert, not hidden behind it.
      await context.setOffline(true);
      await inbox.write('Written while the thread could not load.');
      await expect(inbox.message('Written while the thread could not load.')).toContainText(tr(lang, '送信待ち', 'Waiting to send'));
      await expectNoAxeViolations(page);
      await context.setOffline(false);
      await page.unroute('**/api/conversations/ken*');
      await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible({ timeout: 30_000 });
      await expect(inbox.message('Written while the thread could not load.')).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      await expect(alert).toHaveCount(0);
    });
  });
}
