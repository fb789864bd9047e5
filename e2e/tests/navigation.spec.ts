import { test, expect, scenario } from '../fixtures';

// The app's own router (src/nav.rs, src/domain/route.rs): links move the address without a
// reload, say where the user is, and leave modified clicks and the host's links alone.

/** Set once on the page: still there after a move, gone after a reload. */
const mark = (page: import('@playwright/test').Page) => page.evaluate(() => ((window as any).__notReloaded = true));
const notReloaded = (page: import('@playwright/test').Page) => page.evaluate(() => (window as any).__notReloaded === true);

test('links move the address without a reload, mark the current page, and Back comes back', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await mark(page);
  const header = page.getByRole('navigation', { name: 'Messaging sections' });
  const settingsLink = header.getByRole('link', { name: 'Settings', exact: true });
  const conversationsLink = header.getByRole('link', { name: 'Conversations', exact: true });
  await expect(settingsLink).toHaveAttribute('aria-current', 'page');
  await expect(conversationsLink).not.toHaveAttribute('aria-current', /.*/);

  await conversationsLink.click();
  await expect(page).toHaveURL(/\/messaging$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
  await expect(conversationsLink).toHaveAttribute('aria-current', 'page');
  await expect(settingsLink).not.toHaveAttribute('aria-current', /.*/);

  const ken = page.getByRole('navigation', { name: 'Customers' }).getByRole('link', { name: /Ken Watanabe/ });
  await ken.click();
  await expect(page).toHaveURL(/\/messaging\/ken$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
  await expect(ken).toHaveAttribute('aria-current', 'page');
  // Conversations is still the section the user is in.
  await expect(conversationsLink).toHaveAttribute('aria-current', 'page');

  await page.goBack();
  await expect(page).toHaveURL(/\/messaging$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toHaveCount(0);
  await expect(ken).not.toHaveAttribute('aria-current', /.*/);
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
  expect(await notReloaded(page)).toBe(true);
});

test('a link opened with a modifier key is left to the browser', async ({ page, context }) => {
  await scenario(page, 'installed');
  await page.goto('/messaging');
  const ken = page.getByRole('navigation', { name: 'Customers' }).getByRole('link', { name: /Ken Watanabe/ });
  const opened = context.waitForEvent('page');
  await ken.click({ modifiers: ['ControlOrMeta'] });
  const tab = await opened;
  await expect(tab).toHaveURL(/\/messaging\/ken$/);
  // This page stays where it was.
  await expect(page).toHaveURL(/\/messaging$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toHaveCount(0);
});

test("the host's own links stay the host's: the app does not take them over", async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/host-demo/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await mark(page);
  await page.getByRole('navigation', { name: 'CRM' }).getByRole('link', { name: 'Conversations' }).click();
  await expect(page).toHaveURL(/\/host-demo\/messaging$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
  // The host's page loaded anew, as the host's link asked.
  expect(await notReloaded(page)).toBe(false);
});

test('an address under the host prefix that the app does not know shows Page not found, with a way back', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/host-demo/settings/nowhere');
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to Messaging settings' }).click();
  await expect(page).toHaveURL(/\/host-demo\/settings\/messaging$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
});
