import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';

// What customers send beside text: photos, video, voice notes, files, stickers, places and
// links, from `/sim/inbound` (the dev backend's small real samples), under the strict CSP every
// e2e test runs with (a violation fails the test). Every byte comes from the API origin.
const inbound = (page: Page, attachments: object[], text = '') =>
  page.request.post('/sim/inbound', { data: { customer: 'Ken Watanabe', text, attachments } });

/** Every picture in the thread has loaded and has a non-empty alternative text. */
async function expectPicturesLoaded(page: Page) {
  await expect
    .poll(() =>
      page.locator('.msg-thread__messages img').evaluateAll((imgs) =>
        imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0 && img.getAttribute('alt')),
      ),
    )
    .toBe(true);
}

for (const lang of LANGS) {
  test.describe(`attachments (${lang})`, () => {
    test.use({ lang });

    test('every kind a customer sends is shown, with its time, and the list names what came', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();

      expect((await inbound(page, [{ type: 'image' }])).status()).toBe(201);
      const photo = page.getByRole('button', { name: tr(lang, 'Ken Watanabeさんからの写真', 'Photo from Ken Watanabe') });
      await expect(photo).toBeVisible();
      await expect(inbox.customer('Ken Watanabe')).toContainText(tr(lang, '写真', 'Photo'));

      const more = [
        { type: 'video' }, { type: 'audio' }, { type: 'file', name: 'invoice-0193.pdf' },
        { type: 'sticker', like: true }, { type: 'sticker' }, { type: 'location' }, { type: 'fallback' },
      ];
      expect((await inbound(page, more)).status()).toBe(201);
      await expect(inbox.customer('Ken Watanabe')).toContainText(tr(lang, '動画', 'Video'));
      const thread = page.locator('.msg-thread__messages');
      const video = thread.getByLabel(tr(lang, 'Ken Watanabeさんからの動画', 'Video from Ken Watanabe'));
      await expect(video).toHaveAttribute('controls', '');
      const voice = thread.getByLabel(tr(lang, 'Ken Watanabeさんからの音声メッセージ', 'Voice message from Ken Watanabe'));
      await expect(voice).toHaveAttribute('controls', '');
      const file = thread.getByRole('link', { name: /^invoice-0193\.pdf(, |、)\d+ (B|KB)$/ });
      await expect(file).toHaveAttribute('href', /^\/api\/attachments\//);
      await expect(thread.getByRole('img', { name: tr(lang, 'いいね', 'Like'), exact: true })).toBeVisible();
      await expect(thread.getByRole('img', { name: tr(lang, 'スタンプ', 'Sticker'), exact: true })).toBeVisible();
      await expect(thread.getByText(tr(lang, '位置情報: Sakura Trading, Shibuya', 'Location: Sakura Trading, Shibuya'))).toBeVisible();
      await expect(thread.getByText('35.65950, 139.70050')).toBeVisible();
      await expect(thread.getByText('Spring catalogue', { exact: true })).toBeVisible();
      const link = thread.getByRole('link', { name: 'https://sakura-trading.example/catalogue' });
      await expect(link).toHaveAttribute('rel', /noopener/);
      await expectPicturesLoaded(page);
      // Media and pictures come from the API origin only.
      const sources = await thread.locator('img, video, audio').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
      expect(sources.every((src) => src?.startsWith('/api/attachments/'))).toBe(true);

      // Each message shows its time, with the full date for assistive technology and on hover,
      // under the day it was sent.
      await expect(thread.getByText(tr(lang, '今日', 'Today'), { exact: true })).toBeVisible();
      const time = thread.locator('time').last();
      await expect(time).toHaveAttribute('title', /2026/);
      await expect(time).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
      await thread.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-attachments', lang);

      // Larger, in a modal dialog: by click, then by keyboard; Escape gives focus back.
      await photo.click();
      const viewer = page.getByRole('dialog', { name: tr(lang, 'Ken Watanabeさんからの写真', 'Photo from Ken Watanabe') });
      await expect(viewer).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'conversation-photo-viewer', lang);
      await page.keyboard.press('Escape');
      await expect(viewer).toBeHidden();
      await expect(photo).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(viewer).toBeVisible();
      await viewer.getByRole('button', { name: tr(lang, '閉じる', 'Close') }).click();
      await expect(viewer).toBeHidden();
      await expect(photo).toBeFocused();

      // Still there after a reload, from the server.
      await page.reload();
      await expect(photo).toBeVisible();
      await expectPicturesLoaded(page);
    });

    test('the list names a file, a sticker and a voice message', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open();
      for (const [attachment, preview] of [
        [{ type: 'file', name: 'invoice-0193.pdf' }, tr(lang, 'ファイル: invoice-0193.pdf', 'File: invoice-0193.pdf')],
        [{ type: 'sticker' }, tr(lang, 'スタンプ', 'Sticker')],
        [{ type: 'audio' }, tr(lang, '音声メッセージ', 'Voice message')],
      ] as const) {
        await inbound(page, [attachment]);
        await expect(inbox.customer('Ken Watanabe')).toContainText(preview);
      }
    });
  });
}

