import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, tr, LANGS, type Lang } from '../fixtures';
import { SettingsPage } from '../pages/settings';
import { WizardPage } from '../pages/wizard';

// Companies with several Facebook Pages: connect several in one flow, add one later, reconnect
// exactly the Pages ticked in Facebook's window, and check each Page in the troubleshooter.

const OFFICIAL = 'Sakura Trading Official';
const OUTLET = 'Sakura Outlet';

/** A connected Page's row in Messaging settings. */
function pageRow(page: Page, name: string) {
  return page.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) }).filter({ has: page.locator('.msg-badge') });
}

function healthy(lang: Lang) {
  return tr(lang, '正常', 'Healthy');
}

for (const lang of LANGS) {
  test.describe(`${lang}`, () => {
    test.use({ lang });

    test(`a first install connects two Pages in one flow (${lang})`, async ({ page }) => {
      await scenario(page, 'fresh');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.connect.click();
      const wizard = new WizardPage(page, lang);
      const dialog = await wizard.openFacebook();
      await dialog.continue();
      await wizard.expectStep(3);
      await expect(wizard.page_(OFFICIAL)).toBeChecked();
      await expect(wizard.page_(OUTLET)).not.toBeChecked();
      await wizard.page_(OUTLET).check();
      const connectBoth = page.getByRole('button', { name: tr(lang, '2 件のページを連携', 'Connect 2 Pages') });
      await expect(connectBoth).toBeEnabled();
      // Nothing ticked: nothing to connect, and the page says why.
      await wizard.page_(OFFICIAL).uncheck();
      await wizard.page_(OUTLET).uncheck();
      await expect(wizard.connectThisPage).toBeDisabled();
      await expect(page.getByText(tr(lang, '連携するページを 1 つ以上選んでください。', 'Tick at least one Page to connect.'))).toBeVisible();
      await wizard.page_(OUTLET).check();
      await wizard.page_(OFFICIAL).check();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-choose-two-pages', lang);

      const cancel = page.getByRole('link', { name: tr(lang, 'キャンセル', 'Cancel'), exact: true });
      await expect(cancel).toBeVisible();
      await connectBoth.click();
      await wizard.expectStep(4);
      // Done: nothing is left to cancel.
      await expect(cancel).toHaveCount(0);
      await expect(page.getByText(tr(lang, `次のページを連携しました：${OFFICIAL}、${OUTLET}。`, `These Pages are connected: ${OFFICIAL}, ${OUTLET}.`))).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-done-two-pages', lang);

      await settings.open();
      for (const name of [OFFICIAL, OUTLET]) {
        await expect(pageRow(page, name)).toContainText(healthy(lang));
        await expect(page.getByRole('button', { name: tr(lang, `${name} の接続を解除`, `Disconnect ${name}`) })).toBeVisible();
      }
    });

    test(`Add a Page keeps the connected Page and its visibility (${lang})`, async ({ page }) => {
      await scenario(page, 'installed');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      await settings.visibility('private').check();
      await expect(page.getByRole('status')).toContainText(tr(lang, '保存しました', 'saved'));
      const addPage = page.getByRole('link', { name: tr(lang, 'ページを追加', 'Add a Page') });
      await expectNoAxeViolations(page);
      await addPage.click();

      const wizard = new WizardPage(page, lang);
      await wizard.expectStep(1);
      await expect(page.getByRole('heading', { level: 1, name: tr(lang, 'Facebook ページを追加', 'Add a Facebook Page') })).toBeVisible();
      await expect(page.getByText(tr(lang, '追加するページにチェックを入れてください', 'Tick the Pages to add there'))).toBeVisible();
      // Only the connected Page shared on Facebook: nothing to add, and a way to sign in again.
      const first = await wizard.openFacebook();
      await first.untick(OUTLET);
      await first.continue();
      await wizard.expectStep(3);
      await expect(page.getByText(tr(lang, 'いま連携できるページはありません。', 'None of these Pages can be connected now.'))).toBeVisible();
      await expect(wizard.connectThisPage).toHaveCount(0);
      await expectNoAxeViolations(page);
      const dialog = await wizard.openFacebook(page.getByRole('button', { name: tr(lang, '最初からやり直す', 'Start again') }));
      await dialog.continue();
      await wizard.expectStep(3);
      // The connected Page is shown as such and cannot be ticked off; the new one starts ticked.
      await expect(wizard.page_(OFFICIAL)).toBeChecked();
      await expect(wizard.page_(OFFICIAL)).toBeDisabled();
      await expect(page.getByText(tr(lang, '連携済み', 'Already connected'), { exact: true })).toBeVisible();
      await expect(wizard.page_(OUTLET)).toBeChecked();
      // The install keeps its visibility: no choice is offered.
      await expect(page.getByRole('group', { name: tr(lang, '公開範囲', 'Visibility') })).toHaveCount(0);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-add-page', lang);

      await wizard.connectThisPage.click();
      await wizard.expectStep(4);
      await expect(page.getByText(tr(lang, `次のページを連携しました：${OFFICIAL}、${OUTLET}。`, `These Pages are connected: ${OFFICIAL}, ${OUTLET}.`))).toBeVisible();

      await settings.open();
      await expect(settings.visibility('private')).toBeChecked();
      for (const name of [OFFICIAL, OUTLET]) await expect(pageRow(page, name)).toContainText(healthy(lang));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'settings-two-pages-added', lang);
    });

    test(`a reconnect renews exactly the ticked Page, and the other says it was left as it was (${lang})`, async ({ page }) => {
      await scenario(page, 'installed_two_pages_token_expired');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      const expired = tr(lang, 'トークンの有効期限切れ', 'Token expired');
      for (const name of [OFFICIAL, OUTLET]) await expect(pageRow(page, name)).toContainText(expired);
      await settings.reconnect.click();

      const wizard = new WizardPage(page, lang);
      await expect(page.getByText(tr(lang, 'チェックを外したページはそのまま残ります', 'Pages you leave unticked stay as they are'))).toBeVisible();
      const dialog = await wizard.openFacebook();
      await dialog.untick(OUTLET);
      await dialog.continue();
      await wizard.expectStep(4);
      await expect(page.getByText(tr(lang, `${OFFICIAL} を連携しました。`, `${OFFICIAL} is connected.`))).toBeVisible();
      const notice = page.locator('.msg-notice--warning');
      await expect(notice).toContainText(tr(lang, `更新されなかったページ：${OUTLET}`, `Not renewed: ${OUTLET}`));
      await expect(notice).toContainText(tr(lang, 'チェックされなかったため', 'were not ticked in the Facebook window'));
      await expect(notice.getByRole('listitem')).toHaveText([`${OUTLET}${expired}`]);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'wizard-reconnect-not-renewed', lang);

      // Settings agree: the Official is renewed, the Outlet kept its state and its fix.
      await settings.open();
      await expect(pageRow(page, OFFICIAL)).toContainText(healthy(lang));
      await expect(pageRow(page, OUTLET)).toContainText(expired);
      await expect(pageRow(page, OUTLET).getByRole('link', { name: tr(lang, '再連携する', 'Reconnect') })).toBeVisible();

      // Reconnect again, this time with the Outlet ticked.
      await page.goBack();
      await wizard.expectStep(4);
      const again = await wizard.openFacebook(page.getByRole('button', { name: tr(lang, 'もう一度再接続', 'Reconnect again') }));
      await again.continue();
      await wizard.expectStep(4);
      await expect(page.getByText(tr(lang, `次のページを連携しました：${OFFICIAL}、${OUTLET}。`, `These Pages are connected: ${OFFICIAL}, ${OUTLET}.`))).toBeVisible();
      await expect(notice).toHaveCount(0);
      await settings.open();
      for (const name of [OFFICIAL, OUTLET]) await expect(pageRow(page, name)).toContainText(healthy(lang));
    });

    test(`the troubleshooter checks the chosen Page, or each in turn (${lang})`, async ({ page }) => {
      await scenario(page, 'installed_two_pages');
      const settings = new SettingsPage(page, lang);
      await settings.open();
      const which = page.getByRole('combobox', { name: tr(lang, '確認するページ', 'Page to check') });
      await which.selectOption({ label: OUTLET });
      await settings.checkConnection.click();
      await expect(page.getByRole('heading', { level: 3, name: OUTLET })).toBeVisible();
      await expect(page.getByRole('heading', { level: 3, name: OFFICIAL })).toHaveCount(0);
      const restriction = page.getByRole('listitem').filter({ hasText: tr(lang, 'ページが制限されていない', 'The Page is not restricted') });
      await expect(restriction).toContainText(tr(lang, '要対応', 'Needs attention'));
      await expect(restriction).toContainText(tr(lang, `Facebook が ${OUTLET} を制限しています`, `Facebook restricted ${OUTLET}`));
      await expect(page.getByRole('status')).toHaveText(tr(lang, '対処が必要な項目があります。', 'Some checks need attention.'));
      await expectNoAxeViolations(page);
      await saveScreen(page, 'troubleshooter-outlet', lang);

      await which.selectOption({ label: OFFICIAL });
      await settings.checkConnection.click();
      await expect(page.getByRole('status')).toHaveText(tr(lang, 'すべての確認項目に問題はありません。', 'All checks passed.'));
      await expect(page.getByRole('heading', { level: 3, name: OFFICIAL })).toBeVisible();

      await which.selectOption({ label: tr(lang, 'すべてのページ（順番に）', 'Every Page, one after another') });
      await settings.checkConnection.click();
      await expect(page.getByRole('status')).toHaveText(tr(lang, '対処が必要な項目があります。', 'Some checks need attention.'), { timeout: 15_000 });
      await expect(page.getByRole('heading', { level: 3 })).toHaveText([OFFICIAL, OUTLET]);
      await expect(restriction).toHaveCount(2);
      await expect(restriction.filter({ hasText: tr(lang, '要対応', 'Needs attention') })).toHaveCount(1);
      await expectNoAxeViolations(page);
      await saveScreen(page, 'troubleshooter-every-page', lang);
    });
  });
}
