import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, saveScreen, scenario, watchRemoval } from '../fixtures';
import { buildHosts } from '../hosts/build';
import { ConversationsPage } from '../pages/conversations';

// Issue 30: the packed npm package in the hosts a CRM has. e2e/hosts/react/ is a React 19 app
// built by Vite, which hears the element through React's `on…` props and sets `appearance`
// from its state; e2e/hosts/plain/ imports the unpacked package with no bundler. Both are
// built once here from dist/ (hosts/build.ts) and served under the strict CSP. The CDN host is
// the plain one with the wasm, glue and stylesheet moved out from beside the module, found
// only through its `assets-base`.

const HOSTS: { name: string; path: string; screen: string; assets?: string }[] = [
  { name: 'the React host', path: '/react-host', screen: 'react-host' },
  { name: 'the plain host', path: '/plain-host', screen: 'plain-host' },
  { name: 'the plain host with its app files on a CDN', path: '/cdn-host', screen: 'cdn-host', assets: '/cdn-host/assets/' },
];

// One worker builds the hosts, and runs the tests that use them.
test.describe.configure({ mode: 'default' });
test.beforeAll(() => {
  test.setTimeout(180_000);
  buildHosts();
});

const log = (page: Page) => page.getByRole('log', { name: 'Event log' });
const app = (page: Page) => page.locator('messenger-integration');

for (const host of HOSTS) {
  test(`${host.name}: the element mounts, navigates, tells the host and takes its appearance live`, async ({ page }) => {
    await scenario(page, 'installed');
    const files: string[] = [];
    page.on('requestfinished', (r) => {
      if (/\.(wasm|css)$|\/msg-[\w-]+\.(js|json)$/.test(r.url())) files.push(new URL(r.url()).pathname);
    });
    await page.goto(`${host.path}/settings/messaging`);
    await expect(app(page).getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
    await expect(log(page)).toContainText('messenger:ready {"path":"/settings/messaging"}');
    await expect(log(page)).toContainText('messenger:integration-change {"state":"installed"');
    // With the app's own colours: a brand that sets only colorPrimary is the host's to pair with a theme.
    await expectNoAxeViolations(page, { wholePage: true });

    // The brand, from the host's state: the element's `appearance` property, live.
    const primary = app(page).locator('.msg-button--primary').first();
    await expect(primary).toBeVisible();
    const initial = await primary.evaluate((e) => getComputedStyle(e).backgroundColor);
    const brand = page.getByLabel('Brand of the app');
    await brand.selectOption('Indigo');
    await expect(primary).toHaveCSS('background-color', 'rgb(67, 56, 202)');
    await expect(primary).toHaveCSS('border-radius', '12px');
    await brand.selectOption('Teal');
    await expect(primary).toHaveCSS('background-color', 'rgb(15, 118, 110)');
    await expect(primary).toHaveCSS('border-radius', '2px');
    await saveScreen(page, `${host.screen}-settings`, 'en');
    await brand.selectOption('Default');
    await expect(primary).toHaveCSS('background-color', initial);

    // A link of the app moves the address under the prefix; the other part's wasm comes from
    // where the host's build put it.
    await app(page).getByRole('navigation', { name: 'Messaging sections' }).getByRole('link', { name: 'Conversations' }).click();
    await expect(page).toHaveURL(new RegExp(`${host.path}/messaging$`));
    await expect(app(page).getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
    await expect(log(page)).toContainText('messenger:navigate {"path":"/messaging"}');
    if (host.assets) {
      // Both parts' wasm, glue and English messages, and the app's stylesheet, each from the CDN's folder.
      const ours = files.filter((f) => !f.endsWith('/style.css') && !f.includes('/shared/'));
      expect(ours.filter((f) => f.endsWith('.wasm'))).toHaveLength(2);
      expect(ours.filter((f) => f.endsWith('.css'))).toHaveLength(1);
      expect(ours.filter((f) => /-en-[0-9a-f]+\.json$/.test(f))).toHaveLength(2);
      for (const file of ours) expect(file.startsWith(host.assets), file).toBe(true);
    }
  });

  test(`${host.name}: removing the element stops its network activity, and it comes back`, async ({ page }) => {
    await scenario(page, 'installed');
    const watch = watchRemoval(page);
    await page.goto(`${host.path}/messaging/ken`);
    await expect(new ConversationsPage(page, 'en').composer).toBeVisible();
    const poll = await watch.waitingPoll();

    watch.removing();
    await page.getByRole('button', { name: 'Remove the app' }).click();
    await expect(app(page)).toHaveCount(0);
    await expect.poll(() => watch.end(poll), { message: 'the long poll, aborted' }).toBe('failed');
    // Longer than a long poll's first retry (at most 750 ms, src/domain/retry.rs). The embedding
    // spec watches a removed element for longer; here it is the host that removes it.
    await page.waitForTimeout(3_000);
    expect(watch.after, 'API requests after removal').toEqual([]);

    await page.getByRole('button', { name: 'Add the app again' }).click();
    await expect(new ConversationsPage(page, 'en').composer).toBeVisible();
    await expect(log(page).getByText(/^messenger:ready/)).toHaveCount(2);
  });
}
