import { type Page, type Request } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, watchRemoval, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';
import { WizardPage } from '../pages/wizard';

// The app as a CRM embeds it: <messenger-integration> on the dev backend's fake CRM page
// (/host-demo/, host-demo/index.html) under `base-path="/host-demo"`, with the strict CSP that
// every e2e test runs under (fixtures.ts). The host hears the app through `messenger:*` events.

const EVENTS = [
  'messenger:ready',
  'messenger:integration-change',
  'messenger:awaiting-reply',
  'messenger:navigate',
  'messenger:session-expired',
  'messenger:error',
];
type Heard = { type: string; detail: any };

/** Records every `messenger:*` event that reaches `document`, from before the page's own scripts run. */
async function listen(page: Page) {
  await page.addInitScript((names) => {
    (window as any).__heard = [];
    for (const name of names) {
      document.addEventListener(name, (e) => (window as any).__heard.push({ type: name, detail: (e as CustomEvent).detail }));
    }
  }, EVENTS);
}

const heard = (page: Page): Promise<Heard[]> => page.evaluate(() => (window as any).__heard);
const last = async (page: Page, type: string) => (await heard(page)).filter((e) => e.type === type).at(-1)?.detail;

/** Waits until the newest `type` event has this detail. */
async function expectHeard(page: Page, type: string, detail: unknown) {
  await expect.poll(() => last(page, type), { message: `${type} detail` }).toEqual(detail);
}

const app = (page: Page) => page.locator('messenger-integration');

