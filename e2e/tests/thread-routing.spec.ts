import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, holdRequests, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';
import { SettingsPage } from '../pages/settings';

// Meta's Conversation Routing decides which app answers a thread. When another app (ShopBot)
// owns it, our sends are refused: the thread says who answers and offers Take over. A Page
// whose default app is another one, or whose webhook subscription was dropped, is found by the
// troubleshooter, with the fix as something to click.

const OFFICIAL = 'Sakura Trading Official';

async function csrf(page: Page) {
  return (await (await page.request.get('/api/me')).json()).csrf_token as string;
}

/** The troubleshooter's row for one check. */
/** Runs the checks, and clicks Subscribe again on the delivery check that needs attention. */
async function subscribeAgainDuringTheRun(page: Page) {
  const settings = new SettingsPage(page, 'en');
  await settings.open();
  await settings.checkConnection.click();
  const webhook = check(page, 'New messages are delivered to the CRM');
  await expect(webhook).toContainText('Needs attention');
  await webhook.getByRole('button', { name: 'Subscribe again' }).click();
  return { settings, webhook };
}

function check(page: Page, name: string) {
  return page.locator('#msg-troubleshooter').getByRole('listitem').filter({ hasText: name });
}

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`ShopBot answers the thread: Take over, reply, Hand back (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await page.request.post('/sim/thread-owner', { data: { customer: 'Ken Watanabe', app: 'ShopBot' } });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      const owned = page.getByText(tr(lang, 'ShopBot がこの会話に対応しています', 'ShopBot is answering this conversation'));
      await expect(owned).toBeVisible();
      await expect(inbox.composer).toBeDisabled();
      await expect(page.getByText(tr(lang, '返信するには会話を引き継いでください', 'Take the conversation over to reply'))).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-owned-by-shopbot', lang);

      await page.getByRole('button', { name: tr(lang, '引き継ぐ', 'Take over') }).click();
      await expect(owned).toHaveCount(0);
      await expect(page.getByText(tr(lang, 'この会話は ShopBot から引き継ぎました。', 'You took this conversation over from ShopBot.'))).toBeVisible();
      await expect(inbox.composer).toBeEnabled();
      await inbox.write('Hello Ken, a person here.');
      await expect(inbox.message('Hello Ken, a person here.')).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      await expectNoAxeViolations(page);

      await page.getByRole('button', { name: tr(lang, 'ShopBot に戻す', 'Hand back to ShopBot') }).click();
      await expect(owned).toBeVisible();
      await expect(inbox.composer).toBeDisabled();
    });

    test(`a send to a thread ShopBot owns fails with ShopBot named, and goes after Take over (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await page.request.post('/sim/thread-owner', { data: { customer: 'Ken Watanabe', app: 'ShopBot' } });
      // As another tab that had not heard yet would send it.
      const res = await page.request.post('/api/conversations/ken/messages', {
        headers: { 'X-CSRF-Token': await csrf(page) },
        data: { client_message_id: 'c-before-take-over', text: 'Sent before taking over' },
      });
      expect(res.status()).toBe(409);
      const body = await res.json();
      expect(body.error.code).toBe('thread_owned_by_other_app');
      expect(body.error.details.app.name).toBe('ShopBot');

      const refused = inbox.message('Sent before taking over');
      await expect(refused).toContainText(tr(lang, '別のアプリがこの会話に対応しています', 'Another app is answering this conversation'));
      await expectNoAxeViolations(page);
      await page.getByRole('button', { name: tr(lang, '引き継ぐ', 'Take over') }).click();
      await refused.getByRole('button', { name: tr(lang, '再送', 'Retry') }).click();
      await expect(refused).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
    });

    test(`the troubleshooter names the Page's default app in Conversation Routing (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await page.request.post('/sim/default-app', { data: { page: OFFICIAL, app: 'ShopBot' } });
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.checkConnection.click();
      const routing = check(page, tr(lang, 'このアプリがページの会話を受け取っている', "This app receives the Page's conversations"));
      await expect(routing).toContainText(tr(lang, '要対応', 'Needs attention'));
      await expect(routing).toContainText('ShopBot');
      await expect(routing).toContainText(tr(lang, '会話ルーティング', 'Conversation routing'));
      await expect(routing.getByRole('link', { name: tr(lang, 'Meta Business Suite を開く', 'Open Meta Business Suite') })).toHaveAttribute('href', /business\.facebook\.com/);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-troubleshooter-routing', lang);
    });

    test(`messages stop arriving: the troubleshooter finds the dropped subscription, and Subscribe again brings them back (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, /^最後のメッセージ: /, /^Last message /))).toBeVisible();
      await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
      const lost = await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'Lost in the void' } });
      expect(lost.status()).toBe(202);

      await settings.checkConnection.click();
      const webhook = check(page, tr(lang, '新着メッセージが CRM に届く設定', 'New messages are delivered to the CRM'));
      await expect(webhook).toContainText(tr(lang, '要対応', 'Needs attention'));
      await expect(webhook).toContainText('messaging_handovers');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-troubleshooter-unsubscribed', lang);
      // The run has ended and said so; then the fix.
      await expect(page.getByRole('status')).toHaveText(tr(lang, '対処が必要な項目があります。', 'Some checks need attention.'));
      await webhook.getByRole('button', { name: tr(lang, '再登録する', 'Subscribe again') }).click();
      await expect(webhook).toContainText(tr(lang, '問題なし', 'Passed'));
      await expect(page.getByRole('status')).toHaveText(tr(lang, '再登録しました。新着メッセージが CRM に届きます。', 'Subscribed again. New messages reach the CRM.'));

      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.message('Lost in the void')).toHaveCount(0);
      await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'Can you hear me now?' } });
      await expect(inbox.message('Can you hear me now?')).toBeVisible();
    });
  });
}

