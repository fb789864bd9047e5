import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

// Facebook answers a send with 551 ("This person isn't available right now") or 200, and never
// says why. The server remembers it on the conversation, so every agent, every reload and the
// list know it, until the customer writes again. Nothing retries by itself.

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`a customer who can't receive: one refused send, a notice and a mark every agent sees (${lang})`, async ({ page, browser, baseURL }) => {
      await scenario(page, 'installed');
      await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
      const sends: string[] = [];
      page.on('request', (r) => {
        if (r.method() === 'POST' && /\/api\/conversations\/ken\/messages$/.test(r.url())) sends.push(r.url());
      });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await inbox.write('Are you still there?');
      await expect(inbox.message('Are you still there?')).toContainText(tr(lang, '送信できませんでした', 'Not sent'));
      const notice = page.getByText(tr(lang, 'Ken Watanabe さんは現在メッセージを受け取れません', "Ken Watanabe can't receive messages right now"));
      await expect(notice).toBeVisible();
      await expect(page.getByText(tr(lang, 'Facebook は理由を明かしません。', "Facebook doesn't say why."))).toBeVisible();
      // The composer still lets the agent try, and says it will probably fail.
      await expect(inbox.composer).toBeEnabled();
      await expect(page.getByText(tr(lang, 'Facebook に拒否される可能性が高いです', 'Facebook will probably refuse it'))).toBeVisible();
      const mark = inbox.customer('Ken Watanabe').getByText(tr(lang, 'メッセージを受け取れません', "Can't receive messages"));
      await expect(mark).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-cannot-receive', lang);
      // Nothing is retried by itself.
      await page.waitForTimeout(3_000);
      expect(sends).toHaveLength(1);

      await page.reload();
      await expect(mark).toBeVisible();
      await expect(notice).toBeVisible();

      // Another agent, in another browser, sees it at once.
      const other = await browser.newContext({ baseURL, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const aikoPage = await other.newPage();
      const aiko = new ConversationsPage(aikoPage, lang);
      await aiko.open();
      await aikoPage.request.post('/sim/current-user', { data: { name: 'Aiko Tanaka' } });
      await aiko.open();
      const aikoMark = aiko.customer('Ken Watanabe').getByText(tr(lang, 'メッセージを受け取れません', "Can't receive messages"));
      await expect(aikoMark).toBeVisible();

      // The customer writes again: the mark goes, for both, without a reload.
      await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'Sorry, I was away' } });
      await expect(inbox.message('Sorry, I was away')).toBeVisible();
      await expect(mark).toHaveCount(0);
      await expect(notice).toHaveCount(0);
      await expect(aikoMark).toHaveCount(0);
      await other.close();
    });
  });
}

test('a later send that Facebook accepts clears the mark', async ({ page }) => {
  await scenario(page, 'installed');
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false, reason: 'not_receiving' } });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await inbox.write('First try');
  const mark = inbox.customer('Ken Watanabe').getByText("Can't receive messages");
  await expect(mark).toBeVisible();
  await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: true } });
  await inbox.write('Second try');
  await expect(inbox.message('Second try')).toContainText(/Sent|Delivered|Read/);
  await expect(mark).toHaveCount(0);
});
