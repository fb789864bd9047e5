import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario } from '../fixtures';
import { pseudo } from '../../scripts/lib/embed-lib.mjs';
import { FacebookDialog } from '../pages/wizard';

// Issue 32: every language of locales/, each loaded as data, and the two pseudo-locales that
// catch what translators would: text not from a locale file, text that does not fit its box, a
// layout that assumes left to right.

const LANGUAGES = ['ja', 'en', 'de', 'fr', 'es', 'pt-BR', 'ko', 'zh-Hans', 'ar'];
type Messages = Record<string, Record<string, string>>;
const read = new Map<string, Messages>();
/** A locale file, read once for the whole run. */
const messages = (tag: string): Messages => {
  if (!read.has(tag)) read.set(tag, JSON.parse(readFileSync(resolve(__dirname, `../../locales/${tag}.json`), 'utf8')));
  return read.get(tag)!;
};
const fill = (text: string, values: Record<string, string>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name) => values[name]);

const app = (page: Page) => page.locator('.msg-app:not(.msg-app--snapshot)').first();

for (const tag of LANGUAGES) {
  test(`${tag}: settings, the wizard and a conversation in their language, the switch naming each language in its own`, async ({ page, baseURL }) => {
    const m = messages(tag);
    await page.context().addCookies([{ name: 'msg_ui_locale', value: tag, url: baseURL! }]);
    await scenario(page, 'installed');
    await page.goto('/settings/messaging');
    await expect(page.getByRole('heading', { level: 1, name: m.settings.title, exact: true })).toBeVisible();
    await expect(app(page)).toHaveAttribute('lang', tag);
    await expect(app(page)).toHaveAttribute('dir', tag === 'ar' ? 'rtl' : 'ltr');
    const switcher = page.getByRole('group', { name: m.app.language_label });
    await expect(switcher.getByRole('button')).toHaveCount(LANGUAGES.length);
    for (const other of LANGUAGES) {
      await expect(switcher.getByRole('button', { name: messages(other).language.name, exact: true })).toHaveAttribute(
        'aria-pressed',
        String(other === tag),
      );
    }
    await expectNoAxeViolations(page);
    if (tag === 'ar') await saveScreen(page, 'settings-installed', tag);

    await page.goto('/messaging/ken');
    await expect(page.getByRole('heading', { level: 1, name: m.conversations.title, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
    await expectNoAxeViolations(page);
    if (tag === 'ar') await saveScreen(page, 'conversation-ken', tag);

    await scenario(page, 'fresh');
    await page.goto('/settings/messaging');
    await page.getByRole('link', { name: m.settings.connect, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: m.wizard.title, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: fill(m.wizard.step_heading, { n: '1', name: m.wizard.step_log_in }) })).toBeVisible();
    await expectNoAxeViolations(page);
    if (tag === 'ar') await saveScreen(page, 'wizard-log-in', tag);

    // A failure screen, in Arabic: right to left with the names it gives left to right.
    if (tag === 'ar') {
      await scenario(page, 'private_install_by_other_admin');
      await page.goto('/settings/messaging');
      await expect(page.getByRole('link', { name: /Aiko Tanaka/ })).toBeVisible();
      await expectNoAxeViolations(page);
      await saveScreen(page, 'failure-private-install', tag);
    }
  });
}

test('switching language loads the other one once, without a remount, and never shows a key', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  const tables: string[] = [];
  page.on('request', (r) => /\/msg-settings-[\w-]+-[0-9a-f]+\.json$/.test(r.url()) && tables.push(r.url()));
  let ready = 0;
  await page.exposeFunction('heardReady', () => ready++);
  await page.evaluate(() =>
    document.querySelector('messenger-integration')?.addEventListener('messenger:ready', () => (window as unknown as { heardReady: () => void }).heardReady()),
  );

  const de = messages('de');
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: de.settings.title })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(de.language.switched);
  // Back and forth: each table is asked for once.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await page.getByRole('button', { name: 'Deutsch', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: de.settings.title })).toBeVisible();
  expect(tables.map((u) => u.match(/msg-settings-([\w-]+)-[0-9a-f]{16}\.json$/)![1])).toEqual(['de']);
  expect(ready, 'messenger:ready again: a remount').toBe(0);
});

