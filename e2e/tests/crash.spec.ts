import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Page } from '@playwright/test';

// The last line of defence, on the release build (where a panic aborts the wasm): the app's
// root becomes a translated crash screen whose Reload link works without any Rust running.
// The trigger is for tests only (docs/embedding.md): a window event with one exact detail.
// Dispatched on an app's element, it panics that app alone.
const panicNow = (page: Page, detail = 'panic now, for tests only', element = page.locator('messenger-integration')) =>
  element.evaluate((el, detail) => el.dispatchEvent(new CustomEvent('messenger:test-panic', { detail, bubbles: true })), detail);

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

test('a panic in one element leaves the others on the page working, and they send no messenger:error', async ({ page }) => {
  await scenario(page, 'installed');
  await page.addInitScript(() => {
    (window as any).__errors = [];
    document.addEventListener('messenger:error', (e) => (window as any).__errors.push((e.target as Element).id));
  });
  await page.goto('/host-demo/');
  // Two elements of the settings part and one of the conversations part, side by side.
  await page.evaluate(() => {
    const element = (id: string, view: string) =>
      `<messenger-integration id="${id}" view="${view}" base-path="/host-demo" chrome="none"></messenger-integration>`;
    document.getElementById('crm-slot')!.innerHTML =
      element('settings-a', 'settings') + element('settings-b', 'settings') + element('inbox', 'conversations');
  });
  const [a, b, inbox] = ['#settings-a', '#settings-b', '#inbox'].map((id) => page.locator(id));
  for (const settings of [a, b]) await expect(settings.getByText('Sakura Trading Official').first()).toBeVisible();
  await expect(inbox.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible();

  await panicNow(page, undefined, a);
  await expect(a.getByRole('alert')).toContainText('Something went wrong in Messaging');
  await expect(a.getByText('Sakura Trading Official')).toHaveCount(0);

  // The others still run: their buttons and links answer, through Rust.
  await expect(b.getByRole('alert')).toHaveCount(0);
  await b.getByRole('button', { name: 'Uninstall' }).click();
  const dialog = page.getByRole('dialog', { name: 'Uninstall Facebook Messenger?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await inbox.getByRole('link', { name: /Ken Watanabe/ }).click();
  await expect(inbox.getByRole('heading', { name: 'Ken Watanabe' })).toBeVisible();
  await expect(inbox.getByRole('alert')).toHaveCount(0);
  expect(await page.evaluate(() => (window as any).__errors)).toEqual(['settings-a']);
  await saveScreen(page, 'crash-contained', 'en');
});
