import { type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** Chooses files through the Attach button, as a user does (the browser's file chooser). */
async function attach(page: Page, lang: 'ja' | 'en', files: { name: string; mimeType: string; buffer: Buffer }[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: tr(lang, '添付', 'Attach'), exact: true }).click();
  await (await chooser).setFiles(files);
}

const SAMPLE_PNG = readFileSync(resolve(__dirname, '../../dev-backend/samples/photo.png'));
const photo = (name = 'shelf.png') => ({ name, mimeType: 'image/png', buffer: SAMPLE_PNG });
const serverMessages = async (page: Page) =>
  (await (await page.request.get('/api/conversations/ken')).json()).messages as { text: string; attachments?: { kind: string }[] }[];

/** How many files this browser keeps for the outbox (IndexedDB). */
const storedFiles = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done) => {
        const open = indexedDB.open('msg_ui_files', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('files');
        open.onsuccess = () => {
          const count = open.result.transaction('files').objectStore('files').count();
          count.onsuccess = () => {
            done(count.result);
            open.result.close();
          };
        };
      }),
  );

for (const lang of LANGS) {
  test.describe(`sending attachments (${lang})`, () => {
    test.use({ lang });

    test('a photo with a caption is uploaded with its progress, delivered once, and is there after a reload', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
      await attach(page, lang, [photo()]);
      const chosen = page.getByRole('list', { name: tr(lang, '送信するファイル', 'Files to send') });
      await expect(chosen).toContainText('shelf.png');
      await expect(chosen.getByRole('button', { name: tr(lang, 'shelf.pngを削除', 'Remove shelf.png') })).toBeVisible();
      // A thumbnail of it, from a data: URL (no blob:, which the strict CSP does not allow):
      // re-encoded as WebP, which keeps a PNG's transparency.
      await expect(chosen.locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'composer-photo-chosen', lang);
      // The server answers the upload late, so its progress can be seen.
      await page.route('**/api/attachments*', async (route) => {
        await new Promise((r) => setTimeout(r, 1_500));
        await route.continue();
      });
      await inbox.write('The shelf, as promised.');
      const mine = inbox.message('The shelf, as promised.');
      const progress = mine.getByRole('progressbar', { name: tr(lang, 'shelf.pngをアップロード中', 'Uploading shelf.png') });
      await expect(progress).toBeVisible();
      await expect(progress).toHaveAttribute('max', String(SAMPLE_PNG.length));
      await expect(mine).toContainText(tr(lang, /配信済み|既読/, /Delivered|Read/));
      await expect(mine.getByRole('button', { name: /shelf|Haruto/ })).toBeVisible();
      await expect(chosen).toHaveCount(0);
      const held = (await serverMessages(page)).filter((m) => m.attachments?.length);
      expect(held.map((m) => [m.text, m.attachments!.length])).toEqual([['The shelf, as promised.', 1]]);
      await expect.poll(() => storedFiles(page), { message: 'bytes deleted once sent' }).toBe(0);
      await page.reload();
      await expect(inbox.message('The shelf, as promised.').getByRole('img')).toBeVisible();
    });

    test('files over Facebook limits are refused by name before any upload, and the text and other files stay', async ({ page }) => {
      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      let largest = 0;
      page.on('request', (r) => (largest = Math.max(largest, r.postDataBuffer()?.length ?? 0)));
      await inbox.composer.fill('Here is the brochure.');
      await attach(page, lang, [
        { name: 'brochure.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(26_000_000) },
        { name: 'shelf.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(9_000_000) },
        photo('small.png'),
      ]);
      const refused = page.getByRole('alert');
      await expect(refused).toContainText(
        tr(lang, 'brochure.pdfは26 MBです。Facebook に送れるファイルは 25 MB までです。', 'brochure.pdf is 26 MB. Facebook takes files up to 25 MB.'),
      );
      await expect(refused).toContainText(
        tr(lang, 'shelf.jpgは9 MBです。Facebook に送れる写真は 8 MB までです。', 'shelf.jpg is 9 MB. Facebook takes pictures up to 8 MB.'),
      );
      await expect(inbox.composer).toHaveValue('Here is the brochure.');
      await expect(page.getByRole('list', { name: tr(lang, '送信するファイル', 'Files to send') })).toContainText('small.png');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'composer-files-refused', lang);
      expect(largest, 'no request body over 1 MB left the browser').toBeLessThan(1_000_000);
    });
  });
}

