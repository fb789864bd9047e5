import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Locator, Page } from '@playwright/test';

// The last line of defence, on the release build (where a panic aborts the wasm): the app's
// root becomes a translated crash screen whose Reload link works without any Rust running.
// The build has no trigger of its own: the browser refuses the renderer's next new element
// once (Leptos unwraps createElement and cloneNode), and the link clicked in the app makes
// that app draw something new, so that app panics in its own code.
async function panicIn(link: Locator) {
  await link.page().evaluate(() => {
    const [createElement, cloneNode] = [Document.prototype.createElement, Node.prototype.cloneNode];
    const refuse = () => {
      Document.prototype.createElement = createElement;
      Node.prototype.cloneNode = cloneNode;
      throw new DOMException('refused once, for tests', 'NotSupportedError');
    };
    Document.prototype.createElement = refuse as never;
    Node.prototype.cloneNode = refuse as never;
  });
  await link.click();
}

/** The standalone page's link to the other section: its screen is new DOM. */
const otherSection = (page: Page, lang: string) => page.getByRole('link', { name: tr(lang, '会話', 'Conversations') });

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
      await panicIn(otherSection(page, lang));
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

      // At the address the link had gone to when it panicked.
      await crash.getByRole('link', { name: tr(lang, '再読み込み', 'Reload') }).click();
      await expect(page.getByRole('heading', { level: 1, name: tr(lang, '会話', 'Conversations') })).toBeVisible();
      await expect(crash).toHaveCount(0);
    });
  });
}

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

  await panicIn(a.getByRole('link', { name: 'Add a Page' }));
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
