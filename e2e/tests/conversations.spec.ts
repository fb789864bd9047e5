import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS, type Lang } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

for (const lang of LANGS) {
  test.describe(`conversations (${lang})`, () => {
    test.use({ lang });

    test('Ken: a reply goes sent, then delivered, then read', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      await expect(inbox.customer('Ken Watanabe')).toBeVisible();
      await expect(inbox.customer('Riku Yamamoto')).toContainText(tr(lang, '返信不可', 'Closed'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversations-list', lang);

      await inbox.customer('Ken Watanabe').click();
      await inbox.write('<b>Yes</b>, we ship to Hokkaido.');
      const mine = inbox.message('<b>Yes</b>, we ship to Hokkaido.');
      await expect(mine).toContainText(tr(lang, '配信済み', 'Delivered'));
      await expect(mine).toContainText(tr(lang, '既読', 'Read'));
      await expect(page.locator('.msg-thread b')).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-ken', lang);
    });

    test('Mina: a live countdown on server time', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('mina');
      await expect(page.getByText(tr(lang, /^あと 3 時間 5\d 分返信できます。$/, /^You can reply for 3 h 5\d min more\.$/))).toBeVisible();
      await expect(inbox.customer('Mina Kobayashi')).toContainText(tr(lang, 'まもなく終了', 'Closes soon'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-mina', lang);
    });

    test('Riku: locked, then reopened when he writes', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('riku');
      await expect(page.getByText(tr(lang, '返信期間が終了しました', 'The reply window has closed'))).toBeVisible();
      await expect(inbox.composer).toBeDisabled();
      const messenger = page.getByRole('link', { name: tr(lang, 'Facebook Messenger で返信', 'Answer in Facebook Messenger') });
      await expect(messenger).toBeVisible();
      // The clock's ticks do not rebuild the notice: focus on its link stays.
      await messenger.focus();
      await page.waitForTimeout(6_000);
      await expect(messenger).toBeFocused();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-riku-closed', lang);

      await page.request.post('/sim/inbound', { data: { customer: 'Riku Yamamoto', text: 'Is the teapot still there?' } });
      await expect(inbox.message('Is the teapot still there?')).toBeVisible();
      await expect(inbox.composer).toBeEnabled();
      await expect(page.getByText(tr(lang, /あと 6 日 23 時間 \d+ 分返信できます/, /You can reply for 6 d 23 h \d+ min more/))).toBeVisible();
      await expect(page.getByRole('status')).toHaveText(tr(lang, 'お客様から新しいメッセージが届きました。返信できます。', 'The customer wrote again: you can reply.'));
    });

    test('Sora: never delivered, with a hint after a while', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('sora');
      await inbox.write('Your refund is on its way.');
      const mine = inbox.message('Your refund is on its way.');
      await expect(mine).toContainText(tr(lang, '送信済み', 'Sent'));
      await expect(mine).not.toContainText(tr(lang, 'ブロックまたはミュート', 'blocked or muted'));
      // An hour later on the server's clock, still no receipt.
      await page.request.post('/sim/clock', { data: { advance_hours: 1.1 } });
      await expect(mine).toContainText(tr(lang, 'ブロックまたはミュート', 'blocked or muted'), { timeout: 30_000 });
      await expect(mine).not.toContainText(tr(lang, '配信済み', 'Delivered'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-sora', lang);
    });

    test('a restricted Page: the banner with the reason, date and appeal, and a locked composer', async ({ page }) => {
      await scenario(page, 'page_restricted');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      const banner = page.getByRole('alert').filter({ hasText: tr(lang, '制限されています', 'restricted this Page') });
      await expect(banner).toContainText('Messenger policy');
      await expect(banner).toContainText(tr(lang, '2026年11月20日', 'November 20, 2026'));
      await expect(banner.getByRole('link')).toHaveAttribute('href', /tab=support/);
      await expect(inbox.composer).toBeDisabled();
      await expect(inbox.countdown).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-restricted', lang);
    });

    test('token expired: the banner points to Reconnect, and after it replies go out again', async ({ page }) => {
      await scenario(page, 'installed_token_expired');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      const banner = page.getByRole('alert').filter({ hasText: tr(lang, '有効期限が切れています', 'connection has expired') });
      await expect(banner).toBeVisible();
      await expect(inbox.composer).toBeDisabled();
      await expect(inbox.countdown).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-token-expired', lang);

      await banner.getByRole('link', { name: tr(lang, 'メッセージング設定で再連携', 'Reconnect in Messaging settings') }).click();
      const settings = new SettingsPage(page, lang);
      await settings.heading.waitFor();
      await settings.reconnect.click();
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.expectStep(4);

      await inbox.open('ken');
      await expect(banner).toHaveCount(0);
      await expect(inbox.countdown).toBeVisible();
      await inbox.write('Reconnected, thanks for waiting.');
      await expect(inbox.message('Reconnected, thanks for waiting.')).toContainText(delivered(lang));
    });

    test('a permission removed on Facebook: the banner names it and links to grant only that', async ({ page }) => {
      await scenario(page, 'installed_permission_missing');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      const banner = page.getByRole('alert').filter({ hasText: tr(lang, '送信に必要な権限がありません', 'A permission the Page needs to send is missing') });
      await expect(banner).toContainText('pages_messaging');
      await expect(inbox.composer).toBeDisabled();
      await expect(inbox.countdown).toHaveCount(0);
      await expect(banner.getByRole('link', { name: tr(lang, '不足している権限を付与する', 'Grant missing permissions') })).toHaveAttribute('href', /purpose=rerequest&permissions=pages_messaging/);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-permission-missing', lang);
    });

    test('a refused message is not retried by itself: Retry and Delete are offered', async ({ page }) => {
      await scenario(page, 'installed');
      await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await inbox.write('Are you there?');
      const mine = inbox.message('Are you there?');
      await expect(mine).toContainText(tr(lang, '送信できませんでした', 'Not sent'));
      await expect(mine).toContainText(tr(lang, 'この方は現在メッセージを受け取れません。', 'This person can’t receive messages right now.'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-failed', lang);

      // A reply that comes after it goes below it: the refused message keeps its place.
      await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'Hello? Anyone?' } });
      await expect(inbox.message('Hello? Anyone?')).toBeVisible();
      const order = await page.locator('.msg-thread__messages .msg-bubble__text').allTextContents();
      expect(order.indexOf('Are you there?')).toBeLessThan(order.indexOf('Hello? Anyone?'));

      await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: true } });
      await mine.getByRole('button', { name: tr(lang, '再送', 'Retry') }).click();
      await expect(mine).toContainText(delivered(lang));

      await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
      await inbox.write('Second try');
      await inbox.message('Second try').getByRole('button', { name: tr(lang, '削除', 'Delete') }).click();
      await expect(inbox.message('Second try')).toHaveCount(0);
      await page.reload();
      await expect(inbox.message('Are you there?')).toBeVisible();
      await expect(inbox.message('Second try')).toHaveCount(0);
    });

    test('rate limited: shown as pending, not failed, and sent after Retry-After', async ({ page }) => {
      await page.clock.install();
      await scenario(page, 'installed');
      await page.request.post('/sim/rate-limit', { data: { sends_per_minute: 1 } });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await inbox.write('first');
      await expect(inbox.message('first')).toContainText(delivered(lang));
      await inbox.write('second');
      const second = inbox.message('second');
      await expect(second).toContainText(tr(lang, 'Facebook の送信制限中・まもなく送信します', 'Facebook asked us to slow down; sending shortly'));
      // Not refused, so no Retry; like any message waiting to go out, it can be deleted.
      await expect(second.getByRole('button')).toHaveText([tr(lang, '削除', 'Delete')]);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-rate-limited', lang);

      // Facebook's minute passes: the app waits out Retry-After, then sends it once.
      await page.request.post('/sim/rate-limit', { data: { sends_per_minute: 120 } });
      await page.clock.fastForward(61_000);
      await expect(second).toContainText(delivered(lang));
      expect(await countOnServer(page, 'second')).toBe(1);
    });

    test('offline: three messages wait, survive a reload, and each arrives exactly once', async ({ page, context }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.composer).toBeEnabled();
      await context.setOffline(true);
      const offline = tr(lang, 'オフラインです。接続が戻るとメッセージを送信します。', 'You are offline. Messages will be sent when you are back.');
      await expect(page.locator('main').getByText(offline)).toBeVisible();
      await expect(page.getByRole('status')).toHaveText(offline);
      for (const n of [1, 2, 3]) await inbox.write(`offline ${n}`);
      await expect(inbox.message('offline 3')).toContainText(tr(lang, '送信待ち', 'Waiting to send'));
      await inbox.composer.fill('an unsent draft');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-offline', lang);

      // Reload while the API is still unreachable: the queue and the draft come back from storage.
      await page.route('**/api/conversations/*/messages', (route) => route.abort());
      await context.setOffline(false);
      await page.reload();
      await expect(inbox.message('offline 1')).toBeVisible();
      await expect(inbox.composer).toHaveValue('an unsent draft');
      await page.unroute('**/api/conversations/*/messages');

      for (const n of [1, 2, 3]) await expect(inbox.message(`offline ${n}`)).toContainText(delivered(lang), { timeout: 30_000 });
      for (const n of [1, 2, 3]) expect(await countOnServer(page, `offline ${n}`)).toBe(1);
    });

    test('faults: 30 messages through a failing server each arrive exactly once, in order', async ({ page }) => {
      test.setTimeout(240_000);
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.composer).toBeEnabled();
      await page.request.post('/sim/faults', { data: { rate: 0.3, kinds: ['http_500', 'http_503', 'drop', 'malformed_json'], seed: 7 } });
      for (let n = 1; n <= 30; n++) await inbox.write(`fault ${n}`);
      // axe runs while the next send is held, so no bubble is rebuilt under it: a row replaced
      // mid-scan measures 0 px and reads as a target-size violation that no user sees.
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let caught = () => {};
      const holding = new Promise<void>((resolve) => (caught = resolve));
      await page.route('**/api/conversations/*/messages', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        caught();
        await held;
        await route.fallback();
      });
      await holding;
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-faults', lang);
      release();
      await page.unroute('**/api/conversations/*/messages');
      for (let n = 1; n <= 30; n++) await expect(inbox.message(`fault ${n}`)).toContainText(delivered(lang), { timeout: 120_000 });
      await page.request.post('/sim/faults', { data: { rate: 0 } });
      const texts = await serverTexts(page);
      const order = texts.filter((t) => t.startsWith('fault '));
      expect(order, 'each once, in the order written').toEqual(Array.from({ length: 30 }, (_, i) => `fault ${i + 1}`));
    });
  });
}

