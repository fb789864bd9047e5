import { test, expect, expectNoAxeViolations, saveScreen, LANGS } from '../fixtures';

const PAGES = [
  { name: 'shell-settings', path: '/settings/messaging', heading: { ja: 'メッセージング設定', en: 'Messaging settings' } },
  { name: 'shell-wizard', path: '/settings/messaging/facebook/connect', heading: { ja: 'Facebook Messenger を連携', en: 'Connect Facebook Messenger' } },
  { name: 'shell-conversations', path: '/messaging', heading: { ja: '会話', en: 'Conversations' } },
  { name: 'shell-not-found', path: '/no/such/page', heading: { ja: 'ページが見つかりません', en: 'Page not found' } },
];

for (const lang of LANGS) {
  test.describe(`app shell (${lang})`, () => {
    test.use({ lang });

    for (const p of PAGES) {
      test(`${p.path} renders in the browser's language and passes axe`, async ({ page }) => {
        await page.goto(p.path);
        await expect(page.getByRole('heading', { level: 1, name: p.heading[lang] })).toBeVisible();
        await expect(page.locator('.msg-app')).toHaveAttribute('lang', lang);
        await expect(page.getByRole('status')).toBeAttached();
        await expectNoAxeViolations(page);
        await saveScreen(page, p.name, lang);
      });
    }
  });
}

test('the language switch works by keyboard alone and is remembered', async ({ page }) => {
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();

  const japanese = page.getByRole('button', { name: '日本語' });
  for (let i = 0; i < 10 && !(await japanese.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(japanese).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'メッセージング設定' })).toBeVisible();
  await expect(japanese).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('status')).toHaveText('表示言語を日本語に切り替えました。');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'メッセージング設定' })).toBeVisible();
});

test('the root address leads to Messaging settings', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/settings\/messaging$/);
});
