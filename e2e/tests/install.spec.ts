import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS } from '../fixtures';
import type { Page } from '@playwright/test';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

for (const lang of LANGS) {
  test.describe(`install (${lang})`, () => {
    test.use({ lang });

    test('fresh: Connect, grant everything, pick Sakura Trading Official, done', async ({ page }) => {
      await scenario(page, 'fresh');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-not-installed', lang);

      await settings.connect.click();
      const wizard = new WizardPage(page, lang);
      await wizard.expectStep(1);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-log-in', lang);

      const dialog = await wizard.openFacebook();
      await expect(dialog.scopes()).toHaveCount(5);
      await dialog.continue();

      await wizard.expectStep(3);
      await expect(wizard.stepHeading(3)).toBeFocused();
      await expect(page).toHaveURL(/step=choose-page&state=st_/);
      await expect(wizard.page_('Sakura Trading Official')).toBeChecked();
      await expect(wizard.page_('Sakura Outlet')).toBeEnabled();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-choose-page', lang);

      await wizard.connectThisPage.click();
      await wizard.expectStep(4);
      await expect(page.getByText(tr(lang, 'Sakura Trading Official を連携しました。', 'Sakura Trading Official is connected.'))).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-done', lang);

      // A reload resumes at the same step.
      await page.reload();
      await wizard.expectStep(4);

      await settings.open();
      await expect(page.getByText('Sakura Trading Official')).toBeVisible();
      await expect(page.getByText(tr(lang, '正常', 'Healthy'), { exact: true })).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-installed', lang);
    });

    test('fresh_regular_user: a read-only page that names the admins', async ({ page }) => {
      await scenario(page, 'fresh_regular_user');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, 'Facebook Messenger の連携は管理者のみが行えます', 'Only an admin can connect Facebook Messenger'))).toBeVisible();
      await expect(page.getByRole('link', { name: 'Haruto Sato' })).toHaveAttribute('href', /^mailto:haruto/);
      await expect(page.getByRole('link', { name: 'Aiko Tanaka' })).toBeVisible();
      await expect(settings.connect).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-regular-user', lang);

      // The wizard's address does not let them in either.
      await page.goto('/settings/messaging/facebook/connect');
      await expect(page.getByRole('alert')).toContainText(tr(lang, '管理者のみ', 'Only an admin'));
      await expect(page.getByRole('button', { name: tr(lang, 'Facebook で続ける', 'Continue with Facebook') })).toHaveCount(0);
    });

    test('private_install_by_other_admin: said up front, named in the picker, and explained', async ({ page }) => {
      await scenario(page, 'private_install_by_other_admin');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByRole('heading', { name: tr(lang, 'Aiko Tanaka さんが Facebook Messenger を非公開でインストールしています', 'Aiko Tanaka has installed Facebook Messenger privately') })).toBeVisible();
      const message = page.getByRole('textbox', { name: tr(lang, 'Aiko Tanaka さんへのメッセージ', 'Message for Aiko Tanaka') });
      await expect(message).toHaveValue(/Aiko Tanaka/);
      await expect(page.getByRole('link', { name: tr(lang, 'Aiko Tanaka さんにメールする', 'Email Aiko Tanaka') })).toHaveAttribute('href', /^mailto:aiko\.tanaka@/);
      await page.getByRole('radio', { name: tr(lang, 'アンインストールを依頼する', 'Ask them to uninstall it') }).check();
      await expect(message).toHaveValue(tr(lang, /アンインストールしていただけますか/, /could you uninstall/));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-private-install', lang);

      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.expectStep(3);
      await expect(wizard.page_('Sakura Trading Official')).toBeDisabled();
      await expect(page.getByText(tr(lang, 'Aiko Tanaka さんが非公開で連携中', 'Connected privately by Aiko Tanaka'))).toBeVisible();

      // Connecting the other Page fails the same way: one install per company account.
      await wizard.page_('Sakura Outlet').check();
      await wizard.connectThisPage.click();
      await expect(wizard.alert).toContainText(tr(lang, 'Aiko Tanaka さんがすでに会社アカウントを非公開で連携しています', 'Aiko Tanaka has already connected your company account privately'));
      await expect(wizard.alert).toContainText(tr(lang, 'ツールとアプリ > メッセージング', 'Tools and apps > Messaging'));
      await expect(page.getByRole('button', { name: tr(lang, 'メッセージをコピー', 'Copy message') })).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-private-install', lang);
    });

    test('page_on_other_company: shown in the picker with both ways out', async ({ page }) => {
      await scenario(page, 'page_on_other_company');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await expect(wizard.page_('Sakura Outlet')).toBeDisabled();
      await expect(page.getByText(tr(lang, '別の会社アカウントに連携中：Kitami Foods', 'Connected to another company account: Kitami Foods'))).toBeVisible();
      // What the admin ticked and chose before reading the fix is still there after it.
      const settings = new SettingsPage(page, lang);
      await wizard.page_('Sakura Trading Official').uncheck();
      await settings.visibility('private').check();
      await page.getByRole('button', { name: tr(lang, '解決方法', 'How to fix') }).click();

      await expect(wizard.alert).toContainText(tr(lang, 'このページは別の会社アカウントに連携されています', 'This Page is connected to another company account'));
      await expect(wizard.alert).toContainText('Kitami Foods');
      await expect(page.getByRole('link', { name: tr(lang, 'ビジネス統合を開く', 'Open Business Integrations') })).toHaveAttribute('href', /business_integrations/);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-other-company', lang);

      // Back to the same list, without signing in again.
      await page.getByRole('button', { name: tr(lang, 'ページの一覧に戻る', 'Back to your Pages') }).click();
      await wizard.expectStep(3);
      await expect(wizard.page_('Sakura Outlet')).toBeDisabled();
      await expect(wizard.page_('Sakura Trading Official')).not.toBeChecked();
      await expect(settings.visibility('private')).toBeChecked();
      await page.getByRole('button', { name: tr(lang, 'Sakura Outlet の解決方法', 'How to fix Sakura Outlet') }).click();

      // Try again starts a new sign-in, whose list starts from the default tick.
      const again = await wizard.openFacebook(page.getByRole('button', { name: tr(lang, 'もう一度試す', 'Try again') }));
      await again.continue();
      await wizard.expectStep(3);
      await expect(wizard.page_('Sakura Trading Official')).toBeChecked();
      // The visibility chosen before is kept, and it is what the install gets.
      await expect(settings.visibility('private')).toBeChecked();
      await wizard.connectThisPage.click();
      await wizard.expectStep(4);
      await settings.open();
      await expect(settings.visibility('private')).toBeChecked();
    });

    test('missing permissions: lists exactly those, and Connect re-requests only them', async ({ page }) => {
      await scenario(page, 'fresh');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.untick('pages_show_list', 'business_management');
      await dialog.continue();

      await expect(wizard.alert).toContainText(tr(lang, '一部の権限が許可されていません', 'Some permissions were not granted'));
      const listed = page.getByRole('alert').getByRole('listitem');
      await expect(listed).toHaveCount(2);
      await expect(listed.nth(0)).toContainText('pages_show_list');
      await expect(listed.nth(1)).toContainText('business_management');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-missing-permissions', lang);

      const again = await wizard.openFacebook(page.getByRole('button', { name: tr(lang, '連携する', 'Connect'), exact: true }));
      await expect(again.scopes()).toHaveCount(2);
      await expect(again.popup.getByLabel('pages_show_list', { exact: true })).toBeChecked();
      await expect(again.popup.getByLabel('business_management', { exact: true })).toBeChecked();
      await again.continue();
      await wizard.expectStep(3);
      await expect(page).toHaveURL(/purpose=rerequest/);
    });

    test('facebook_error: the checklist, the reference to copy, and Try again', async ({ page }) => {
      await scenario(page, 'facebook_error');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await expect(wizard.alert).toContainText(tr(lang, '連携中に問題が発生しました', 'Something went wrong while connecting'));
      await expect(wizard.alert).toContainText(/REF-[0-9A-F]{6}/);
      await expect(page.getByRole('checkbox')).toHaveCount(4);
      await page.getByRole('checkbox').first().check();
      await expect(page.getByRole('button', { name: tr(lang, '参照番号をコピー', 'Copy reference') })).toBeVisible();
      // Nothing is installed yet, so the first check points to Facebook, not to our troubleshooter.
      await expect(page.getByRole('link', { name: tr(lang, 'ビジネス統合を開く', 'Open Business Integrations') })).toHaveAttribute('href', /tab=business_tools/);
      await expect(page.getByRole('link', { name: tr(lang, 'トラブルシューティングを開く', 'Open the troubleshooter') })).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-something-went-wrong', lang);

      // The first retry is immediate; the next waits, with a countdown.
      const again = await wizard.openFacebook(page.getByRole('button', { name: tr(lang, 'もう一度試す', 'Try again') }));
      await again.continue();
      await expect(wizard.alert).toContainText(/REF-/);
      await expect(page.getByText(tr(lang, /秒後に再試行できます/, /You can try again in \d+ seconds?\./))).toBeVisible();
    });

    test('app_installed_by_other_page_admin: names Daichi Mori and what to ask', async ({ page }) => {
      await scenario(page, 'app_installed_by_other_page_admin');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.connectThisPage.click();
      await expect(wizard.alert).toContainText(tr(lang, 'Daichi Mori さんがこのページに Messenger アプリをインストールしています', 'Daichi Mori installed the Messenger app on this Page'));
      await expect(wizard.alert).toContainText('Sakura Trading Official');
      await expect(wizard.alert).toContainText(tr(lang, 'ページ管理者権限の付与', 'admin role on the Page'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-app-installed-by-other-page-admin', lang);
    });

    test('cancel in the Facebook dialog', async ({ page }) => {
      await scenario(page, 'fresh');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.cancel();
      await expect(wizard.alert).toContainText(tr(lang, 'Facebook のウィンドウでキャンセルされました', 'You cancelled in the Facebook window'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-cancelled', lang);
    });

    test('closing the Facebook window says so and offers to try again', async ({ page }) => {
      await scenario(page, 'fresh');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await wizard.expectStep(2);
      await dialog.popup.close();
      await expect(wizard.alert).toContainText(tr(lang, 'Facebook のウィンドウが閉じられました', 'The Facebook window was closed'));
      await expect(wizard.continueWithFacebook).toBeEnabled();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-popup-closed', lang);
    });

    test('a blocked popup falls back to the same window and comes back to the picker', async ({ page }) => {
      await page.addInitScript(() => { window.open = () => null; });
      await scenario(page, 'fresh');
      await page.goto('/settings/messaging/facebook/connect');
      const wizard = new WizardPage(page, lang);
      await wizard.continueWithFacebook.click();
      await expect(wizard.alert).toContainText(tr(lang, 'ブラウザが Facebook のウィンドウをブロックしました', 'Your browser blocked the Facebook window'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-popup-blocked', lang);

      await page.getByRole('button', { name: tr(lang, 'このウィンドウで続ける', 'Continue in this window') }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await wizard.expectStep(3);
      await expect(wizard.page_('Sakura Trading Official')).toBeChecked();
    });

    test('installed_token_expired: Reconnect renews the token', async ({ page }) => {
      await scenario(page, 'installed_token_expired');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, 'トークンの有効期限切れ', 'Token expired'))).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-token-expired', lang);

      await settings.reconnect.click();
      const wizard = new WizardPage(page, lang);
      await expect(page.getByText(tr(lang, 'もう一度ログインしてページの連携を更新します', 'Log in again to renew your Page'))).toBeVisible();
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.expectStep(4);
      await settings.open();
      await expect(page.getByText(tr(lang, '正常', 'Healthy'), { exact: true })).toBeVisible();
    });

    test('a reconnect through a blocked popup comes back as a reconnect', async ({ page }) => {
      await page.addInitScript(() => { window.open = () => null; });
      await scenario(page, 'installed_token_expired');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.reconnect.click();
      const wizard = new WizardPage(page, lang);
      await wizard.continueWithFacebook.click();
      await page.getByRole('button', { name: tr(lang, 'このウィンドウで続ける', 'Continue in this window') }).click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await wizard.expectStep(4);
      await expect(page).toHaveURL(/purpose=reconnect/);
    });

    test('visibility change is saved and survives a reload', async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, 'さんがインストール', 'Installed by Haruto Sato on'))).toBeVisible();
      await expect(settings.visibility('shared')).toBeChecked();
      await settings.visibility('private').check();
      await expect(page.getByRole('status')).toHaveText(tr(lang, '公開範囲を保存しました。', 'Visibility saved.'));
      await page.reload();
      await expect(settings.visibility('private')).toBeChecked();
      await expectNoAxeViolations(page);
    });

    test('a visibility that fails to save goes back to the saved one and says why', async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(settings.visibility('shared')).toBeChecked();
      await page.route('**/api/integrations/facebook/visibility', (route) => route.fulfill({ status: 500, body: 'boom' }));
      await settings.visibility('private').click();
      await expect(page.getByRole('alert').filter({ hasText: tr(lang, 'サーバーで問題が発生しました', 'The server ran into a problem') })).toBeVisible();
      await expect(settings.visibility('shared')).toBeChecked();
      await expect(settings.visibility('private')).not.toBeChecked();
      await expect(settings.visibility('private')).toBeFocused();
    });

    test('uninstall asks first, says what stops working, then shows Connect', async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.uninstall.click();
      await expect(settings.uninstallDialog).toBeVisible();
      await expect(settings.uninstallDialog).toContainText('Sakura Trading');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-uninstall-dialog', lang);
      await settings.uninstallDialog.getByRole('button', { name: tr(lang, 'キャンセル', 'Cancel') }).click();
      await expect(settings.uninstallDialog).toBeHidden();

      await settings.uninstall.click();
      await settings.uninstallDialog.getByRole('button', { name: tr(lang, 'アンインストールする', 'Uninstall') }).click();
      await expect(settings.connect).toBeVisible();
      await expect(page.getByRole('status')).toHaveText(tr(lang, 'Facebook Messenger をアンインストールしました。', 'Facebook Messenger was uninstalled.'));
    });

    test('the troubleshooter shows each check and the fix for a restricted Page', async ({ page }) => {
      await scenario(page, 'page_restricted');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await expect(page.getByText(tr(lang, 'Facebook により制限中', 'Restricted by Facebook'))).toBeVisible();
      await settings.checkConnection.click();
      const checks = page.locator('#msg-troubleshooter').getByRole('listitem');
      await expect(checks).toHaveCount(7);
      await expect(checks.last()).toContainText(tr(lang, '要対応', 'Needs attention'));
      await expect(checks.last()).toContainText(tr(lang, 'ページサポート', 'Page support'));
      await expect(checks.first()).toContainText(tr(lang, '問題なし', 'Passed'));
      await expect(checks.last()).toContainText('Sakura Trading Official');
      await expect(checks.last().getByRole('link', { name: tr(lang, 'ページサポートで異議を申し立てる', 'Appeal in Page support') })).toHaveAttribute('href', /tab=support/);
      await expect(page.getByRole('status')).toHaveText(tr(lang, '対処が必要な項目があります。', 'Some checks need attention.'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-troubleshooter', lang);
    });

    test('the troubleshooter checks the role on the Facebook Page and names who can grant it', async ({ page }) => {
      await scenario(page, 'installed');
      // Aiko is an admin of the CRM, but on Facebook she may only answer the Page's messages.
      await page.request.post('/sim/page-tasks', { data: { page: 'Sakura Trading Official', user: 'Aiko Tanaka', tasks: ['MESSAGING'] } });
      await page.request.post('/sim/current-user', { data: { name: 'Aiko Tanaka' } });
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.checkConnection.click();
      const role = page
        .locator('#msg-troubleshooter')
        .getByRole('listitem')
        .filter({ hasText: tr(lang, 'あなたがページの管理者', 'You are an admin of the Page') });
      await expect(role).toContainText(tr(lang, '要対応', 'Needs attention'));
      await expect(role).toContainText('Haruto Sato');
      await expect(role).toContainText('Sakura Trading Official');
      await expect(role).not.toContainText('Aiko Tanaka');
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-troubleshooter-page-role', lang);
    });
  });
}