const delivered = (lang: Lang) => tr(lang, /配信済み|既読/, /Delivered|Read/);

/** Ken's messages as the server holds them, oldest first. */
async function serverTexts(page: Page): Promise<string[]> {
  const res = await page.request.get('/api/conversations/ken?limit=1000');
  const { messages } = await res.json();
  return messages.map((m: { text: string }) => m.text);
}

const countOnServer = async (page: Page, text: string) => (await serverTexts(page)).filter((t) => t === text).length;

test('typing is not interrupted when a message or receipt arrives', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.composer).toBeEnabled();
  await inbox.composer.click();
  await page.keyboard.type('Half a sen');
  await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'Also, gift wrapping?' } });
  await expect(inbox.message('Also, gift wrapping?')).toBeVisible();
  await page.keyboard.type('tence');
  await expect(inbox.composer).toBeFocused();
  await expect(inbox.composer).toHaveValue('Half a sentence');
});

test('moving between conversations keeps one inbox: the list loads once', async ({ page }) => {
  await scenario(page, 'installed');
  let listLoads = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/conversations') listLoads++;
  });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open();
  await expect(page.getByText('Choose a conversation on the left.')).toBeVisible();
  for (const name of ['Ken Watanabe', 'Sora Ito', 'Mina Kobayashi']) {
    await inbox.customer(name).click();
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2, name: 'Sora Ito' })).toBeVisible();
  expect(listLoads).toBe(1);
});

