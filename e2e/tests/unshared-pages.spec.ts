import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

// Facebook's window lets the admin share only some Pages, and the app then sees only those.
// The picker says so, and "Share more Pages" opens Facebook's Page choice again
// (`auth_type=rerequest`) with the Pages shared before still ticked.

const OFFICIAL = 'Sakura Trading Official';
const OUTLET = 'Sakura Outlet';

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    const hint = tr(lang, 'ページが見つかりませんか？', "Don't see a Page?");
    const shareMore = (page: Page) =>
      page.getByRole('button', { name: tr(lang, 'ほかのページを共有', 'Share more Pages') });

    /** `fresh`: Connect in settings, and Facebook's window open for the first time. */
    async function connectFresh(page: Page) {
      await scenario(page, 'fresh');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.connect.click();
      const wizard = new WizardPage(page, lang);
      return { settings, wizard, first: await wizard.openFacebook() };
    }

    test(`a Page left unticked in Facebook's window is shared afterwards, keeping the ticks and the visibility (${lang})`, async ({ page }) => {
      const { settings, wizard, first } = await connectFresh(page);
      await first.untick(OUTLET);
      await first.continue();
      await wizard.expectStep(3);
      await expect(wizard.page_(OFFICIAL)).toBeChecked();
      await expect(wizard.page_(OUTLET)).toHaveCount(0);
      await expect(page.getByText(hint)).toBeVisible();
      await settings.visibility('private').check();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-share-more-pages', lang);

      // Closing Facebook's window goes back to the same list, ticks and all.
      const closing = await wizard.openFacebook(shareMore(page));
      await closing.popup.close();
      await wizard.expectStep(3);
      await expect(wizard.page_(OFFICIAL)).toBeChecked();
      await expect(settings.visibility('private')).toBeChecked();

      const again = await wizard.openFacebook(shareMore(page));
      expect(again.popup.url()).toContain('auth_type=rerequest');
      // Facebook remembers what was shared: the earlier choice is ticked, the rest is not.
      await expect(again.popup.getByLabel(OFFICIAL, { exact: true })).toBeChecked();
      await expect(again.popup.getByLabel(OUTLET, { exact: true })).not.toBeChecked();
      await again.popup.getByLabel(OUTLET, { exact: true }).check();
      await again.continue();
      await wizard.expectStep(3);
      await expect(wizard.page_(OFFICIAL)).toBeChecked();
      await expect(wizard.page_(OUTLET)).not.toBeChecked();
      await expect(settings.visibility('private')).toBeChecked();
      await wizard.page_(OUTLET).check();
      await page.getByRole('button', { name: tr(lang, '2 件のページを連携', 'Connect 2 Pages') }).click();
      await wizard.expectStep(4);

      await settings.open();
      await expect(settings.visibility('private')).toBeChecked();
      for (const name of [OFFICIAL, OUTLET]) {
        await expect(page.getByRole('button', { name: tr(lang, `${name} の接続を解除`, `Disconnect ${name}`) })).toBeVisible();
      }
    });

    test(`nothing shared in Facebook's window: the same button shares a Page (${lang})`, async ({ page }) => {
      const { wizard, first } = await connectFresh(page);
      await first.untick(OFFICIAL, OUTLET);
      await first.continue();
      await wizard.expectStep(3);
      await expect(page.getByText(tr(lang, 'Facebook から CRM に共有されたページはありません。', 'Facebook shared no Pages with the CRM.'))).toBeVisible();
      await expect(page.getByText(hint)).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-no-pages-shared', lang);

      const again = await wizard.openFacebook(shareMore(page));
      await expect(again.popup.getByLabel(OFFICIAL, { exact: true })).not.toBeChecked();
      await again.popup.getByLabel(OUTLET, { exact: true }).check();
      await again.continue();
      await wizard.expectStep(3);
      // Nothing was ticked because nothing was listed: the Page shared now starts ticked.
      await expect(wizard.page_(OUTLET)).toBeChecked();
      await wizard.connectThisPage.click();
      await wizard.expectStep(4);
      await expect(page.getByText(OUTLET).first()).toBeVisible();
    });

    test(`Add a Page says which Pages Facebook shows, and shares more (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await page.getByRole('link', { name: tr(lang, 'ページを追加', 'Add a Page') }).click();
      const wizard = new WizardPage(page, lang);
      const first = await wizard.openFacebook();
      await first.untick(OUTLET);
      await first.continue();
      await wizard.expectStep(3);
      await expect(page.getByText(hint)).toBeVisible();
      const again = await wizard.openFacebook(shareMore(page));
      await again.popup.getByLabel(OUTLET, { exact: true }).check();
      await again.continue();
      await expect(wizard.page_(OUTLET)).toBeChecked();
      await expect(wizard.page_(OFFICIAL)).toBeDisabled();
      await expectNoAxeViolations(page);
    });
  });
}
