import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
export const SCREENS = resolve(ROOT, 'docs/screens');
export type Lang = 'ja' | 'en';
export const LANGS: Lang[] = ['ja', 'en'];

export type Backend = { url: string; process: ChildProcess };

/**
 * Starts the dev backend on a free port, serving the release build and the host demo under the
 * strict CSP a CRM sends (`--csp`), and resolves with the address it prints.
 */
export async function startBackend(staticDir = resolve(ROOT, 'dist')): Promise<Backend> {
  const args = ['--static', staticDir, '--host-demo', resolve(ROOT, 'host-demo'), '--csp', '--sim', '--port', '0'];
  const child = spawn(resolve(ROOT, 'target/debug/dev-backend'), args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((ok, fail) => {
    child.once('exit', (code) => fail(new Error(`dev-backend exited with ${code}`)));
    lines.on('line', (line) => {
      const m = line.match(/listening on (http:\/\/\S+)/);
      if (m) ok(m[1]);
    });
  });
  return { url, process: child };
}

/** Every page of a test, popups and frames included, must render without a CSP violation. */
export const test = base.extend<{ lang: Lang; cspViolations: string[] }, { backend: Backend }>({
  lang: ['en', { option: true }],
  cspViolations: [
    async ({ context }, use) => {
      const violations: string[] = [];
      // The browser's own report reaches the console only through this event, in every frame.
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`Content-Security-Policy violation: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
        ),
      );
      const watch = (page: Page) =>
        page.on('console', (msg) => {
          if (/Content[ -]Security[ -]Policy/i.test(msg.text())) violations.push(`${page.url()}: ${msg.text()}`);
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use(violations);
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
  backend: [
    async ({}, use) => {
      const backend = await startBackend();
      await use(backend);
      backend.process.kill();
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ backend }, use) => use(backend.url),
  // The browser's preferred language decides the app's language on first visit.
  locale: async ({ lang }, use) => use(lang === 'ja' ? 'ja-JP' : 'en-US'),
});

export { expect };

/** Puts the worker's dev backend in a named scenario (see docs/api.md). */
export async function scenario(page: Page, name: string) {
  const res = await page.request.post('/sim/reset', { data: { scenario: name } });
  expect(res.ok(), `reset to ${name}`).toBeTruthy();
}

/**
 * Holds every request to `url` (a route pattern) until the returned function is called; then
 * each goes on as it would have.
 */
export async function holdRequests(page: Page, url: string | RegExp) {
  let release!: () => void;
  const held = new Promise<void>((done) => (release = done));
  await page.route(url, async (route) => {
    await held;
    await route.fallback();
  });
  return release;
}

/** The translated text for the test's language. */
export const tr = (lang: Lang, ja: string, en: string) => (lang === 'ja' ? ja : en);

/**
 * Fails on any WCAG 2.2 AA violation, listing each rule and the elements it hit: in the app,
 * or with `{ wholePage: true }` in the host page around it too (the host demo is what a CRM copies).
 */
export async function expectNoAxeViolations(page: Page, { wholePage = false } = {}) {
  const builder = new AxeBuilder({ page });
  const { violations } = await (wholePage ? builder : builder.include('.msg-app'))
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const report = violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, 'axe violations').toEqual([]);
}

/** Saves docs/screens/<name>-<lang>.png for the README. */
export async function saveScreen(page: Page, name: string, lang: Lang) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENS, `${name}-${lang}.png`), fullPage: true });
}