/** A fresh install through Facebook's window to the Page picker. */
async function throughFacebookToThePicker(page: Page) {
  await scenario(page, 'fresh');
  await page.goto('/settings/messaging/facebook/connect');
  const wizard = new WizardPage(page, 'en');
  const dialog = await wizard.openFacebook();
  await dialog.continue();
  await wizard.expectStep(3);
  await expect(wizard.page_('Sakura Trading Official')).toBeVisible();
}

test('the popup hands the result over: the wizard does not ask the server for it', async ({ page }) => {
  // The popup passes the server's answer on as it came (src/domain/popup.rs, `outgoing`); only
  // a lost message sends the wizard to the server (the test below).
  const asked: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/integrations\/facebook\/install\/[^/?]+$/.test(r.url())) asked.push(r.url());
  });
  await throughFacebookToThePicker(page);
  expect(asked).toEqual([]);
});

test('a popup message that never arrives: the result is fetched from the server by state', async ({ page }) => {
  // Swallow every message before the app sees it, as if the popup's message were lost.
  await page.addInitScript(() => window.addEventListener('message', (e) => e.stopImmediatePropagation(), true));
  await throughFacebookToThePicker(page);
});

test('a forged message from this window, not the popup, is ignored', async ({ page }) => {
  await scenario(page, 'fresh');
  await page.goto('/settings/messaging/facebook/connect');
  const wizard = new WizardPage(page, 'en');
  const dialog = await wizard.openFacebook();
  await expect(page).toHaveURL(/state=/);
  const state = new URL(page.url()).searchParams.get('state');
  // Right origin and state, wrong window: the page posts to itself.
  await page.evaluate((state) => {
    const result = { outcome: 'failed', error: { code: 'install_cancelled', message: '', reference: 'REF-000000' } };
    window.postMessage(JSON.stringify({ kind: 'msg-ui/oauth-result', state, result }), window.location.origin);
  }, state);
  // Had it been taken, the wizard would show "cancelled" and ignore the real answer.
  await dialog.continue();
  await wizard.expectStep(3);
});

test('the whole install works by keyboard alone', async ({ page }) => {
  await scenario(page, 'fresh');
  await page.goto('/settings/messaging');
  const tabTo = async (name: string | RegExp) => {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      if (typeof name === 'string' ? focused === name : name.test(focused)) return;
    }
    throw new Error(`could not reach ${name} by Tab`);
  };
  await tabTo('Connect');
  await page.keyboard.press('Enter');
  await tabTo('Continue with Facebook');
  const popup = page.waitForEvent('popup');
  await page.keyboard.press('Enter');
  const dialog = await popup;
  await dialog.getByRole('button', { name: 'Continue' }).focus();
  const closed = dialog.waitForEvent('close');
  await dialog.keyboard.press('Enter');
  await closed;
  await expect(page.getByRole('heading', { level: 2, name: /^Step 3 of 4/ })).toBeFocused();
  await tabTo('Connect this Page');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 2, name: /^Step 4 of 4/ })).toBeFocused();
});
