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

// The app's own files: before any wasm runs, the loader says what went wrong and offers the fix.
const couldNotLoad = (lang: 'ja' | 'en') => tr(lang, 'メッセージングを読み込めませんでした', 'Messaging could not be loaded');

for (const lang of LANGS) {
  test.describe(`the app's own download fails (${lang})`, () => {
    test.use({ lang });

    test('a dropped download of the part says so, and Try again loads it', async ({ page }) => {
      await scenario(page, 'installed');
      await page.addInitScript(() => {
        (window as any).__errors = [];
        document.addEventListener('messenger:error', (e) => (window as any).__errors.push((e as CustomEvent).detail.code));
      });
      let asked = 0;
      await page.route(/_bg\.wasm$/, (route) => (asked++ === 0 ? route.abort('connectionreset') : route.fallback()));
      await page.goto('/settings/messaging');
      const alert = page.getByRole('alert').filter({ hasText: couldNotLoad(lang) });
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(tr(lang, 'インターネット接続を確認してから', 'Check your internet connection'));
      await expect(page.getByText(tr(lang, '読み込み中…', 'Loading…'))).toHaveCount(0);
      expect(await page.evaluate(() => (window as any).__errors)).toEqual(['load_failed']);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'error-load-failed', lang);

      await page.getByRole('button', { name: tr(lang, 'もう一度試す', 'Try again'), exact: true }).click();
      await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
      await expect(alert).toHaveCount(0);
      expect(asked).toBe(2);
    });
  });
}

test('a part that is not the file we built never runs: the element says it could not be loaded', async ({ page }) => {
  await scenario(page, 'installed');
  await page.route(/_bg\.wasm$/, async (route) => {
    const body = await (await route.fetch()).body();
    // One bit off, in the last byte (its target_features section): a wasm that would still compile.
    body[body.length - 1] ^= 1;
    await route.fulfill({ status: 200, contentType: 'application/wasm', body });
  });
  await page.goto('/settings/messaging');
  await expect(page.getByRole('alert').filter({ hasText: couldNotLoad('en') })).toBeVisible();
  await page.waitForTimeout(300);
  await expect(page.getByText('Sakura Trading Official')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Messaging settings' })).toHaveCount(0);
});

test('the other part, dropped on the way there, says so in place; Try again opens it at the same address', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
  let asked = 0;
  await page.route(/msg-conversations-[0-9a-f]+_bg\.wasm$/, (route) => (asked++ === 0 ? route.abort('connectionreset') : route.fallback()));
  await page.getByRole('link', { name: 'Conversations' }).click();
  await expect(page.getByRole('alert').filter({ hasText: couldNotLoad('en') })).toBeVisible();
  await expect(page).toHaveURL(/\/messaging$/);
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: couldNotLoad('en') })).toHaveCount(0);
  expect(asked).toBe(2);
});
