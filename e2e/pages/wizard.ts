import { type Page, expect } from '@playwright/test';
import { tr, type Lang } from '../fixtures';

/** /settings/messaging/facebook/connect */
export class WizardPage {
  constructor(readonly page: Page, readonly lang: Lang) {}

  stepHeading(n: number) {
    return this.page.getByRole('heading', { level: 2, name: new RegExp(tr(this.lang, `^ステップ ${n}/4`, `^Step ${n} of 4`)) });
  }

  get continueWithFacebook() {
    return this.page.getByRole('button', { name: tr(this.lang, 'Facebook で続ける', 'Continue with Facebook') });
  }

  /** Clicks the button that opens Facebook and returns the simulated dialog. */
  async openFacebook(button = this.continueWithFacebook) {
    const popup = this.page.waitForEvent('popup');
    await button.click();
    const dialog = new FacebookDialog(await popup);
    await dialog.popup.getByRole('heading', { name: 'Log in with Facebook' }).waitFor();
    return dialog;
  }

  page_(name: string) {
    return this.page.getByRole('checkbox', { name, exact: true });
  }

  get connectThisPage() {
    return this.page.getByRole('button', { name: tr(this.lang, 'このページを連携', 'Connect this Page') });
  }

  get alert() {
    return this.page.getByRole('alert');
  }

  async expectStep(n: number) {
    await expect(this.stepHeading(n)).toBeVisible();
    await expect(this.page.locator('[aria-current="step"]')).toContainText(
      [tr(this.lang, 'Facebook にログイン', 'Log in with Facebook'), tr(this.lang, '権限を許可', 'Grant permissions'),
        tr(this.lang, 'ページを選択', 'Choose a Page'), tr(this.lang, '完了', 'Done')][n - 1],
    );
  }
}

/** The dev backend's simulated Facebook login dialog, in the popup. */
export class FacebookDialog {
  constructor(readonly popup: Page) {}

  scopes() {
    return this.popup.getByRole('group', { name: 'Permissions' }).getByRole('checkbox');
  }

  async untick(...names: string[]) {
    for (const name of names) await this.popup.getByLabel(name, { exact: true }).uncheck();
  }

  async continue() {
    const closed = this.popup.waitForEvent('close');
    await this.popup.getByRole('button', { name: 'Continue' }).click();
    await closed;
  }

  async cancel() {
    const closed = this.popup.waitForEvent('close');
    await this.popup.getByRole('button', { name: 'Cancel' }).click();
    await closed;
  }
}