test('a table that cannot be loaded leaves the app in its language, and the next try loads it', async ({ page }) => {
  await scenario(page, 'installed');
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  let fail = true;
  await page.route(/\/msg-settings-ko-[0-9a-f]+\.json$/, (route) => (fail ? route.abort() : route.fallback()));
  await page.getByRole('button', { name: '한국어', exact: true }).click();
  await page.waitForTimeout(500);
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');
  fail = false;
  await page.getByRole('button', { name: '한국어', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: messages('ko').settings.title })).toBeVisible();
});

test('a table that is not the one built is refused, as SRI refuses a wasm: the element says so, and Try again loads it', async ({ page }) => {
  await scenario(page, 'installed');
  let tamper = true;
  await page.route(/\/msg-settings-en-[0-9a-f]+\.json$/, async (route) => {
    if (!tamper) return route.fallback();
    const response = await route.fetch();
    await route.fulfill({ response, body: (await response.text()).replace('Messaging settings', 'Enter your Facebook password') });
  });
  await page.goto('/settings/messaging');
  await expect(page.getByRole('alert')).toContainText('Messaging could not be loaded');
  await expect(page.getByText('Enter your Facebook password')).toHaveCount(0);
  tamper = false;
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
});

test("a host's tag picks the closest language: pt, zh-CN, and English for one the app does not speak", async ({ page, baseURL }) => {
  await scenario(page, 'installed');
  for (const [asked, shown] of [
    ['pt', 'pt-BR'],
    ['zh-CN', 'zh-Hans'],
    ['sv-SE', 'en'],
  ]) {
    // Each time in a browser that chose Japanese before: the host's tag comes first.
    await page.context().addCookies([{ name: 'msg_ui_locale', value: 'ja', url: baseURL! }]);
    await page.goto('/host-demo/');
    await page.evaluate((tag) => document.querySelector('messenger-integration')!.setAttribute('locale', tag), asked);
    await expect(page.locator('messenger-integration .msg-app').first()).toHaveAttribute('lang', shown);
    await expect(page.getByRole('heading', { level: 1, name: messages(shown).settings.title })).toBeVisible();
  }
});

/**
 * Text of the app that is not from a locale file: in `en-XA` every message is bracketed, so a
 * text node with a Latin word outside brackets came from somewhere else. What people wrote,
 * what the server sent (`served`: names, Pages) and dates and times are data, shown as they are.
 */
async function unbracketed(page: Page, served: Set<string>) {
  return page.locator('.msg-app:not(.msg-app--snapshot)').first().evaluate(
    (root, [served, dates]) => {
      const data = new RegExp(dates);
      const found: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent!.trim();
        const element = node.parentElement!;
        if (!text || element.closest('[hidden], [aria-hidden="true"], textarea, option')) continue;
        // Text in another language on purpose: the switch names each language in its own.
        if (element.closest('[lang]') !== root || !element.checkVisibility()) continue;
        // What people wrote, wherever the app got it from (a page of the thread, the long poll).
        if (element.closest('.msg-bubble__text, .msg-inbox__preview, .msg-inbox__hit')) continue;
        if (/[A-Za-z]{2,}/.test(text) && !/[[\]]/.test(text) && !served.includes(text) && !data.test(text)) found.push(text);
      }
      return found;
    },
    [[...served], DATES.source] as const,
  );
}

/**
 * Every string of the API's JSON answers the page's context received (Facebook's window, which
 * hands the install's result on, included): what the server sent, as data.
 */
async function watchServed(page: Page) {
  const served = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') served.add(value.trim());
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  // Read as each answer passes, before the page has it: Facebook's window closes at once.
  await page.context().route(/\/api\//, async (route) => {
    const response = await route.fetch().catch(() => null);
    if (!response) return route.abort();
    if ((response.headers()['content-type'] ?? '').includes('json')) collect(await response.json().catch(() => null));
    await route.fulfill({ response });
  });
  return served;
}

