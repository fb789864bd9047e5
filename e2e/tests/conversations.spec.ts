import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

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
      await expect(page.getByRole('link', { name: tr(lang, 'Facebook Messenger で返信', 'Answer in Facebook Messenger') })).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-riku-closed', lang);

      await page.request.post('/sim/inbound', { data: { customer: 'Riku Yamamoto', text: 'Is the teapot still there?' } });
      await expect(inbox.message('Is the teapot still there?')).toBeVisible();
      await expect(inbox.composer).toBeEnabled();
      await expect(page.getByText(tr(lang, /あと 6 日 23 時間 \d+ 分返信できます/, /You can reply for 6 d 23 h \d+ min more/))).toBeVisible();
    });

    test('Sora: never delivered, with a hint after a while', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('sora');
      await inbox.write('Your refund is on its way.');
      const mine = inbox.message('Your refund is on its way.');
      await expect(mine).toContainText(tr(lang, '送信済み', 'Sent'));
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
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-restricted', lang);
    });
  });
}

test('a refused message is not retried by itself: Retry and Delete are offered', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await inbox.write('Are you there?');
  const mine = inbox.message('Are you there?');
  await expect(mine).toContainText('Not sent');
  await expect(mine).toContainText("This person can’t receive messages right now.");
  await expectNoAxeViolations(page);
  await saveScreen(page, 'conversation-failed', 'en');

  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: true } });
  await mine.getByRole('button', { name: 'Retry' }).click();
  await expect(mine).toContainText(/Delivered|Read/);

  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
  await inbox.write('Second try');
  await inbox.message('Second try').getByRole('button', { name: 'Delete' }).click();
  await expect(inbox.message('Second try')).toHaveCount(0);
  await page.reload();
  await expect(inbox.message('Are you there?')).toBeVisible();
  await expect(inbox.message('Second try')).toHaveCount(0);
});

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

test('a conversation that fails to load offers Retry', async ({ page }) => {
  await scenario(page, 'installed');
  await page.route('**/api/conversations/ken*', (route) => route.abort());
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const alert = page.getByRole('alert').filter({ hasText: 'The conversation could not be loaded.' });
  await expect(alert).toBeVisible();
  await page.unroute('**/api/conversations/ken*');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  await expect(alert).toHaveCount(0);
});

test('offline: three messages wait, survive a reload, and each arrives exactly once', async ({ page, context }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.composer).toBeEnabled();
  await context.setOffline(true);
  const offline = 'You are offline. Messages will be sent when you are back.';
  await expect(page.locator('main').getByText(offline)).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(offline);
  for (const n of [1, 2, 3]) await inbox.write(`offline ${n}`);
  await expect(inbox.message('offline 3')).toContainText('Waiting to send');
  await inbox.composer.fill('an unsent draft');
  await saveScreen(page, 'conversation-offline', 'en');

  // Reload while the API is still unreachable: the queue and the draft come back from storage.
  await page.route('**/api/conversations/*/messages', (route) => route.abort());
  await context.setOffline(false);
  await page.reload();
  await expect(inbox.message('offline 1')).toBeVisible();
  await expect(inbox.composer).toHaveValue('an unsent draft');
  await page.unroute('**/api/conversations/*/messages');

  for (const n of [1, 2, 3]) await expect(inbox.message(`offline ${n}`)).toContainText('Delivered', { timeout: 30_000 });
  const res = await page.request.get('/api/conversations/ken?limit=1000');
  const { messages } = await res.json();
  for (const n of [1, 2, 3]) expect(messages.filter((m: { text: string }) => m.text === `offline ${n}`)).toHaveLength(1);
});

test('faults: 30 messages through a failing server each arrive exactly once, in order', async ({ page }) => {
  test.setTimeout(240_000);
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.composer).toBeEnabled();
  await page.request.post('/sim/faults', { data: { rate: 0.3, kinds: ['http_500', 'http_503', 'drop', 'malformed_json'], seed: 7 } });
  for (let n = 1; n <= 30; n++) await inbox.write(`fault ${n}`);
  for (let n = 1; n <= 30; n++) await expect(inbox.message(`fault ${n}`)).toContainText(/Delivered|Read/, { timeout: 120_000 });
  await page.request.post('/sim/faults', { data: { rate: 0 } });
  const res = await page.request.get('/api/conversations/ken?limit=1000');
  const { messages } = await res.json();
  for (let n = 1; n <= 30; n++) expect(messages.filter((m: { text: string }) => m.text === `fault ${n}`)).toHaveLength(1);
  const order = messages.map((m: { text: string }) => m.text).filter((t: string) => t.startsWith('fault '));
  expect(order, 'in the order they were written').toEqual(Array.from({ length: 30 }, (_, i) => `fault ${i + 1}`));
});
