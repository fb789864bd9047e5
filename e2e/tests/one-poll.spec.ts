import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { BrowserContext, Page, Request } from '@playwright/test';
import { ConversationsPage } from '../pages/conversations';

// One long poll per browser (src/inbox/leader.rs): the tabs of one user elect a leader with
// the Web Locks API, only the leader polls `/api/updates`, and it passes every answer on to the
// others over a BroadcastChannel.

const isPoll = (r: Request) => new URL(r.url()).pathname === '/api/updates';

/** Watches the context's long polls: which tab asked each, and the most open at once. */
function watchPolls(context: BrowserContext) {
  const open = new Set<Request>();
  const asked: { page: Page | null; at: number }[] = [];
  let most = 0;
  context.on('request', (r) => {
    if (!isPoll(r)) return;
    // A closed tab's poll is gone with it, whether or not its end was reported.
    for (const o of open) if (o.frame().page().isClosed()) open.delete(o);
    open.add(r);
    most = Math.max(most, open.size);
    asked.push({ page: r.frame().page(), at: Date.now() });
  });
  const done = (r: Request) => open.delete(r);
  context.on('requestfinished', done);
  context.on('requestfailed', done);
  return {
    get most() {
      return most;
    },
    /** The tabs that asked since `since` (ms since the epoch). */
    askers: (since = 0) => new Set(asked.filter((a) => a.at >= since).map((a) => a.page)),
  };
}

/** `count` tabs of one context, each on Ken's conversation; the first is `page`. */
async function openTabs(page: Page, count: number, lang: 'ja' | 'en') {
  const pages = [page];
  while (pages.length < count) pages.push(await page.context().newPage());
  const inboxes = pages.map((p) => new ConversationsPage(p, lang));
  for (const inbox of inboxes) {
    await inbox.open('ken');
    await expect(inbox.composer).toBeVisible();
  }
  return inboxes;
}

const inbound = (page: Page, text: string) =>
  page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text } });

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`five tabs: one long poll open at a time, and every tab shows what arrives (${lang})`, async ({ page, context }) => {
      await scenario(page, 'installed');
      const polls = watchPolls(context);
      const tabs = await openTabs(page, 5, lang);
      // A few seconds of the tabs living side by side, a poll's answer and the next one included.
      await inbound(page, 'Is the blue one in stock?');
      await page.waitForTimeout(3_000);
      await inbound(page, 'Size M, please.');
      for (const inbox of tabs) {
        await expect(inbox.message('Is the blue one in stock?')).toBeVisible();
        await expect(inbox.message('Size M, please.')).toBeVisible();
      }
      expect(polls.most, 'long polls open at once').toBe(1);
      expect(polls.askers().size, 'tabs that polled').toBe(1);
      await expectNoAxeViolations(tabs[4].page);
      await saveScreen(tabs[4].page, 'conversation-five-tabs', lang);
    });

    test(`the leader tab closes while a message arrives: another polls on within 2 s, nothing lost (${lang})`, async ({ page, context }) => {
      await scenario(page, 'installed');
      const polls = watchPolls(context);
      const tabs = await openTabs(page, 3, lang);
      await expect.poll(() => polls.askers().size).toBe(1);
      const leader = [...polls.askers()][0]!;
      const followers = tabs.filter((t) => t.page !== leader);
      expect(followers).toHaveLength(2);

      // The leader's next poll never reaches the server: what comes after this message is
      // waiting there when the leader dies, never passed on.
      await leader.route((url) => url.pathname === '/api/updates', () => {});
      await inbound(page, 'Are you open today?');
      for (const inbox of followers) await expect(inbox.message('Are you open today?')).toBeVisible();
      await inbound(page, 'I will come at 3.');
      await page.waitForTimeout(500);
      for (const inbox of followers) await expect(inbox.message('I will come at 3.')).toHaveCount(0);

      const closed = Date.now();
      await leader.close();
      await expect.poll(() => polls.askers(closed).size, { timeout: 2_000 }).toBe(1);
      for (const inbox of followers) await expect(inbox.message('I will come at 3.')).toBeVisible();
      expect(polls.askers(closed).has(leader)).toBe(false);
      expect(polls.most, 'long polls open at once').toBe(1);
      await expectNoAxeViolations(followers[0].page);
      await saveScreen(followers[0].page, 'conversation-leader-closed', lang);
    });

    test(`without Web Locks, each tab polls for itself (${lang})`, async ({ page, context }) => {
      await context.addInitScript(() => delete (Navigator.prototype as { locks?: unknown }).locks);
      await scenario(page, 'installed');
      const polls = watchPolls(context);
      const tabs = await openTabs(page, 3, lang);
      expect(await page.evaluate(() => 'locks' in navigator)).toBe(false);
      await inbound(page, 'Do you ship to Osaka?');
      for (const inbox of tabs) await expect(inbox.message('Do you ship to Osaka?')).toBeVisible();
      await expect.poll(() => polls.askers().size).toBe(3);
      await expectNoAxeViolations(tabs[2].page);
      await saveScreen(tabs[2].page, 'conversation-tabs-without-locks', lang);
    });
  });
}

test('the leader removed from its page lets go: another tab polls on within 2 s', async ({ page, context }) => {
  await scenario(page, 'installed');
  const polls = watchPolls(context);
  const other = await context.newPage();
  const tabs = [page, other].map((p) => new ConversationsPage(p, 'en'));
  for (const tab of tabs) {
    await tab.page.goto('/host-demo/messaging/ken');
    await expect(tab.composer).toBeVisible();
  }
  await expect.poll(() => polls.askers().size).toBe(1);
  const leader = [...polls.askers()][0]!;
  const follower = tabs.find((t) => t.page !== leader)!;

  const removed = Date.now();
  await leader.getByRole('button', { name: 'Remove the app' }).click();
  await expect.poll(() => polls.askers(removed).has(follower.page), { timeout: 2_000 }).toBe(true);
  await inbound(page, 'Still there?');
  await expect(follower.message('Still there?')).toBeVisible();
  expect(polls.askers(removed).has(leader), 'polls from the page without the app').toBe(false);
  await expectNoAxeViolations(follower.page, { wholePage: true });
  await saveScreen(follower.page, 'host-demo-leader-removed', 'en');
});
