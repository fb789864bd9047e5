import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import { FacebookDialog, WizardPage } from '../pages/wizard';

// Issue 30: a host page sent with `Cross-Origin-Opener-Policy: same-origin` (a CRM that isolates
// its window) loses its popup as soon as it goes to Facebook: the popup has no opener, and the
// page sees it as closed, which it cannot tell from the admin closing it. It says both, and
// the install still completes: the popup hands the result for its `state` to the app's tabs
// over BroadcastChannel and closes, and the page resumes by that `state`.
for (const lang of LANGS) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`a host page with COOP same-origin: the popup is cut off, and the install completes (${lang})`, async ({ page, context }) => {
      await scenario(page, 'fresh');
      // The connect page as such a host would send it.
      await page.route('**/settings/messaging/facebook/connect*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: { ...response.headers(), 'cross-origin-opener-policy': 'same-origin' } });
      });
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      // Cut off, the window is no popup of this page to the browser: any new page of the context.
      const opened = context.waitForEvent('page');
      await wizard.continueWithFacebook.click();
      const dialog = new FacebookDialog(await opened);
      await dialog.popup.getByRole('heading', { name: 'Log in with Facebook' }).waitFor();
      expect(await dialog.popup.evaluate(() => window.opener)).toBeNull();
      await expect(wizard.alert).toContainText(tr(lang, 'Facebook のウィンドウが閉じられました', 'The Facebook window was closed'));
      await expect(wizard.alert).toContainText(tr(lang, 'そのウィンドウで最後まで進めてください', 'finish in that window'));

      const closed = dialog.popup.waitForEvent('close');
      await dialog.continue();
      await wizard.expectStep(3);
      await closed;
      await expect(wizard.page_('Sakura Trading Official')).toBeChecked();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-coop-choose-page', lang);
    });
  });
}
