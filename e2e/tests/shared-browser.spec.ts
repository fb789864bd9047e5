import { test, expect, expectNoAxeViolations, holdRequests, saveScreen, scenario, LANGS, tr } from '../fixtures';
import type { Page } from '@playwright/test';
import { ConversationsPage } from '../pages/conversations';

// A computer shared by two agents of Sakura Trading. What Haruto queued or drafted is his:
// never sent under Aiko's session, never shown to her, and there again when he signs back in.
// `/sim/current-user` from the page's own request context signs someone else in to the CRM in
// this browser (a new session cookie), as the CRM's login would.
const signIn = (page: Page, name: string) => page.request.post('/sim/current-user', { data: { name } });
const serverTexts = async (page: Page) =>
  ((await (await page.request.get('/api/conversations/ken')).json()).messages as { text: string; sent_by?: { name: string } }[]);

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });
    test(`a shared browser keeps each agent's queue and drafts to themselves (${lang})`, async ({ page, context }) => {
      const queued = tr(lang, 'ハルトがオフラインで書きました。', 'Haruto wrote this offline.');
      const drafted = tr(lang, 'ハルトの下書き', "Haruto's unfinished draft");
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');

      await context.setOffline(true);
      await inbox.write(queued);
      await expect(inbox.message(queued)).toContainText(tr(lang, '送信待ち', 'Waiting to send'));
      await inbox.composer.fill(drafted);

      // Aiko signs in to the CRM in this browser while Haruto's tab is still open.
      await signIn(page, 'Aiko Tanaka');
      await context.setOffline(false);
      // The tab's send is refused with Haruto's token; renewing it finds Aiko, so it is not repeated
      // and the tab follows her: his message and draft leave the screen.
      await expect(inbox.message(queued)).toHaveCount(0);
      await expect(inbox.composer).toHaveValue('');

      await page.reload();
      await expect(inbox.message('Yes please! And do you ship to Hokkaido?')).toBeVisible();
      await expect(inbox.message(queued)).toHaveCount(0);
      await expect(inbox.composer).toHaveValue('');
      expect((await serverTexts(page)).map((m) => m.text)).not.toContain(queued);
      // Still kept for Haruto, under his name.
      const keys = await page.evaluate(() => Object.keys(localStorage));
      expect(keys.filter((k) => k.startsWith('msg_ui_outbox:c-sakura/u-haruto:'))).toHaveLength(1);

      const answer = tr(lang, 'アイコが答えます。', 'Aiko answering.');
      await inbox.write(answer);
      const aikos = inbox.message(answer);
      await expect(aikos).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      await expect(aikos).toContainText('Aiko Tanaka');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'shared-browser-aiko', lang);

      // Haruto signs back in: his message goes out as his, and his draft is back.
      await signIn(page, 'Haruto Sato');
      await page.reload();
      await expect(inbox.message(queued)).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      await expect(inbox.message(queued)).toContainText('Haruto Sato');
      await expect(inbox.composer).toHaveValue(drafted);
      const sent = await serverTexts(page);
      expect(sent.filter((m) => m.text === queued).map((m) => m.sent_by?.name)).toEqual(['Haruto Sato']);
      expect(sent.filter((m) => m.text === answer).map((m) => m.sent_by?.name)).toEqual(['Aiko Tanaka']);
    });
  });
}

test('a queued message is not sent under the next user even when the first renewal of the session fails', async ({ page, context }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await context.setOffline(true);
  await inbox.write('Haruto, queued before the switch.');
  await expect(inbox.message('Haruto, queued before the switch.')).toContainText('Waiting to send');
  await signIn(page, 'Aiko Tanaka');
  // The send is refused (Haruto's token), and the /api/me that would renew it is lost once:
  // the next attempt fetches the token first, and must notice it is Aiko's.
  let dropped = 0;
  await page.route('**/api/me', (route) => (dropped++ === 0 ? route.abort('connectionreset') : route.fallback()));
  await context.setOffline(false);
  await expect(inbox.message('Haruto, queued before the switch.')).toHaveCount(0, { timeout: 30_000 });
  expect(dropped).toBeGreaterThanOrEqual(2);
  expect((await serverTexts(page)).map((m) => m.text)).not.toContain('Haruto, queued before the switch.');
});


test('a message written before the app knows who is signed in is kept and sent', async ({ page }) => {
  await scenario(page, 'installed');
  // /api/me answers late; the list and the thread do not wait for it.
  const release = await holdRequests(page, '**/api/me');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await inbox.write('Typed before /me answered.');
  await expect(inbox.message('Typed before /me answered.')).toBeVisible();
  release();
  await expect(inbox.message('Typed before /me answered.')).toContainText(/Delivered|Read/);
  expect((await serverTexts(page)).map((m) => m.text)).toContain('Typed before /me answered.');
});
