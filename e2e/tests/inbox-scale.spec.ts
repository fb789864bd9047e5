import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

// Issue 29: the inbox at a real company's volume. The dev backend adds made-up customers
// (POST /sim/customers, deterministic per seed) beside the fixture's four.
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9faf]/;

async function addCustomers(page: Page, count: number) {
  const res = await page.request.post('/sim/customers', { data: { count, seed: 29 } });
  expect(res.ok(), 'POST /sim/customers').toBeTruthy();
}

/** Every conversation, newest first, as the API pages them. */
async function everyConversation(page: Page) {
  const all: { id: string; customer: { name: string }; unread: number; last_message?: { text: string } }[] = [];
  let cursor: string | undefined;
  do {
    const res = await page.request.get(`/api/conversations?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    expect(res.ok()).toBeTruthy();
    const body = await res.json();
    all.push(...body.conversations);
    cursor = body.next_cursor;
  } while (cursor);
  return all;
}

/** The thread's message a search's hit opened. */
const markedHit = (page: Page) => page.locator('li.msg-bubble--hit');

const grid = (page: Page, lang: 'ja' | 'en') => page.getByRole('grid', { name: tr(lang, 'お客様', 'Customers') });

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`500 conversations: a bounded number of rows drawn, paged to the end as the agent scrolls (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await addCustomers(page, 500);
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      const rows = grid(page, lang).getByRole('row');
      await expect(rows.first()).toBeVisible();
      // More pages to come: the count is unknown yet.
      await expect(grid(page, lang)).toHaveAttribute('aria-rowcount', '-1');
      expect(await rows.count()).toBeLessThanOrEqual(100);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'inbox-500', lang);

      // Scrolled to the end, page after page, until every one of the 504 is loaded.
      await expect(async () => {
        await grid(page, lang).evaluate((g) => g.scrollTo(0, g.scrollHeight));
        await expect(grid(page, lang)).toHaveAttribute('aria-rowcount', '504', { timeout: 500 });
      }).toPass({ timeout: 30_000 });
      expect(await rows.count()).toBeLessThanOrEqual(100);
      const all = await everyConversation(page);
      const last = all[all.length - 1];
      await expect(grid(page, lang).getByRole('row', { name: new RegExp(last.customer.name) })).toBeVisible();
      await expect(grid(page, lang).locator('[aria-rowindex="504"]')).toBeVisible();

      // At most 500 rows are held (MAX_LOADED): the first page was let go on the way down, and
      // comes again, from the server, as the agent scrolls back up a few screens at a time.
      const again = page.waitForRequest((r) => {
        const url = new URL(r.url());
        return url.pathname === '/api/conversations' && !url.searchParams.has('cursor');
      });
      await expect(async () => {
        await grid(page, lang).evaluate((g) => g.scrollBy(0, -3 * g.clientHeight));
        await expect(grid(page, lang).locator('[aria-rowindex="1"]')).toBeVisible({ timeout: 300 });
      }).toPass({ timeout: 30_000 });
      await again;
      await expect(grid(page, lang).locator('[aria-rowindex="1"]')).toContainText(all[0].customer.name);
      expect(await rows.count()).toBeLessThanOrEqual(100);
    });

    test(`a page of the list that fails says so and waits for Try again (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await addCustomers(page, 200);
      let asked = 0;
      await page.route(/\/api\/conversations\?.*cursor=/, (route) => {
        asked++;
        return route.fulfill({ status: 503, contentType: 'application/json', body: '{"error":{"code":"server","message":"down"}}' });
      });
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      await grid(page, lang).evaluate((g) => g.scrollTo(0, g.scrollHeight));
      const alert = page.getByRole('alert').filter({ hasText: tr(lang, '続きの会話を読み込めませんでした。', 'More conversations could not be loaded.') });
      await expect(alert).toBeVisible({ timeout: 30_000 });
      // It stays, and nothing asks again by itself.
      const after = asked;
      await page.waitForTimeout(3_000);
      await expect(alert).toBeVisible();
      expect(asked).toBe(after);
      await expectNoAxeViolations(page);

      await page.unroute(/\/api\/conversations\?.*cursor=/);
      await alert.getByRole('button', { name: tr(lang, 'もう一度試す', 'Try again') }).click();
      await expect(alert).toHaveCount(0);
      await expect(grid(page, lang).locator('[aria-rowindex="60"]')).toBeAttached();
    });

    test(`a search finds a customer by name, by a message's text, and in Japanese; No conversation matches offers to clear it (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await addCustomers(page, 200);
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      const search = page.getByRole('searchbox', { name: tr(lang, '会話を検索', 'Search conversations') });

      await search.fill('watanabe');
      await expect(inbox.customer('Ken Watanabe')).toBeVisible();
      await expect(grid(page, lang).getByRole('row')).toHaveCount(1);

      // A message's text: Ken's question about Hokkaido, shown as the hit.
      await search.fill('hokkaido');
      await expect(inbox.customer('Ken Watanabe').locator('mark')).toContainText('Hokkaido');
      await inbox.customer('Ken Watanabe').click();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
      await expect(page).toHaveURL(/\/messaging\/ken#m\d+$/);
      // The hit is marked in the thread.
      await expect(markedHit(page)).toContainText('Hokkaido');

      // Japanese, in a made-up customer's name.
      const all = await everyConversation(page);
      const japanese = all.find((c) => JAPANESE.test(c.customer.name))!;
      await search.fill(japanese.customer.name.slice(0, 2));
      await expect(grid(page, lang).getByRole('row', { name: new RegExp(japanese.customer.name) }).first()).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'inbox-search', lang);

      await search.fill('no such customer anywhere');
      await expect(page.getByText(tr(lang, '一致する会話はありません', 'No conversation matches'))).toBeVisible();
      await page.getByRole('button', { name: tr(lang, '検索をクリア', 'Clear search') }).click();
      await expect(search).toHaveValue('');
      await expect(inbox.customer('Ken Watanabe')).toBeVisible();
    });

    test(`each filter is a toggle with its count, and lists only its conversations (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await addCustomers(page, 60);
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      const counts = (await (await page.request.get('/api/conversations?limit=1')).json()).counts;
      const unread = page.getByRole('button', { name: new RegExp(`^${tr(lang, '未読', 'Unread')} ${counts.unread}$`) });
      const awaiting = page.getByRole('button', { name: new RegExp(`^${tr(lang, '返信待ち', 'Awaiting reply')} ${counts.awaiting_reply}$`) });
      await expect(unread).toHaveAttribute('aria-pressed', 'false');
      await expect(awaiting).toBeVisible();

      await unread.click();
      await expect(unread).toHaveAttribute('aria-pressed', 'true');
      const rows = grid(page, lang).getByRole('row');
      await expect(async () => {
        await grid(page, lang).evaluate((g) => g.scrollTo(0, g.scrollHeight));
        await expect(grid(page, lang)).toHaveAttribute('aria-rowcount', String(counts.unread), { timeout: 500 });
      }).toPass({ timeout: 20_000 });
      await grid(page, lang).evaluate((g) => g.scrollTo(0, 0));
      // Every row drawn says it is unread.
      for (const name of await rows.evaluateAll((r) => r.map((row) => row.textContent ?? ''))) {
        expect(name).toMatch(tr(lang, '未読', 'unread'));
      }
      await expectNoAxeViolations(page);
      await saveScreen(page, 'inbox-unread-filter', lang);

      for (const [label, name] of [
        [tr(lang, '受信できない', "Can't receive"), 'cannot'],
        [tr(lang, '別のアプリ', 'Another app'), 'other'],
      ]) {
        const button = page.getByRole('button', { name: label, exact: true });
        await button.click();
        await expect(button, name).toHaveAttribute('aria-pressed', 'true');
        await expect(unread).toHaveAttribute('aria-pressed', 'false');
      }
      // Pressed again: everything.
      await page.getByRole('button', { name: tr(lang, '別のアプリ', 'Another app'), exact: true }).click();
      await expect(inbox.customer('Ken Watanabe')).toBeVisible();
    });

    test(`unread: the row says it and is bold; opening the thread reads it, and a reload keeps it read (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      const ken = grid(page, lang).getByRole('link', { name: tr(lang, 'Ken Watanabe、未読 1 件', 'Ken Watanabe, 1 unread') });
      await expect(ken).toBeVisible();
      await expect(ken.locator('.msg-inbox__name')).toHaveCSS('font-weight', '700');
      await ken.click();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
      await expect(grid(page, lang).getByRole('link', { name: /Ken Watanabe/ })).not.toContainText(tr(lang, '未読', 'unread'));
      await page.reload();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
      await expect(grid(page, lang).getByRole('link', { name: /Ken Watanabe/ })).not.toContainText(tr(lang, '未読', 'unread'));
      await expectNoAxeViolations(page);
    });

    test(`unread is each agent's own, and follows this agent's other tab (${lang})`, async ({ page, browser }) => {
      await scenario(page, 'installed');
      const haruto = new ConversationsPage(page, lang);
      await haruto.open();
      const unreadKen = (p: Page, n: number) =>
        grid(p, lang).getByRole('link', { name: tr(lang, `Ken Watanabe、未読 ${n} 件`, `Ken Watanabe, ${n} unread`) });
      const readKen = (p: Page) => grid(p, lang).getByRole('link', { name: /Ken Watanabe/ });

      // Aiko, in a browser of her own.
      const other = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
      const aiko = await other.newPage();
      await aiko.goto('/messaging');
      expect((await aiko.request.post('/sim/current-user', { data: { name: 'Aiko Tanaka' } })).ok()).toBeTruthy();
      await aiko.goto('/messaging');
      await expect(unreadKen(aiko, 1)).toBeVisible();

      // Haruto's second tab.
      const second = await page.context().newPage();
      await second.goto('/messaging');
      await expect(unreadKen(second, 1)).toBeVisible();

      await unreadKen(page, 1).click();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
      // Read in Haruto's other tab too, through the updates; not for Aiko.
      await expect(readKen(second)).not.toContainText(tr(lang, '未読', 'unread'));
      await expect(unreadKen(aiko, 1)).toBeVisible();

      // Ken writes again: Aiko has two unread, Haruto (the thread open before him) none.
      expect((await page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text: 'One more thing.' } })).ok()).toBeTruthy();
      await expect(unreadKen(aiko, 2)).toBeVisible();
      await expect(haruto.message('One more thing.')).toBeVisible();
      await expect(readKen(page)).not.toContainText(tr(lang, '未読', 'unread'));
      await expectNoAxeViolations(aiko);
      await saveScreen(aiko, 'inbox-unread-other-agent', lang);
      await other.close();
    });

    test(`a deep link opens a conversation far past the first page, and the keyboard moves through the rows (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      await addCustomers(page, 300);
      await page.goto('/messaging');
      const all = await everyConversation(page);
      const far = all[250];
      const inbox = new ConversationsPage(page, lang);
      await inbox.open(far.id);
      await expect(page.getByRole('heading', { level: 2, name: far.customer.name })).toBeVisible();
      await expect(inbox.composer).toBeVisible();

      // The grid's keys: into the list, down three rows, to the end of those loaded, Enter.
      await grid(page, lang).getByRole('link').first().focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
      // The focused row: aria-rowindex counts from 1.
      const focusedRow = page.locator('[role=row]:has(a:focus)');
      await expect(focusedRow).toHaveAttribute('aria-rowindex', '4');
      await expect(focusedRow).toContainText(all[3].customer.name);
      await page.keyboard.press('ArrowUp');
      await expect(focusedRow).toHaveAttribute('aria-rowindex', '3');
      await page.keyboard.press('End');
      await expect(focusedRow).toHaveAttribute('aria-rowindex', /^\d+$/);
      const at = Number(await focusedRow.getAttribute('aria-rowindex'));
      expect(at).toBeGreaterThanOrEqual(50);
      await page.keyboard.press('Home');
      await expect(focusedRow).toHaveAttribute('aria-rowindex', '1');
      await page.keyboard.press('ArrowDown');
      await expect(focusedRow).toHaveAttribute('aria-rowindex', '2');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 2, name: all[1].customer.name })).toBeVisible();
      // Only the current row is in the Tab order.
      await expect(grid(page, lang).locator('a[tabindex="0"]')).toHaveCount(1);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'inbox-deep-link', lang);
    });
  });
}
