import { type Page } from '@playwright/test';
import { test, expect, expectNoAxeViolations, scenario } from '../fixtures';

// Each part of the app is a wasm of its own (docs/performance.md): an element downloads only
// the part it shows, and the whole app loads the other part when the user first goes there.

/** The part of every wasm the page downloads, in order: `settings` or `conversations`. */
function wasmParts(page: Page) {
  const parts: string[] = [];
  page.on('request', (r) => {
    const m = new URL(r.url()).pathname.match(/msg-([a-z]+)-[0-9a-f]+_bg\.wasm$/);
    if (m) parts.push(m[1]);
  });
  return parts;
}

/** A CRM page of its own at `/crm/<path>` with one element, as docs/embedding.md says to write it. */
async function hostWith(page: Page, path: string, attributes: string) {
  await page.route('**/crm/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>CRM</title>
        <script type="module" src="/messenger-integration.js"></script></head>
        <body><main><messenger-integration base-path="/crm" ${attributes}></messenger-integration></main></body></html>`,
    }),
  );
  await page.goto(`/crm${path}`);
}

test('the whole app downloads the part it opens at, and the other when the user goes there, both ways', async ({ page }) => {
  await scenario(page, 'installed');
  const parts = wasmParts(page);
  // What the host hears: the other part's build taking over says nothing the host knows already.
  await page.addInitScript(() => {
    const heard: string[] = ((window as any).__heard = []);
    for (const name of ['messenger:ready', 'messenger:navigate', 'messenger:integration-change']) {
      document.addEventListener(name, (e) => heard.push(`${name} ${(e as CustomEvent).detail.path ?? (e as CustomEvent).detail.state}`));
    }
  });
  const heard = () => page.evaluate(() => (window as any).__heard as string[]);
  await page.goto('/settings/messaging');
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  expect(parts).toEqual(['settings']);

  await page.getByRole('link', { name: 'Conversations', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible();
  await expect(page).toHaveURL(/\/messaging$/);
  expect(parts).toEqual(['settings', 'conversations']);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messaging settings' })).toBeVisible();
  // Each part is fetched once; going back uses the one already here.
  expect(parts).toEqual(['settings', 'conversations']);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Conversations' })).toBeVisible();
  expect(parts).toEqual(['settings', 'conversations']);
  await expect(page.getByRole('link', { name: /Ken Watanabe/ })).toBeVisible();
  const told = await heard();
  expect(told.filter((e) => e.startsWith('messenger:ready'))).toEqual(['messenger:ready /settings/messaging']);
  expect(told.filter((e) => e.startsWith('messenger:integration-change'))).toEqual(['messenger:integration-change installed']);
  expect(told.filter((e) => e.startsWith('messenger:navigate'))).toEqual([
    'messenger:navigate /settings/messaging',
    'messenger:navigate /messaging',
    'messenger:navigate /settings/messaging',
    'messenger:navigate /messaging',
  ]);
});

test('a conversation opened by its address downloads only the conversations part', async ({ page }) => {
  await scenario(page, 'installed');
  const parts = wasmParts(page);
  await page.goto('/messaging/ken');
  await expect(page.getByRole('heading', { level: 2, name: 'Ken Watanabe' })).toBeVisible();
  expect(parts).toEqual(['conversations']);
});

for (const [view, other, path, heading] of [
  ['settings', 'conversations', '/settings/messaging', 'Messaging settings'],
  ['conversations', 'settings', '/messaging', 'Conversations'],
] as const) {
  test(`an element with view="${view}" downloads only that part`, async ({ page }) => {
    await scenario(page, 'installed');
    const parts = wasmParts(page);
    await hostWith(page, path, `view="${view}"`);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // Long enough for any other download to have started.
    await page.waitForTimeout(1_500);
    expect(parts).toEqual([view]);
    expect(parts).not.toContain(other);
  });
}