for (const lang of LANGS) {
  test.describe(`embedded in a CRM page (${lang})`, () => {
    test.use({ lang });

    test('the whole install flow runs inside the host page, under its prefix, and tells the host', async ({ page }) => {
      await scenario(page, 'fresh');
      await listen(page);
      const completions: string[] = [];
      page.context().on('request', (r: Request) => {
        if (r.url().includes('/facebook/complete')) completions.push(new URL(r.url()).pathname);
      });
      await page.goto('/host-demo/settings/messaging');
      const settingsTitle = tr(lang, 'メッセージング設定', 'Messaging settings');
      await expect(app(page).getByRole('heading', { level: 1, name: settingsTitle })).toBeVisible();
      await expect(page.getByText('Sakura CRM').first()).toBeVisible();
      // chrome="none": the host's header replaces the app's own.
      await expect(app(page).getByRole('banner')).toHaveCount(0);

      await expectHeard(page, 'messenger:ready', { path: '/settings/messaging' });
      await expectHeard(page, 'messenger:integration-change', { state: 'not_installed', visibility: null, pages: [] });
      await expectHeard(page, 'messenger:navigate', { path: '/settings/messaging' });
      expect((await heard(page)).filter((e) => e.type === 'messenger:ready')).toHaveLength(1);
      await expect(page.getByRole('log').getByRole('listitem').first()).toBeVisible();
      await expectNoAxeViolations(page, { wholePage: true });
      await saveScreen(page, 'host-demo-settings', lang);

      const connect = app(page).getByRole('link', { name: tr(lang, '連携する', 'Connect'), exact: true });
      await expect(connect).toHaveAttribute('href', '/host-demo/settings/messaging/facebook/connect');
      await connect.click();
      await expect(page).toHaveURL(/\/host-demo\/settings\/messaging\/facebook\/connect(\?|$)/);
      // The app-relative path with its query, as the wizard keeps its step in the address.
      await expectHeard(page, 'messenger:navigate', { path: '/settings/messaging/facebook/connect?step=log-in' });
      // A route change moves focus to the new page's heading, not to <body>.
      await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'Facebook Messenger を連携', 'Connect Facebook Messenger') })).toBeFocused();

      const wizard = new WizardPage(page, lang);
      await wizard.expectStep(1);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.expectStep(3);
      await wizard.connectThisPage.click();
      await wizard.expectStep(4);
      expect(completions).toEqual(['/host-demo/settings/messaging/facebook/complete']);
      await expectHeard(page, 'messenger:integration-change', {
        state: 'installed',
        visibility: 'shared',
        pages: [{ id: expect.any(String), name: 'Sakura Trading Official', health: 'healthy' }],
      });
      await expectNoAxeViolations(page, { wholePage: true });
      await saveScreen(page, 'host-demo-wizard-done', lang);

      // The host's warning badge follows the app's health reports.
      await expect(page.getByRole('navigation', { name: 'CRM' }).getByText('Needs attention')).toBeHidden();
    });

    test('a reply inside the host page; the unread badge and the host language switch follow', async ({ page }) => {
      await scenario(page, 'installed');
      await listen(page);
      await page.goto('/host-demo/messaging');
      const inbox = new ConversationsPage(page, lang);
      await expect(app(page).getByRole('heading', { level: 1, name: tr(lang, '会話', 'Conversations') })).toBeVisible();
      // Ken (2 h ago) and Mina (closes in 4 h) and Sora wait for a reply; Riku's window has closed.
      await expectHeard(page, 'messenger:awaiting-reply', { count: 3, closing_within_24h: 1 });
      await expect(inbox.customer('Ken Watanabe')).toHaveAttribute('href', '/host-demo/messaging/ken');

      await inbox.customer('Ken Watanabe').click();
      await expectHeard(page, 'messenger:navigate', { path: '/messaging/ken' });
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeFocused();
      await inbox.write('We ship to Hokkaido, yes.');
      await expect(inbox.message('We ship to Hokkaido, yes.')).toContainText(tr(lang, '配信済み', 'Delivered'));
      await expectHeard(page, 'messenger:awaiting-reply', { count: 2, closing_within_24h: 1 });
      await expectNoAxeViolations(page, { wholePage: true });
      await saveScreen(page, 'host-demo-conversation', lang);

      // The host's own switch sets the element's `locale`: the app changes language without a remount.
      const other = lang === 'ja' ? 'English' : '日本語';
      const navigations = (await heard(page)).length;
      await page.getByRole('button', { name: other, exact: true }).click();
      await expect(app(page)).toHaveAttribute('locale', lang === 'ja' ? 'en' : 'ja');
      await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'Conversations', '会話') })).toBeVisible();
      await expect(inbox.message('We ship to Hokkaido, yes.')).toBeVisible();
      // Still the same app: nothing was mounted again.
      expect((await heard(page)).slice(navigations).filter((e) => e.type === 'messenger:ready')).toEqual([]);

      // A reload of a deep address under the prefix lands on the same conversation.
      await page.reload();
      await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
    });
  });
}

test('removing the element stops all network activity; the outbox waits for the next mount', async ({ page, context }) => {
  test.setTimeout(60_000);
  await scenario(page, 'installed');
  const watch = watchRemoval(page);
  await page.goto('/host-demo/messaging/ken');
  const inbox = new ConversationsPage(page, 'en');
  await expect(inbox.composer).toBeVisible();
  const poll = await watch.waitingPoll();

  const aborted = page.waitForEvent('requestfailed', (r) => r === poll);
  watch.removing();
  await page.getByRole('button', { name: 'Remove the app' }).click();
  await expect(app(page)).toHaveCount(0);
  await aborted;
  // Longer than a long poll's wait (10 s), so a loop left running would have asked again.
  await page.waitForTimeout(11_000);
  expect(watch.after, 'API requests after removal').toEqual([]);

  // A message queued offline stays in storage while no app is mounted, and goes out with the next one.
  await page.getByRole('button', { name: 'Add the app again' }).click();
  await expect(inbox.composer).toBeVisible();
  await context.setOffline(true);
  await inbox.write('Queued, then the app was removed.');
  await page.getByRole('button', { name: 'Remove the app' }).click();
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('msg_ui_outbox:')).length);
  expect(stored).toBe(1);
  await context.setOffline(false);
  await page.getByRole('button', { name: 'Add the app again' }).click();
  await expect(inbox.message('Queued, then the app was removed.')).toContainText('Delivered');
});