/** Elements whose own text does not fit their box, but those that cut it by design (an ellipsis). */
async function overflowing(page: Page) {
  return page.locator('.msg-app:not(.msg-app--snapshot)').first().evaluate((root) => {
    const found: string[] = [];
    for (const element of root.querySelectorAll<HTMLElement>('*')) {
      const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      // A box of a pixel or none is for assistive technology only (msg-visually-hidden).
      if (!ownText || !element.checkVisibility() || element.clientWidth <= 1) continue;
      if (getComputedStyle(element).textOverflow === 'ellipsis') continue;
      if (element.scrollWidth > element.clientWidth + 1) found.push(`${element.tagName.toLowerCase()}.${element.className}: ${element.textContent!.trim().slice(0, 60)}`);
    }
    return found;
  });
}

// Dates, times and numbers, as Intl writes them in English.
const DATES = /^([\d\s:,./-]+|([A-Z][a-z]+day, )?[A-Z][a-z]+ \d{1,2}(, \d{4})?( at \d{1,2}:\d{2} [AP]M)?|\d{1,2}:\d{2} [AP]M)$/;

for (const tag of ['en-XA', 'ar-XB']) {
  test(`${tag}: every screen's text is from a locale file, fits its box, and passes axe`, async ({ page, baseURL }) => {
    await page.context().addCookies([{ name: 'msg_ui_locale', value: tag, url: baseURL! }]);
    const served = await watchServed(page);
    const check = async (screen: string, save = true) => {
      await expect(app(page)).toHaveAttribute('lang', tag);
      await expect(app(page)).toHaveAttribute('dir', tag === 'ar-XB' ? 'rtl' : 'ltr');
      if (tag === 'en-XA') expect(await unbracketed(page, served), `${screen}: text from no locale file`).toEqual([]);
      expect(await overflowing(page), `${screen}: text wider than its box`).toEqual([]);
      await expectNoAxeViolations(page);
      if (tag === 'en-XA' && save) await saveScreen(page, screen, tag);
    };
    await scenario(page, 'installed');
    await page.goto('/settings/messaging');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ṁéššáĝîñĝ šéţţîñĝš|Messaging settings/);
    await check('settings-installed');

    await page.goto('/messaging/ken');
    await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
    await check('conversation-ken');

    await scenario(page, 'private_install_by_other_admin');
    await page.goto('/settings/messaging');
    await expect(page.getByRole('heading', { name: /Aiko Tanaka/ }).first()).toBeVisible();
    await check('failure-private-install');

    await scenario(page, 'fresh');
    await page.goto('/settings/messaging/facebook/connect');
    await expect(page.getByRole('heading', { level: 2, name: /1/ })).toBeVisible();
    await check('wizard-log-in');

    // The wizard through Facebook's window to its end, and the troubleshooter's results.
    const en = messages('en');
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: pseudo(en.wizard.connect, tag) }).click();
    const dialog = new FacebookDialog(await popup);
    await dialog.popup.getByRole('heading', { name: 'Log in with Facebook' }).waitFor();
    await dialog.continue();
    await expect(page.getByRole('heading', { level: 2, name: /3/ })).toBeVisible();
    await check('wizard-choose-page');
    await page.getByRole('button', { name: pseudo(en.wizard.connect_page, tag) }).click();
    await expect(page.getByRole('heading', { level: 2, name: /4/ })).toBeVisible();
    await check('wizard-done');
    await scenario(page, 'installed');
    await page.goto('/settings/messaging');
    await page.getByRole('button', { name: pseudo(en.troubleshooter.run, tag) }).click();
    await expect(page.locator('.msg-check').first()).toBeVisible();
    await page.waitForTimeout(1500);
    await check('troubleshooter', false);

    // The other screens a visit reaches by its address: each state of the settings, the list,
    // two Pages, a Page that cannot send, and an address that leads nowhere.
    for (const [name, path] of [
      ['fresh_regular_user', '/settings/messaging'],
      ['installed_token_expired', '/settings/messaging'],
      ['installed_permission_missing', '/messaging/ken'],
      ['page_restricted', '/settings/messaging'],
      ['page_on_other_company', '/settings/messaging'],
      ['installed_two_pages', '/messaging'],
      ['installed_two_pages_token_expired', '/settings/messaging'],
      ['installed', '/settings/messaging/nowhere'],
    ]) {
      await scenario(page, name);
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.msg-loading')).toHaveCount(0);
      await check(`${name} at ${path}`, false);
    }
  });
}