test('a photo sent offline survives a reload and arrives exactly once; Delete removes its bytes', async ({ page, context }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  await context.setOffline(true);
  await attach(page, 'en', [photo('offline.png')]);
  await inbox.send.click();
  await expect(page.getByText('offline.png')).toBeVisible();
  await expect.poll(() => storedFiles(page)).toBe(1);
  // A second one, deleted before it goes: its bytes leave this browser.
  await attach(page, 'en', [photo('never.png')]);
  await inbox.write('Not this one.');
  const never = inbox.message('Not this one.');
  await never.getByRole('button', { name: 'Delete' }).click();
  await expect(never).toHaveCount(0);
  await expect.poll(() => storedFiles(page)).toBe(1);

  // Back online but still unable to send (the page must load to reload), then the reload.
  await page.route('**/api/attachments*', (route) => route.abort());
  await page.route('**/api/conversations/*/messages', (route) => route.abort());
  await context.setOffline(false);
  await page.reload();
  await expect(page.getByText('offline.png')).toBeVisible();
  await page.unroute('**/api/attachments*');
  await page.unroute('**/api/conversations/*/messages');
  await expect.poll(async () => (await serverMessages(page)).filter((m) => m.attachments?.length).length, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => storedFiles(page)).toBe(0);
  await page.waitForTimeout(1_500);
  expect((await serverMessages(page)).filter((m) => m.attachments?.length)).toHaveLength(1);
});

test('Facebook refuses the upload: the message fails, names the file, and Retry sends it', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await page.request.post('/sim/faults', { data: { rate: 1, kinds: ['upload_refused'] } });
  await attach(page, 'en', [photo('refused.png')]);
  await inbox.write('With the file.');
  const failed = inbox.message('With the file.');
  await expect(failed).toContainText('Facebook refused an attachment of this message.');
  await expect(failed).toContainText('refused.png');
  await expectNoAxeViolations(page);
  await page.request.post('/sim/faults', { data: { rate: 0 } });
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(inbox.message('With the file.')).toContainText(/Delivered|Read/);
  expect((await serverMessages(page)).filter((m) => m.text === 'With the file.')).toHaveLength(1);
});

