import { type Page } from '@playwright/test';
import { tr, type Lang } from '../fixtures';

/** /messaging and /messaging/:id */
export class ConversationsPage {
  constructor(readonly page: Page, readonly lang: Lang) {}

  async open(id?: string) {
    await this.page.goto(id ? `/messaging/${id}` : '/messaging');
    await this.page.getByRole('heading', { level: 1, name: tr(this.lang, '会話', 'Conversations') }).waitFor();
  }

  customer(name: string) {
    return this.page.getByRole('navigation', { name: tr(this.lang, 'お客様', 'Customers') }).getByRole('link', { name: new RegExp(name) });
  }

  get composer() {
    return this.page.getByRole('textbox', { name: tr(this.lang, /さんへの返信/, /^Reply to/) });
  }

  get send() {
    return this.page.getByRole('button', { name: tr(this.lang, '送信', 'Send'), exact: true });
  }

  /** "You can reply for … more": the reply window's live countdown. */
  get countdown() {
    return this.page.getByText(tr(this.lang, /返信できます。$/, /^You can reply for .* more\.$/));
  }

  /** A message in the open thread (not its preview in the customer list). */
  message(text: string) {
    return this.page
      .getByRole('listitem')
      .filter({ has: this.page.getByText(text, { exact: true }) })
      .filter({ hasNot: this.page.getByRole('link') });
  }

  async write(text: string) {
    await this.composer.fill(text);
    await this.send.click();
  }
}
