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
