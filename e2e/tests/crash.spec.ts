import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Page } from '@playwright/test';

// The last line of defence, on the release build (where a panic aborts the wasm): the app's
// root becomes a translated crash screen whose Reload link works without any Rust running.
// The trigger is for tests only (docs/embedding.md): a window event with one exact detail.
const panicNow = (page: Page, detail = 'panic now, for tests only') =>
  page.evaluate((detail) => window.dispatchEvent(new CustomEvent('messenger:test-panic', { detail })), detail);

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`a panic ends on the crash screen, and Reload brings the app back (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      // What the host hears, and whether the crash screen was already there when it did.
      await page.addInitScript(() => {
        (window as any).__errors = [];
        document.addEventListener('messenger:error', (e) => {
          const shown = document.querySelector('.msg-screen--error') !== null;
          (window as any).__errors.push({ detail: (e as CustomEvent).detail, shown });
        });
      });
      await page.goto('/settings/messaging');
      await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
      await panicNow(page);
      const crash = page.getByRole('alert').filter({
        has: page.getByRole('heading', { name: tr(lang, 'メッセージングで問題が発生しました', 'Something went wrong in Messaging') }),
      });
      await expect(crash).toBeVisible();
      // The host is told first, so its telemetry has the crash even if the page is closed now.
      expect(await page.evaluate(() => (window as any).__errors)).toEqual([
        { detail: { code: 'crash', reference: null }, shown: false },
      ]);
      await expect(crash).toContainText(tr(lang, '入力した内容は保存されています', 'Anything you typed is kept'));
      await expect(page.getByText('Sakura Trading Official')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'crash', lang);

      await crash.getByRole('link', { name: tr(lang, '再読み込み', 'Reload') }).click();
      await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
      await expect(crash).toHaveCount(0);
    });
  });
}

test('the trigger needs its exact detail: anything else is ignored', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  await panicNow(page, 'panic');
  await page.evaluate(() => window.dispatchEvent(new Event('messenger:test-panic')));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
});
