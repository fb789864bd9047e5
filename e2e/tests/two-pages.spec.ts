import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';
import { SettingsPage } from '../pages/settings';

// Scenario installed_two_pages: Sakura Trading Official is healthy, Sakura Outlet restricted.
// Every conversation belongs to one Page, sends through it, and shows only its Page's banner.
for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`two Pages: the restriction shows on Hana's conversation only, and Ken's reply goes out (${lang})`, async ({ page }) => {
      await scenario(page, 'installed_two_pages');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('hana');
      const banner = page.getByRole('alert').filter({ hasText: tr(lang, '制限されています', 'restricted this Page') });
      await expect(banner).toBeVisible();
      await expect(inbox.composer).toBeDisabled();
      // Each conversation names its Page when more than one is connected.
      await expect(inbox.customer('Hana Kato')).toContainText('Sakura Outlet');
      await expect(inbox.customer('Ken Watanabe')).toContainText('Sakura Trading Official');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'two-pages-hana-restricted', lang);

      await inbox.customer('Ken Watanabe').click();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
      await expect(banner).toHaveCount(0);
      await inbox.write(tr(lang, '北海道にも発送します。', 'We ship to Hokkaido too.'));
      await expect(inbox.message(tr(lang, '北海道にも発送します。', 'We ship to Hokkaido too.'))).toContainText(
        tr(lang, /配信済み|既読/, /Delivered|Read/),
      );
      await expectNoAxeViolations(page);
      await saveScreen(page, 'two-pages-ken-delivered', lang);
    });

    test(`disconnecting Sakura Outlet asks first, and leaves Ken's conversation working (${lang})`, async ({ page }) => {
      await scenario(page, 'installed_two_pages');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await page.getByRole('button', { name: tr(lang, 'Sakura Outlet の接続を解除', 'Disconnect Sakura Outlet') }).click();
      const dialog = page.getByRole('dialog', { name: tr(lang, 'Sakura Outlet の接続を解除しますか？', 'Disconnect Sakura Outlet?') });
      await expect(dialog).toContainText(tr(lang, 'ほかのページはそのまま使えます', 'The other Pages keep working'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'two-pages-disconnect-dialog', lang);
      await dialog.getByRole('button', { name: tr(lang, '接続を解除する', 'Disconnect'), exact: true }).click();
      await expect(page.getByRole('status')).toHaveText(tr(lang, 'Sakura Outlet の接続を解除しました。', 'Sakura Outlet was disconnected.'));
      await expect(page.getByRole('button', { name: /Sakura Outlet/ })).toHaveCount(0);
      // One Page left: it goes with Uninstall, not with a Disconnect of its own.
      await expect(page.getByRole('button', { name: tr(lang, 'Sakura Trading Official の接続を解除', 'Disconnect Sakura Trading Official') })).toHaveCount(0);

      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.customer('Hana Kato')).toHaveCount(0);
      await inbox.write('Thanks for waiting, Ken.');
      await expect(inbox.message('Thanks for waiting, Ken.')).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
    });

    test(`two Pages: the list can show one Page's conversations (${lang})`, async ({ page }) => {
      await scenario(page, 'installed_two_pages');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      const pages = page.getByRole('group', { name: tr(lang, 'ページ', 'Page') });
      const outlet = pages.getByRole('button', { name: 'Sakura Outlet' });
      await expect(pages.getByRole('button')).toHaveText(['Sakura Trading Official', 'Sakura Outlet']);
      await outlet.click();
      await expect(outlet).toHaveAttribute('aria-pressed', 'true');
      await expect(inbox.customer('Hana Kato')).toBeVisible();
      await expect(inbox.customer('Ken Watanabe')).toHaveCount(0);
      // With a filter too: Hana wrote last, so she awaits a reply.
      const awaiting = page.getByRole('button', { name: tr(lang, '返信待ち', 'Awaiting reply') });
      await awaiting.click();
      await expect(inbox.customer('Hana Kato')).toBeVisible();
      await awaiting.click();
      // Pressed again: every Page.
      await outlet.click();
      await expect(outlet).toHaveAttribute('aria-pressed', 'false');
      await expect(inbox.customer('Ken Watanabe')).toBeVisible();
      await expectNoAxeViolations(page);
    });
  });
}

test('one Page: conversations do not name it and there is no Page filter', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.customer('Ken Watanabe')).not.toContainText('Sakura Trading Official');
  await expect(page.getByRole('group', { name: 'Page' })).toHaveCount(0);
});