test('a read still retrying when the element is removed ends quietly: no request after removal, no crash', async ({ page, context }) => {
  test.setTimeout(60_000);
  await scenario(page, 'installed');
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/host-demo/messaging/ken');
  const inbox = new ConversationsPage(page, 'en');
  await expect(inbox.composer).toBeVisible();
  await page.getByRole('button', { name: 'Remove the app' }).click();
  // Mounted offline: its first reads fail and wait to be asked again (api.rs, READ_RETRIES).
  await context.setOffline(true);
  const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/api/me'));
  await page.getByRole('button', { name: 'Add the app again' }).click();
  await failed;
  await page.getByRole('button', { name: 'Remove the app' }).click();
  await expect(app(page)).toHaveCount(0);
  const after: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/')) after.push(r.url());
  });
  await context.setOffline(false);
  // Longer than every retry of a read (at most 1 + 2 + 4 s).
  await page.waitForTimeout(8_000);
  expect(after, 'API requests after removal').toEqual([]);
  expect(errors, 'uncaught errors (a panic)').toEqual([]);
  await page.getByRole('button', { name: 'Add the app again' }).click();
  await inbox.write('After the removed one gave up.');
  await expect(inbox.message('After the removed one gave up.')).toContainText('Delivered');
});

test('a queue mounted while the browser says offline goes out when it is back, even if no online event reaches the app', async ({ page }) => {
  // CI once saw the next mount read navigator.onLine as false just after going online, and
  // then hear no `online` event. Here the browser's word changes with no event at all.
  await page.addInitScript(() => {
    (window as any).__online = true;
    Object.defineProperty(Navigator.prototype, 'onLine', { get: () => (window as any).__online, configurable: true });
  });
  await scenario(page, 'installed');
  await page.goto('/host-demo/messaging/ken');
  const inbox = new ConversationsPage(page, 'en');
  await expect(inbox.composer).toBeEnabled();
  await page.getByRole('button', { name: 'Remove the app' }).click();
  await page.evaluate(() => ((window as any).__online = false));
  await page.getByRole('button', { name: 'Add the app again' }).click();
  await inbox.write('Written while the browser said offline.');
  await expect(inbox.message('Written while the browser said offline.')).toContainText('Waiting to send');
  await expect(page.getByRole('status')).toHaveText('You are offline. Messages will be sent when you are back.');
  await page.evaluate(() => ((window as any).__online = true));
  await expect(inbox.message('Written while the browser said offline.')).toContainText('Delivered');
  await expect(page.getByRole('paragraph').filter({ hasText: 'You are offline.' })).toHaveCount(0);
});

test('the host hears a lost session and every error screen', async ({ page }) => {
  await scenario(page, 'installed');
  await listen(page);
  await page.goto('/host-demo/settings/messaging');
  await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();

  // The CRM session ends: the next API call answers 401, and so does the app's one try to sign
  // in again through /me, so the host is told to sign in again.
  let refused = 0;
  page.on('response', (r) => {
    if (r.status() === 401 && r.url().includes('/diagnostics/')) refused += 1;
  });
  await page.request.post('/sim/sign-out');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expectHeard(page, 'messenger:session-expired', {});
  // Every check is refused, and the host hears of the one lost session once.
  await expect.poll(() => refused).toBeGreaterThanOrEqual(3);
  const expired = async () => (await heard(page)).filter((e) => e.type === 'messenger:session-expired').length;
  expect(await expired()).toBe(1);

  // The host signs in again (a CRM page load, here in the background) and hands the new token
  // to the live element: a change then saves without a remount (the old token is refused).
  await page.request.get('/host-demo/');
  const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
  await app(page).evaluate((el, token) => el.setAttribute('csrf-token', token), me.csrf_token);
  await page.getByRole('group', { name: 'Visibility' }).getByRole('radio', { name: /^Private/ }).check();
  await expect
    .poll(async () => (await (await page.request.get('/api/integrations/facebook')).json()).visibility)
    .toBe('private');
  expect((await heard(page)).filter((e) => e.type === 'messenger:ready')).toHaveLength(1);

  // The session came back; losing it again is news again.
  await page.request.post('/sim/sign-out');
  await page.getByRole('button', { name: 'Check connection' }).click();
  await expect.poll(expired).toBe(2);
  await page.request.get('/host-demo/');

  await page.request.post('/sim/faults', { data: { rate: 1, kinds: ['http_500'] } });
  await page.goto('/host-demo/settings/messaging');
  await expect(page.getByRole('alert').filter({ hasText: 'The server ran into a problem' })).toBeVisible({ timeout: 30_000 });
  const error = await last(page, 'messenger:error');
  expect(error.code).toBe('server');
  await page.request.post('/sim/faults', { data: { rate: 0 } });
});