test('names and addresses from outside stay text; an unreadable attachment is named, not a crash', async ({ page }) => {
  await scenario(page, 'installed');
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await inbound(page, [{ type: 'file', name: '<img src=x onerror=alert(1)>.pdf' }, { type: 'image', name: '<img src=x onerror=alert(1)>.png' }]);
  // What a compromised or newer server might send: hostile addresses and a shape this app cannot read.
  await page.route('**/api/conversations/ken*', async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    body.messages.push({
      id: 'm-hostile', seq: 9_999, direction: 'inbound', text: '', created_at: body.server_time,
      status: { state: 'delivered', at: body.server_time },
      attachments: [
        { id: 'x1', kind: 'image', url: 'https://evil.example/x.png' },
        { id: 'x2', kind: 'fallback', title: 'Script', url: 'javascript:alert(1)' },
        { id: 'x3', kind: 'fallback', title: 'Data', url: 'data:text/html,<script>alert(1)</script>' },
        { id: 7, kind: 'image', width: 'wide' },
      ],
    });
    await route.fulfill({ response, json: body });
  });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const thread = page.locator('.msg-thread__messages');
  await expect(thread.getByRole('link', { name: /^<img src=x onerror=alert\(1\)>\.pdf, \d+ B$/ })).toBeVisible();
  await expect(thread.getByText('javascript:alert(1)')).toBeVisible();
  await expect(thread.getByText('data:text/html,<script>alert(1)</script>')).toBeVisible();
  await expect(thread.getByText('An attachment this app cannot show yet')).toBeVisible();
  const refs = await page.locator('.msg-app [src], .msg-app [href]').evaluateAll((els) =>
    els.map((e) => e.getAttribute('src') ?? e.getAttribute('href') ?? ''),
  );
  for (const bad of ['javascript:', 'data:', 'evil.example']) {
    expect(refs.filter((r) => r.includes(bad)), bad).toEqual([]);
  }
  // Only the app's own pictures: no element was made from a name.
  expect(await thread.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
  await expectNoAxeViolations(page);
});

test("Facebook's attachment shapes through the webhook: a photo, the like button and a file", async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  const res = await page.request.post('/sim/facebook/webhook', {
    data: {
      object: 'page',
      entry: [{ id: 'p-sakura-official', time: Date.now(), messaging: [{
        sender: { id: 'cust-ken' }, recipient: { id: 'p-sakura-official' }, timestamp: Date.now(),
        message: { mid: 'm_fb', attachments: [
          { type: 'image', payload: { url: 'https://scontent.example/photo.jpg' } },
          { type: 'image', payload: { url: 'https://scontent.example/like.png', sticker_id: 369239263222822 } },
          { type: 'file', payload: { url: 'https://cdn.example/invoice-0193.pdf' } },
        ] },
      }] }],
    },
  });
  expect(res.status()).toBe(200);
  const thread = page.locator('.msg-thread__messages');
  await expect(thread.getByRole('button', { name: 'Photo from Ken Watanabe' })).toBeVisible();
  await expect(thread.getByRole('img', { name: 'Like', exact: true })).toBeVisible();
  await expect(thread.getByRole('link', { name: /^invoice-0193\.pdf, / })).toBeVisible();
  await expectPicturesLoaded(page);
});
