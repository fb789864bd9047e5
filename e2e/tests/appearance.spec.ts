import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { ConversationsPage } from '../pages/conversations';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

// Issue 30: the element's `theme` and the public `--messenger-*` appearance properties
// (style/tokens.css, docs/embedding.md "Appearance"). Every axe scan of the suite runs in the
// dark theme too (fixtures.ts); these save the dark screens and prove a host's brand reaches us.

/** The element's theme, as a host sets it. In-app navigation keeps it; a reload does not. */
const setTheme = (page: Page, theme: string) =>
  page.evaluate((theme) => document.querySelector('messenger-integration')!.setAttribute('theme', theme), theme);
const css = (page: Page, selector: string, property: string) =>
  page.locator(selector).first().evaluate((e, property) => getComputedStyle(e).getPropertyValue(property), property);

for (const lang of LANGS) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`dark: the settings, the wizard, a failure and a thread with attachments (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      expect(await css(page, '.msg-app', 'background-color')).toBe('rgb(245, 247, 250)');
      await setTheme(page, 'dark');
      expect(await css(page, '.msg-app', 'background-color')).toBe('rgb(15, 20, 25)');
      expect(await css(page, '.msg-app', 'color')).toBe('rgb(228, 231, 235)');
      await saveScreen(page, 'dark-settings-installed', lang);

      await scenario(page, 'fresh');
      await settings.open();
      await setTheme(page, 'dark');
      await settings.connect.click();
      const wizard = new WizardPage(page, lang);
      await wizard.expectStep(1);
      await saveScreen(page, 'dark-wizard-log-in', lang);
      const dialog = await wizard.openFacebook();
      await dialog.cancel();
      await expect(wizard.alert).toContainText(tr(lang, 'Facebook のウィンドウでキャンセルされました', 'You cancelled in the Facebook window'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'dark-failure-cancelled', lang);

      await scenario(page, 'installed');
      const inbox = new ConversationsPage(page, lang);
      await inbox.open('ken');
      await setTheme(page, 'dark');
      const sent = await page.request.post('/sim/inbound', {
        data: { customer: 'Ken Watanabe', text: '', attachments: [{ type: 'image' }, { type: 'file', name: 'invoice-0193.pdf' }] },
      });
      expect(sent.status()).toBe(201);
      await expect(page.getByRole('button', { name: tr(lang, 'Ken Watanabeさんからの写真', 'Photo from Ken Watanabe') })).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'dark-conversation-attachments', lang);
    });
  });
}

test('auto follows the reader\'s system setting', async ({ page }) => {
  await scenario(page, 'installed');
  await page.emulateMedia({ colorScheme: 'dark' });
  await new SettingsPage(page, 'en').open();
  await setTheme(page, 'auto');
  expect(await css(page, '.msg-app', 'background-color')).toBe('rgb(15, 20, 25)');
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await css(page, '.msg-app', 'background-color')).toBe('rgb(245, 247, 250)');
  // Light stays light in a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await setTheme(page, 'light');
  expect(await css(page, '.msg-app', 'background-color')).toBe('rgb(245, 247, 250)');
});

test('the host demo: a theme and a brand, set as a CRM sets them, reach the app', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/host-demo/settings/messaging');
  const app = page.locator('messenger-integration');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  // The host's own font, as nothing names another (host-demo.css: Georgia), and its accent.
  expect(await css(page, '.msg-app', 'font-family')).toMatch(/^Georgia/);
  const primary = page.locator('.msg-app .msg-button--primary, .msg-app a.msg-button--primary').first();
  await expect(primary).toHaveCSS('background-color', 'rgb(109, 40, 217)');

  await page.getByRole('group', { name: 'Brand of the app' }).getByRole('button', { name: 'Indigo' }).click();
  await expect(primary).toHaveCSS('background-color', 'rgb(67, 56, 202)');
  await expect(primary).toHaveCSS('border-radius', '12px');
  expect(await css(page, '.msg-app', 'font-family')).toMatch(/^system-ui/);
  await expectNoAxeViolations(page);
  await saveScreen(page, 'host-demo-brand-indigo', 'en');

  await page.getByRole('group', { name: 'Theme of the app' }).getByRole('button', { name: 'Dark' }).click();
  await expect(app).toHaveAttribute('theme', 'dark');
  await expect(primary).toHaveCSS('background-color', 'rgb(165, 180, 252)');
  await page.getByRole('group', { name: 'Brand of the app' }).getByRole('button', { name: 'Teal' }).click();
  await expect(primary).toHaveCSS('background-color', 'rgb(94, 234, 212)');
  await expect(primary).toHaveCSS('border-radius', '2px');
  await saveScreen(page, 'host-demo-brand-teal-dark', 'en');

  // Kept across a reload, as the demo stores it; and back to the defaults.
  await page.reload();
  await expect(app).toHaveAttribute('theme', 'dark');
  await page.getByRole('group', { name: 'Brand of the app' }).getByRole('button', { name: 'Default' }).click();
  await page.getByRole('group', { name: 'Theme of the app' }).getByRole('button', { name: 'Light' }).click();
  await expect(primary).toHaveCSS('background-color', 'rgb(109, 40, 217)');
});

test('the appearance object: the element\'s property and mount()\'s option, live; a name not ours is told', async ({ page }) => {
  await scenario(page, 'installed');
  await new SettingsPage(page, 'en').open();
  const primary = page.locator('.msg-app .msg-button--primary, .msg-app a.msg-button--primary').first();
  await expect(primary).toBeVisible();
  const errors: unknown[] = [];
  await page.exposeFunction('__error', (detail: unknown) => errors.push(detail));
  await page.evaluate(() => document.addEventListener('messenger:error', (e) => (window as any).__error((e as CustomEvent).detail)));
  await page.evaluate(() => {
    (document.querySelector('messenger-integration') as any).appearance = { colorPrimary: 'rgb(1, 2, 3)', radius: '10px', colour: 'red' };
  });
  await expect(primary).toHaveCSS('background-color', 'rgb(1, 2, 3)');
  await expect(primary).toHaveCSS('border-radius', '10px');
  await expect.poll(() => errors).toContainEqual({ code: 'invalid_attribute', attribute: 'appearance.colour', value: 'red', reference: null });
  // Set again: the new one replaces the old, radius included.
  await page.evaluate(() => {
    (document.querySelector('messenger-integration') as any).appearance = { colorPrimary: 'rgb(4, 5, 6)' };
  });
  await expect(primary).toHaveCSS('background-color', 'rgb(4, 5, 6)');
  await expect(primary).toHaveCSS('border-radius', '6px');

  // mount() on an element of the host's own: its theme and appearance, then changed live.
  await page.goto('/host-demo/settings/messaging');
  await page.getByRole('button', { name: 'Remove the app' }).click();
  await page.evaluate(async () => {
    const { mount } = await import('/messenger-integration.js' as string);
    const el = document.createElement('section');
    el.id = 'mounted-by-js';
    document.querySelector('main')!.append(el);
    const handle = mount(el, { basePath: '/host-demo', view: 'settings', theme: 'dark', appearance: { colorBackground: 'rgb(7, 8, 9)' } });
    (window as any).__handle = handle;
    await handle.ready;
  });
  const root = page.locator('#mounted-by-js > .msg-app');
  await expect(root).toHaveCSS('background-color', 'rgb(7, 8, 9)');
  await expect(root).toHaveCSS('color', 'rgb(228, 231, 235)');
  await page.evaluate(() => {
    (window as any).__handle.setTheme('light');
    (window as any).__handle.setAppearance({ colorBackground: 'rgb(10, 11, 12)' });
  });
  await expect(root).toHaveCSS('background-color', 'rgb(10, 11, 12)');
  await expect(root).toHaveCSS('color', 'rgb(31, 41, 51)');
});