test('in an iframe, events reach the parent by postMessage, only for the origin it named', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/host-demo/iframe.html');
  const trusted = page.frameLocator('iframe[title="Messenger (trusted origin)"]');
  const wrong = page.frameLocator('iframe[title="Messenger (wrong origin)"]');
  await expect(trusted.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await expect(wrong.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  const log = page.getByRole('log', { name: 'Messages received' });
  await expect(log).toContainText('trusted: messenger:ready');
  await expect(log).toContainText('trusted: messenger:integration-change');
  // The wrong frame posted to https://evil.example, which the browser never delivers here.
  await expect(wrong.getByText('Sakura Trading Official').first()).toBeVisible();
  await expect(log).not.toContainText('wrong:');
  await expectNoAxeViolations(page, { wholePage: true });
  await saveScreen(page, 'host-demo-iframe', 'en');
});

test('the JS API: mount(), setLocale() and unmount()', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/host-demo/settings/messaging');
  await expect(app(page).getByRole('heading', { level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Remove the app' }).click();
  await page.evaluate(async () => {
    const { mount } = await import('/messenger-integration.js' as string);
    const el = document.createElement('section');
    el.id = 'mounted-by-js';
    el.setAttribute('aria-label', 'Mounted by JS');
    document.querySelector('main')!.append(el);
    // A full BCP 47 tag, as hosts store it, names its language.
    const handle = mount(el, { basePath: '/host-demo', view: 'settings', chrome: 'none', locale: 'ja-JP' });
    (window as any).__handle = handle;
    await handle.ready;
  });
  const mounted = page.locator('#mounted-by-js');
  await expect(mounted.getByRole('heading', { level: 1, name: 'メッセージング設定' })).toBeVisible();
  await page.evaluate(() => (window as any).__handle.setLocale('EN-gb'));
  await expect(mounted.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await page.evaluate(() => (window as any).__handle.unmount());
  await expect(mounted).toBeEmpty();
});

test('the dev backend sends the strict CSP that the whole e2e run renders under', async ({ page }) => {
  const res = await page.request.get('/settings/messaging');
  expect(res.headers()['content-security-policy']).toBe(
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'; object-src 'none'",
  );
  const html = await res.text();
  expect(html).toContain('<messenger-integration standalone>');
});

test('an attribute that cannot be read is named to the host and its default used; crm/ reads as /crm', async ({ page }) => {
  await scenario(page, 'installed');
  await listen(page);
  await page.goto('/host-demo/settings/messaging');
  await expect(app(page).getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(() => {
    document.getElementById('crm-slot')!.innerHTML =
      '<messenger-integration base-path="host-demo/" locale="tlh" api-base="https://elsewhere.example/api" chrome="none"></messenger-integration>';
  });
  // The prefix read as /host-demo, the API at its default, the language the browser's.
  await expect(app(page).getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await expect(app(page).getByText('Sakura Trading Official').first()).toBeVisible();
  const errors = (await heard(page)).filter((e) => e.type === 'messenger:error').map((e) => e.detail);
  expect(errors).toEqual([
    { code: 'invalid_attribute', attribute: 'api-base', value: 'https://elsewhere.example/api', reference: null },
    { code: 'invalid_attribute', attribute: 'locale', value: 'tlh', reference: null },
  ]);
});
