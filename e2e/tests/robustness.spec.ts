import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

// Whatever the server does, the app ends on a translated screen that says what happened
// and offers a way forward; once the server is well again, that way forward works.
const faults = [
  { kind: 'http_500', ja: 'サーバーで問題が発生しました', en: 'The server ran into a problem', action: ['もう一度試す', 'Try again'] },
  { kind: 'malformed_json', ja: 'サーバーからの応答を読み取れませんでした', en: 'The server sent an answer this app cannot read', action: ['再読み込み', 'Reload'] },
  { kind: 'drop', ja: 'サーバーに接続できませんでした', en: 'The server could not be reached', action: ['もう一度試す', 'Try again'] },
  { kind: 'timeout', ja: 'サーバーの応答に時間がかかりすぎました', en: 'The server took too long to answer', action: ['もう一度試す', 'Try again'] },
];

for (const lang of LANGS) {
  test.describe(`a failing server (${lang})`, () => {
    test.use({ lang });

    for (const f of faults) {
      test(`${f.kind}: a screen that names it, and a way forward`, async ({ page }) => {
        test.setTimeout(90_000);
        await scenario(page, 'installed');
        await page.request.post('/sim/faults', { data: { rate: 1, kinds: [f.kind] } });
        await page.goto('/settings/messaging');
        const alert = page.getByRole('alert').filter({ hasText: tr(lang, f.ja, f.en) });
        await expect(alert).toBeVisible({ timeout: 30_000 });
        await expectNoAxeViolations(page);
        await saveScreen(page, `error-${f.kind.replace('_', '-')}`, lang);

        await page.request.post('/sim/faults', { data: { rate: 0 } });
        await page.getByRole('button', { name: tr(lang, f.action[0], f.action[1]), exact: true }).click();
        await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
        await expect(alert).toHaveCount(0);
      });
    }

    test('values this app does not know yet are shown as unknown, not as a crash', async ({ page }) => {
      await scenario(page, 'installed');
      await page.route('**/api/integrations/facebook', async (route) => {
        const body = await (await route.fetch()).json();
        body.visibility = 'team_only';
        body.pages[0].health = { status: 'quarantined', since: 1 };
        await route.fulfill({ json: body });
      });
      await page.route('**/api/conversations/ken*', async (route) => {
        const body = await (await route.fetch()).json();
        body.messages[1].status = { state: 'bounced_by_carrier', at: 5 };
        await route.fulfill({ json: body });
      });
      await page.goto('/settings/messaging');
      await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
      await expect(page.getByText(tr(lang, 'このアプリが認識できない状態です', 'This app does not know this status yet'), { exact: false })).toBeVisible();
      await expect(page.getByText(tr(lang, 'このアプリが認識できない公開範囲', 'The CRM reports a visibility this app does not know'))).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-unknown-values', lang);

      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.message('Hi Ken, it comes out next Monday. Shall I send it to you?')).toContainText(tr(lang, '不明な状態', 'Unknown status'));
      await expect(inbox.composer).toBeEnabled();
    });
  });
}
