import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Page } from '@playwright/test';
import { ConversationsPage } from '../pages/conversations';

// What Facebook posts to the app's webhook (`/sim/facebook/webhook`, Facebook's own shapes)
// reaches the open screen the way a real backend would learn it.
const PAGE_ID = 'p-sakura-official';
const notify = (page: Page, messaging: object) =>
  page.request.post('/sim/facebook/webhook', { data: { object: 'page', entry: [{ id: PAGE_ID, time: Date.now(), messaging: [messaging] }] } });

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`Facebook restricts the Page while a conversation is open, then lifts it (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.composer).toBeEnabled();
      await notify(page, {
        recipient: { id: PAGE_ID },
        timestamp: Date.UTC(2026, 10, 24, 3),
        'policy-enforcement': { action: 'block', reason: 'Spam reported by people who received messages' },
      });
      const banner = page.getByRole('alert').filter({ hasText: tr(lang, '制限されています', 'restricted this Page') });
      await expect(banner).toContainText('Spam reported by people who received messages');
      await expect(banner).toContainText(tr(lang, '2026年11月24日', 'November 24, 2026'));
      await expect(inbox.composer).toBeDisabled();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-restricted-by-webhook', lang);

      await notify(page, { recipient: { id: PAGE_ID }, timestamp: Date.now(), 'policy-enforcement': { action: 'unblock' } });
      await expect(banner).toHaveCount(0);
      await expect(inbox.composer).toBeEnabled();
    });

    test(`a delivery and a read receipt from Facebook's webhook (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      // Sora blocked the Page, so the simulated Facebook sends no receipt by itself.
      await inbox.open('sora');
      await inbox.write('Did the refund arrive?');
      const mine = inbox.message('Did the refund arrive?');
      await expect(mine).toContainText(tr(lang, '送信済み', 'Sent'));
      const sora = await (await page.request.get('/api/conversations/sora')).json();
      const sent = sora.messages.find((m: { text: string }) => m.text === 'Did the refund arrive?');

      await notify(page, { sender: { id: 'cust-sora' }, recipient: { id: PAGE_ID }, delivery: { mids: [sent.id], watermark: sent.created_at } });
      await expect(mine).toContainText(tr(lang, '配信済み', 'Delivered'));
      await notify(page, { sender: { id: 'cust-sora' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), read: { watermark: sent.created_at } });
      await expect(mine).toContainText(tr(lang, '既読', 'Read'));
      await expectNoAxeViolations(page);
    });

    test(`a customer's reaction and edit from Facebook's webhook (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      // A thread longer than its view, so reading older messages is far from the end.
      await page.request.post('/sim/long-thread', { data: { customer: 'Ken Watanabe', messages: 30 } });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await notify(page, {
        sender: { id: 'cust-ken' }, recipient: { id: PAGE_ID }, timestamp: Date.now(),
        message: { mid: 'm_ken_4pm', text: 'See you at 4' },
      });
      await expect(inbox.message('See you at 4')).toBeVisible();
      await notify(page, {
        sender: { id: 'cust-ken' }, recipient: { id: PAGE_ID }, timestamp: Date.now(),
        message_edit: { mid: 'm_ken_4pm', text: 'See you at 5', num_edit: 1 },
      });
      const edited = inbox.message('See you at 5');
      await expect(edited).toContainText(tr(lang, '編集済み', 'Edited'));
      await expect(inbox.message('See you at 4')).toHaveCount(0);

      // A reaction to the agent's answer: the Facebook mid of our own message is its id.
      await inbox.write('Your order ships today.');
      const answer = inbox.message('Your order ships today.');
      await expect(answer).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      const ken = await (await page.request.get('/api/conversations/ken')).json();
      const sent = ken.messages.find((m: { text: string }) => m.text === 'Your order ships today.');
      await notify(page, {
        sender: { id: 'cust-ken' }, recipient: { id: PAGE_ID }, timestamp: Date.now(),
        reaction: { mid: sent.id, action: 'react', reaction: 'love', emoji: '❤️' },
      });
      const reacted = tr(lang, 'Ken Watanabe さんが ❤️ でリアクションしました', 'Ken Watanabe reacted ❤️');
      await expect(answer.getByRole('img', { name: reacted })).toBeVisible();
      // The last bubble grew while the agent was reading the end: the end stays in view.
      await expect(answer.getByRole('img', { name: reacted })).toBeInViewport();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-reaction-and-edit', lang);

      await notify(page, { sender: { id: 'cust-ken' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), reaction: { mid: sent.id, action: 'unreact' } });
      await expect(answer.getByRole('img', { name: reacted })).toHaveCount(0);

      // Reading older messages is not interrupted by a reaction to the last one.
      const thread = page.locator('.msg-thread__messages');
      await thread.evaluate((el) => (el.scrollTop = 0));
      await notify(page, { sender: { id: 'cust-ken' }, recipient: { id: PAGE_ID }, timestamp: Date.now(), reaction: { mid: sent.id, action: 'react', emoji: '👍' } });
      await expect(answer.getByRole('img', { name: /👍/ })).toHaveCount(1);
      expect(await thread.evaluate((el) => el.scrollTop)).toBe(0);
    });
  });
}