test('a conversation that fails to load offers Try again', async ({ page }) => {
  await scenario(page, 'installed');
  await page.route('**/api/conversations/ken*', (route) => route.abort());
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const alert = page.getByRole('alert').filter({ hasText: 'The conversation could not be loaded.' });
  await expect(alert).toBeVisible();
  await page.unroute('**/api/conversations/ken*');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('two tabs: a message queued in a tab that closes is sent by the other, and nothing twice', async ({ page, context }) => {
  await scenario(page, 'installed');
  const first = new ConversationsPage(page, 'en');
  const second = new ConversationsPage(await context.newPage(), 'en');
  for (const tab of [first, second]) {
    await tab.open('ken');
    await expect(tab.composer).toBeEnabled();
  }
  await context.setOffline(true);
  await first.write('from the first tab');
  await second.write('from the second tab');
  await first.write('the first tab again');
  await expect(second.message('the first tab again')).toContainText('Waiting to send');
  await page.close();
  await context.setOffline(false);
  for (const text of ['from the first tab', 'from the second tab', 'the first tab again']) {
    await expect(second.message(text)).toContainText(/Delivered|Read/, { timeout: 30_000 });
  }

  // Both tabs online: each may pick up the other's messages; the server keeps one of each.
  const third = new ConversationsPage(await context.newPage(), 'en');
  await third.open('ken');
  for (const n of [1, 2, 3, 4, 5]) await third.write(`both online ${n}`);
  for (const n of [1, 2, 3, 4, 5]) {
    for (const tab of [second, third]) await expect(tab.message(`both online ${n}`)).toContainText(/Delivered|Read/);
  }
  const texts = await serverTexts(third.page);
  for (const text of ['from the first tab', 'from the second tab', 'the first tab again', ...[1, 2, 3, 4, 5].map((n) => `both online ${n}`)]) {
    expect(texts.filter((t) => t === text), text).toHaveLength(1);
  }
});

test('a reconnect in another tab unlocks this one without a reload', async ({ page, context }) => {
  await scenario(page, 'installed_token_expired');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const banner = page.getByRole('alert').filter({ hasText: 'connection has expired' });
  await expect(banner).toBeVisible();
  await expect(inbox.composer).toBeDisabled();

  const other = await context.newPage();
  const settings = new SettingsPage(other, 'en');
  await settings.open();
  await settings.reconnect.click();
  const wizard = new WizardPage(other, 'en');
  const dialog = await wizard.openFacebook();
  await dialog.continue();
  await wizard.expectStep(4);

  // The server's "integration changed" event: this tab fetches the Page's health again.
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
  await expect(inbox.composer).toBeEnabled();
});

test('the composer stays put while a message is added and then refused', async ({ page }) => {
  // A Send button that moves between aiming and clicking sends nothing (a click that CI once made).
  await scenario(page, 'installed');
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.composer).toBeEnabled();
  const before = await inbox.send.boundingBox();
  await inbox.write('Refused here');
  const refused = inbox.message('Refused here');
  await expect(refused).toContainText('Not sent');
  await expect(refused.getByRole('button', { name: 'Delete' })).toBeVisible();
  expect(await inbox.send.boundingBox()).toEqual(before);
});

test('a message refused on another device can be retried or deleted here', async ({ page, browser, baseURL }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
  // Another browser: its outbox is not shared, so only the server's failed copies come here.
  const device = await browser.newContext({ baseURL, locale: 'en-US' });
  const other = new ConversationsPage(await device.newPage(), 'en');
  await other.open('ken');
  await other.write('Refused over there');
  await other.write('Refused and unwanted');
  await expect(other.message('Refused and unwanted')).toContainText('Not sent');
  await device.close();

  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const refused = inbox.message('Refused over there');
  await expect(refused).toContainText('Not sent');
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: true } });
  await refused.getByRole('button', { name: 'Retry' }).click();
  await expect(refused).toContainText(/Delivered|Read/);
  await expect(inbox.composer).toBeFocused();

  await inbox.message('Refused and unwanted').getByRole('button', { name: 'Delete' }).click();
  await expect(inbox.message('Refused and unwanted')).toHaveCount(0);
  await page.reload();
  await expect(inbox.message('Refused and unwanted')).toHaveCount(0);
  expect((await serverTexts(page)).filter((t) => t === 'Refused over there')).toHaveLength(1);
});
