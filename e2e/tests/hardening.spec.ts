import { test, expect, expectNoAxeViolations, saveScreen, scenario } from '../fixtures';
import type { Page } from '@playwright/test';
import { ConversationsPage } from '../pages/conversations';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

// What the server answers as a URL is never followed unless it is Facebook over https or a
// path of this origin. The dev backend answers each of these for every appeal, Page settings
// and dialog URL (`/sim/answer-urls`).
const HOSTILE = [
  'javascript:alert(document.domain)',
  'data:text/html,<script>alert(1)</script>',
  '//evil.example/appeal',
  'https://evil.example/appeal',
  'https://user:secret@www.facebook.com/appeal',
];

/** Every href on the page: none may be the hostile one. */
const hrefs = (page: Page) => page.locator('a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));

for (const url of HOSTILE) {
  test(`a restricted Page whose appeal URL is ${url.slice(0, 24)}…: the reason shows, the link does not`, async ({ page }) => {
    await scenario(page, 'page_restricted');
    await page.request.post('/sim/answer-urls', { data: { url } });

    const inbox = new ConversationsPage(page, 'en');
    await inbox.open('ken');
    const banner = page.getByRole('alert').filter({ hasText: 'restricted this Page' });
    await expect(banner).toContainText('Messenger policy');
    await expect(banner.getByRole('link')).toHaveCount(0);
    expect(await hrefs(page)).not.toContain(url);

    await new SettingsPage(page, 'en').open();
    await expect(page.getByText('Sakura Trading Official').first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Appeal in Page support' })).toHaveCount(0);
    expect(await hrefs(page)).not.toContain(url);
  });

  test(`a dialog URL of ${url.slice(0, 24)}… is never opened: the wizard says the answer was unreadable`, async ({ page }) => {
    await scenario(page, 'fresh');
    await page.request.post('/sim/answer-urls', { data: { url } });
    const wizard = new WizardPage(page, 'en');
    await page.goto('/settings/messaging/facebook/connect');
    const popup = page.waitForEvent('popup');
    await wizard.continueWithFacebook.click();
    const opened = await popup;
    await expect.poll(() => opened.isClosed()).toBe(true);
    expect(opened.url()).not.toContain('evil');
    await expect(wizard.alert.filter({ hasText: 'The server sent an answer this app cannot read' })).toBeVisible();
  });
}

test('a link cannot add scopes or parameters to the Facebook dialog', async ({ page }) => {
  await scenario(page, 'installed_permission_missing');
  const hostile = 'pages_messaging&redirect_uri=https://evil.example/&response_type=token';
  await page.goto(`/settings/messaging/facebook/connect?purpose=rerequest&permissions=${encodeURIComponent(hostile)}`);
  const wizard = new WizardPage(page, 'en');
  await wizard.expectStep(1);
  await expect(page.getByText('evil.example')).toHaveCount(0);
  const dialog = await wizard.openFacebook();
  const asked = new URL(dialog.popup.url()).searchParams;
  expect(asked.getAll('redirect_uri')).toEqual(['/api/integrations/facebook/callback']);
  expect(asked.getAll('response_type')).toEqual([]);
  expect(asked.get('scope')!.split(',')).not.toContain(hostile);
  await expectNoAxeViolations(page);
  await saveScreen(page, 'wizard-hostile-link', 'en');
});

test('a message waiting to go out can be deleted, and is never sent', async ({ page, context }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  await context.setOffline(true);
  await inbox.write('Sent by mistake, take it back.');
  const mine = inbox.message('Sent by mistake, take it back.');
  await expect(mine).toContainText('Waiting to send');
  await mine.getByRole('button', { name: 'Delete' }).click();
  await expect(mine).toHaveCount(0);
  await expect(inbox.composer).toBeFocused();
  await context.setOffline(false);
  await page.reload();
  await expect(inbox.message('Yes please! And do you ship to Hokkaido?')).toBeVisible();
  await expect(mine).toHaveCount(0);
  const ken = await (await page.request.get('/api/conversations/ken')).json();
  expect(ken.messages.map((m: { text: string }) => m.text)).not.toContain('Sent by mistake, take it back.');
});

test('a queued message survives the host clearing localStorage in another tab', async ({ page, context }) => {
  await scenario(page, 'installed');
  const inbox = new ConversationsPage(page, 'en');
  await inbox.open('ken');
  const other = await context.newPage();
  await other.goto('/settings/messaging');
  await context.setOffline(true);
  await inbox.write('Still here after a clear.');
  await expect(inbox.message('Still here after a clear.')).toContainText('Waiting to send');
  const outboxKeys = (p: Page) =>
    p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('msg_ui_outbox:')).length);
  await expect.poll(() => outboxKeys(page)).toBe(1);
  await other.evaluate(() => localStorage.clear());
  await expect.poll(() => outboxKeys(page)).toBe(1);
  await other.close();
  await context.setOffline(false);
  await expect(inbox.message('Still here after a clear.')).toContainText(/Delivered|Read/);
});

// The CRM rotates the CSRF token (`/sim/rotate-csrf`): the app's next mutating request is
// refused once, renews the token through GET /api/me, and goes through without a word.
test.describe('a rotated CSRF token is renewed by the app itself', () => {
  const rotate = (page: Page) => page.request.post('/sim/rotate-csrf');
  const integration = async (page: Page) => (await page.request.get('/api/integrations/facebook')).json();

  test('visibility change, then uninstall', async ({ page }) => {
    await scenario(page, 'installed');
    const settings = new SettingsPage(page, 'en');
    await settings.open();
    await rotate(page);
    await page.getByRole('group', { name: 'Visibility' }).getByRole('radio', { name: /^Private/ }).check();
    await expect(page.getByRole('status')).toHaveText('Visibility saved.');
    expect((await integration(page)).visibility).toBe('private');

    await rotate(page);
    await settings.uninstall.click();
    await settings.uninstallDialog.getByRole('button', { name: 'Uninstall' }).click();
    await expect(settings.connect).toBeVisible();
    expect((await integration(page)).state).toBe('not_installed');
  });

  test('install start and page connect', async ({ page }) => {
    await scenario(page, 'fresh');
    const wizard = new WizardPage(page, 'en');
    await page.goto('/settings/messaging/facebook/connect');
    await rotate(page);
    const dialog = await wizard.openFacebook();
    await dialog.continue();
    await wizard.expectStep(3);
    await rotate(page);
    await wizard.connectThisPage.click();
    await wizard.expectStep(4);
    expect((await integration(page)).state).toBe('installed');
  });

  test('deleting a refused message', async ({ page }) => {
    await scenario(page, 'installed');
    const inbox = new ConversationsPage(page, 'en');
    await inbox.open('ken');
    await page.request.post('/sim/customer', { data: { customer: 'Ken Watanabe', available: false } });
    await inbox.write('This one will be refused.');
    const mine = inbox.message('This one will be refused.');
    await expect(mine.getByRole('button', { name: 'Delete' })).toBeVisible();
    await rotate(page);
    await mine.getByRole('button', { name: 'Delete' }).click();
    await expect(mine).toHaveCount(0);
    await expect
      .poll(async () => (await (await page.request.get('/api/conversations/ken')).json()).messages.map((m: { text: string }) => m.text))
      .not.toContain('This one will be refused.');
  });
});
