import { type Page } from '@playwright/test';
import { tr, type Lang } from '../fixtures';

/** /settings/messaging */
export class SettingsPage {
  constructor(readonly page: Page, readonly lang: Lang) {}

  async open() {
    await this.page.goto('/settings/messaging');
    await this.heading.waitFor();
  }

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: tr(this.lang, 'メッセージング設定', 'Messaging settings') });
  }

  get connect() {
    return this.page.getByRole('link', { name: tr(this.lang, '連携する', 'Connect'), exact: true });
  }

  get reconnect() {
    return this.page.getByRole('link', { name: tr(this.lang, '再連携する', 'Reconnect') }).first();
  }

  visibility(name: 'private' | 'shared') {
    const label = name === 'private' ? tr(this.lang, '非公開', 'Private') : tr(this.lang, '共有', 'Shared');
    return this.page.getByRole('group', { name: tr(this.lang, '公開範囲', 'Visibility') }).getByRole('radio', { name: new RegExp(`^${label}`) });
  }

  get uninstall() {
    return this.page.getByRole('button', { name: tr(this.lang, 'アンインストール', 'Uninstall'), exact: true });
  }

  get uninstallDialog() {
    return this.page.getByRole('dialog', { name: tr(this.lang, 'Facebook Messenger をアンインストールしますか？', 'Uninstall Facebook Messenger?') });
  }

  get checkConnection() {
    return this.page.getByRole('button', { name: tr(this.lang, '連携を確認', 'Check connection') });
  }
}
