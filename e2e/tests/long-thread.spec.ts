import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

// A thread opens with its newest 50 messages (src/api/conversations.rs, NEWEST_PAGE), so a long
// one opens as fast as a short one; "Show earlier messages" adds the 200 before, a page at a time.
for (const lang of LANGS) {
  test.describe(lang, () => {
  test.use({ lang });
  test(`a 300-message thread opens at its newest 50, and shows earlier ones page by page (${lang})`, async ({ page }) => {
    await scenario(page, 'installed');
    await page.request.post('/sim/long-thread', { data: { customer: 'Ken Watanabe', messages: 300 } });
    const inbox = new ConversationsPage(page, lang);
    const thread = page.getByRole('list', { name: 'Ken Watanabe' });
    const earlier = page.getByRole('button', { name: tr(lang, '以前のメッセージを表示', 'Show earlier messages') });
    // The oldest message shown, and the one just before it, which is not.
    const startsAt = async (count: number) => {
      await expect(inbox.message(all[all.length - count])).toHaveCount(1);
      await expect(thread.getByText(all[all.length - count - 1], { exact: true })).toHaveCount(0);
    };

    await inbox.open('ken');
    // Signed in now: the whole thread, to know which message is where.
    const all: string[] = (await (await page.request.get('/api/conversations/ken?limit=1000')).json()).messages.map(
      (m: { text: string }) => m.text,
    );
    expect(all.length).toBeGreaterThan(300);
    await expect(inbox.message(all[all.length - 1])).toBeInViewport();
    await startsAt(50);
    await expectNoAxeViolations(page);
    await saveScreen(page, 'conversation-long-thread', lang);

    await earlier.click();
    await startsAt(250);
    // What the agent was reading stays where it was.
    await expect(inbox.message(all[all.length - 1])).toBeInViewport();

    await earlier.click();
    await expect(inbox.message('Earlier message 0')).toHaveCount(1);
    await expect(earlier).toHaveCount(0);
    await expect(thread.getByText(/^Earlier message \d+$/)).toHaveCount(300);
  });

  test(`a search's hit older than the newest 50 loads the thread back to it, in view and marked (${lang})`, async ({ page }) => {
    await scenario(page, 'installed');
    await page.request.post('/sim/long-thread', { data: { customer: 'Ken Watanabe', messages: 800 } });
    const inbox = new ConversationsPage(page, lang);
    await inbox.open();
    // About 500 messages from the end: three older pages (200 each) past the 50 a thread opens with.
    await page.getByRole('searchbox', { name: tr(lang, '会話を検索', 'Search conversations') }).fill('Earlier message 300');
    await expect(inbox.customer('Ken Watanabe').locator('mark')).toContainText('Earlier message 300');
    await inbox.customer('Ken Watanabe').click();
    const hit = page.locator('li.msg-bubble--hit');
    await expect(hit).toContainText('Earlier message 300');
    await expect(hit).toBeInViewport();
    // The rest of the thread is there from the hit on, and earlier ones are still offered.
    await expect(inbox.message('Earlier message 799')).toHaveCount(1);
    await expect(page.getByRole('button', { name: tr(lang, '以前のメッセージを表示', 'Show earlier messages') })).toBeVisible();
    await expectNoAxeViolations(page);
    await saveScreen(page, 'conversation-search-hit', lang);
  });
  });
}