test('the rest of the run leaves the row with Subscribe again alone: the focus stays on the button', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
  // The run stops after the delivery check until released: the agent is on its fix meanwhile.
  const release = await holdRequests(page, '**/diagnostics/receives_conversations*');
  const settings = new SettingsPage(page, 'en');
  await settings.open();
  await settings.checkConnection.click();
  const webhook = check(page, 'New messages are delivered to the CRM');
  await expect(webhook).toContainText('Needs attention');
  const fix = webhook.getByRole('button', { name: 'Subscribe again' });
  await fix.focus();
  release();
  await expect(check(page, 'The Page is not restricted')).toContainText(/Passed|Needs attention|Skipped/);
  await expect(fix).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(webhook).toContainText('Passed');
});

test('Subscribe again stays busy while the rest of the run goes on: one request, and the row waits for it', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
  let posts = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/subscription')) posts++;
  });
  const releaseChecks = await holdRequests(page, '**/diagnostics/receives_conversations*');
  const releaseSubscribe = await holdRequests(page, '**/subscription');
  const settings = new SettingsPage(page, 'en');
  await settings.open();
  await settings.checkConnection.click();
  const webhook = check(page, 'New messages are delivered to the CRM');
  await webhook.getByRole('button', { name: 'Subscribe again' }).click();
  const busy = webhook.getByRole('button', { name: 'Subscribing…' });
  await expect(busy).toBeDisabled();
  // The other checks come in while the subscription is on its way.
  releaseChecks();
  await expect(check(page, 'The Page is not restricted')).toContainText(/Passed|Needs attention|Skipped/);
  await expect(busy).toBeDisabled();
  releaseSubscribe();
  await expect(webhook).toContainText('Passed');
  expect(posts).toBe(1);
});

test('a regular agent sees the dropped subscription but is not offered Subscribe again', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
  await page.request.post('/sim/current-user', { data: { name: 'Yui Suzuki' } });
  const settings = new SettingsPage(page, 'en');
  await settings.open();
  await settings.checkConnection.click();
  const webhook = check(page, 'New messages are delivered to the CRM');
  await expect(webhook).toContainText('Needs attention');
  await expect(webhook.getByRole('button', { name: 'Subscribe again' })).toHaveCount(0);
});

test('Subscribe again while the other checks still run: the run ends saying all passed, not the failure it fixed', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
  // The checks after the subscription's wait until the fix is done.
  const release = await holdRequests(page, '**/api/integrations/facebook/diagnostics/receives_conversations*');
  const { webhook } = await subscribeAgainDuringTheRun(page);
  await expect(webhook).toContainText('Passed');
  await expect(page.getByRole('status')).toHaveText('Subscribed again. New messages reach the CRM.');
  release();
  await expect(page.getByRole('status')).toHaveText('All checks passed.');
});

test('Subscribe again answered after the run moved on: no crash, and the run still ends', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/webhook-subscription', { data: { page: OFFICIAL, subscribed: false } });
  const nextCheck = await holdRequests(page, '**/api/integrations/facebook/diagnostics/receives_conversations*');
  const answer = await holdRequests(page, '**/api/integrations/facebook/pages/*/subscription');
  const { settings, webhook } = await subscribeAgainDuringTheRun(page);
  // The run goes on (its rows are drawn anew) while the subscription's answer is on its way.
  nextCheck();
  await expect(page.getByRole('status')).toHaveText(/^(All checks passed|Some checks need attention)\.$/);
  answer();
  await expect(page.getByRole('status')).toHaveText('Subscribed again. New messages reach the CRM.');
  await expect(page.getByRole('heading', { name: 'Something went wrong in Messaging' })).toHaveCount(0);
  await expect(settings.checkConnection).toBeEnabled();
});