test('a photo pasted into the reply box and a file dropped on the composer are chosen like attached ones', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const make = (name: string, type: string, b64: string) => ({ name, type, b64 });
  const png = SAMPLE_PNG.toString('base64');
  await inbox.composer.evaluate((el, f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, make('pasted.png', 'image/png', png));
  await page.locator('form.msg-composer').evaluate((el, f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, make('dropped.pdf', 'application/pdf', readFileSync(resolve(__dirname, '../../dev-backend/samples/invoice.pdf')).toString('base64')));
  const chosen = page.getByRole('list', { name: 'Files to send' });
  await expect(chosen).toContainText('pasted.png');
  await expect(chosen).toContainText('dropped.pdf');
  await chosen.getByRole('button', { name: 'Remove pasted.png' }).click();
  await expect(chosen).not.toContainText('pasted.png');
  await inbox.send.click();
  await expect(page.locator('.msg-thread__messages').getByRole('link', { name: /^dropped\.pdf, / })).toBeVisible();
});

test('when the browser refuses to store a file, nothing is queued and the message stays in the composer', async ({ page }) => {
  await scenario(page, 'installed');
  // As a full disk or a private window would: IndexedDB refuses every write.
  await page.addInitScript(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await attach(page, 'en', [photo()]);
  await inbox.write('With the shelf photo.');
  await expect(page.getByRole('alert')).toContainText('This browser could not keep shelf.png');
  await expect(inbox.composer).toHaveValue('With the shelf photo.');
  await expect(page.getByRole('list', { name: 'Files to send' })).toContainText('shelf.png');
  await expect(inbox.message('With the shelf photo.')).toHaveCount(0);
  expect((await serverMessages(page)).filter((m) => m.text === 'With the shelf photo.')).toHaveLength(0);
});

test('a photo queued in a tab that closes is sent by another tab, exactly once', async ({ page, context }) => {
  // The closed tab may have been mid-upload: the other takes over after `TAKEOVER_MS` (45 s).
  test.setTimeout(120_000);
  await scenario(page, 'installed');
  const first = new ConversationsPage(page, 'en');
  await first.open('ken');
  const other = await context.newPage();
  const second = new ConversationsPage(other, 'en');
  await second.open('ken');
  // Neither tab can upload until the first is closed.
  for (const tab of [page, other]) await tab.route('**/api/attachments*', (route) => route.abort());
  await attach(page, 'en', [photo('two-tabs.png')]);
  await first.write('From the tab that closes.');
  await expect(second.message('From the tab that closes.')).toBeVisible();
  await page.close();
  await other.unroute('**/api/attachments*');
  await expect(second.message('From the tab that closes.')).toContainText(/Delivered|Read/, { timeout: 90_000 });
  const held = (await serverMessages(other)).filter((m) => m.text === 'From the tab that closes.');
  expect(held.map((m) => m.attachments?.length)).toEqual([1]);
});

test('under 30 % server faults, 10 photos arrive exactly once each', async ({ page }) => {
  test.setTimeout(180_000);
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  await page.request.post('/sim/faults', { data: { rate: 0.3, kinds: ['http_500', 'http_503', 'drop', 'malformed_json'], seed: 19 } });
  for (let i = 1; i <= 10; i++) {
    await attach(page, 'en', [photo(`photo-${i}.png`)]);
    await inbox.write(`Photo ${i}`);
  }
  for (let i = 1; i <= 10; i++) {
    await expect(inbox.message(`Photo ${i}`)).toContainText(/Delivered|Read/, { timeout: 120_000 });
  }
  await page.request.post('/sim/faults', { data: { rate: 0 } });
  const held = (await serverMessages(page)).filter((m) => m.text.startsWith('Photo '));
  expect(held.map((m) => [m.text, m.attachments?.length])).toEqual(Array.from({ length: 10 }, (_, i) => [`Photo ${i + 1}`, 1]));
  await saveScreen(page, 'conversation-photos-under-faults', 'en');
});

test("a file chosen and text typed while the last message's files are kept become the next message, not lost", async ({ page }) => {
  // This browser keeps each file's bytes (IndexedDB) before its message is queued: made slow here.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      const request = put.apply(this, args);
      Object.defineProperty(request, 'onsuccess', {
        set(handler: (e: Event) => void) {
          request.addEventListener('success', (e) => setTimeout(() => handler.call(request, e), 1_500));
        },
      });
      return request;
    };
  });
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await expect(inbox.message('Hello, is the spring catalogue out yet?')).toBeVisible();
  await attach(page, 'en', [photo('first.png')]);
  await inbox.write('First photo');
  // While the first one's bytes are kept: the next photo and caption.
  await attach(page, 'en', [photo('second.png')]);
  await inbox.composer.fill('Second photo');
  const chosen = page.getByRole('list', { name: 'Files to send' });
  await expect(chosen).toContainText('second.png');
  await expect(chosen).not.toContainText('first.png');
  await expect(inbox.message('First photo')).toBeVisible();
  await expect(chosen).toContainText('second.png');
  await expect(inbox.composer).toHaveValue('Second photo');
  await inbox.send.click();
  await expect(inbox.message('Second photo')).toContainText(/Delivered|Read/);
  await expect(inbox.message('First photo')).toContainText(/Delivered|Read/);
  const held = (await serverMessages(page)).filter((m) => m.text.endsWith(' photo'));
  expect(held.map((m) => [m.text, m.attachments?.length])).toEqual([['First photo', 1], ['Second photo', 1]]);
});

test('a send that fails after its upload is retried without uploading the file again', async ({ page }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  let uploads = 0;
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().includes('/api/attachments?')) uploads += 1;
  });
  let dropped = 0;
  await page.route('**/api/conversations/ken/messages', (route) => (dropped++ === 0 ? route.abort() : route.fallback()));
  await attach(page, 'en', [photo('once.png')]);
  await inbox.write('Uploaded once.');
  await expect(inbox.message('Uploaded once.')).toContainText(/Delivered|Read/, { timeout: 20_000 });
  expect(dropped).toBeGreaterThanOrEqual(2);
  expect(uploads).toBe(1);
});
