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
  });
}
