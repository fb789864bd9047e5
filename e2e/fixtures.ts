import { test as base, expect, type BrowserContext, type Page, type Request } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
/**
 * Where every test saves its screenshot: under test-results/ (not tracked), unless
 * scripts/screens names docs/screens in MSG_SCREENS_DIR. That run is repeatable: the dev
 * backend and the browser start at FIXED_TIME, so a screen that did not change is the same file.
 */
const SCREENS_DIR = process.env.MSG_SCREENS_DIR;
export const SCREENS = SCREENS_DIR ? resolve(SCREENS_DIR) : resolve(__dirname, 'test-results/screens');
const REPEATABLE = SCREENS_DIR !== undefined;
export const FIXED_TIME = Date.UTC(2026, 11, 1, 9, 30);
export type Lang = 'ja' | 'en';
export const LANGS: Lang[] = ['ja', 'en'];

export type Backend = { url: string; process: ChildProcess };

/** scripts/screens: each context's requests in flight, long polls aside (see saveScreen). */
const inFlight = new WeakMap<BrowserContext, Set<Request>>();

/**
 * Starts the dev backend on a free port, serving the release build and the host pages under the
 * strict CSP a CRM sends (`--csp`), and resolves with the address it prints. `DEV_BACKEND` names
 * another build of it: `scripts/bench` times against the release one, as a CRM's server is built.
 */
export async function startBackend(staticDir = resolve(ROOT, 'dist')): Promise<Backend> {
  const args = ['--static', staticDir, '--host-demo', resolve(ROOT, 'host-demo'), '--csp', '--sim', '--port', '0'];
  // The hosts react-host.spec.ts builds; until then, their paths are 404s.
  for (const host of ['react', 'plain', 'cdn']) args.push('--host-page', `/${host}-host=${resolve(ROOT, 'target/hosts', host)}`);
  if (REPEATABLE) args.push('--fixed-time', String(FIXED_TIME));
  const child = spawn(resolve(ROOT, process.env.DEV_BACKEND ?? 'target/debug/dev-backend'), args, {
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

/**
 * For tests that remove the element: the page's long polls, how each ended, and every API
 * request asked after `removing()`. Opening a thread reads it, and that read mark answers the
 * poll then waiting within a second or two on a loaded machine, so the poll to watch is one
 * that has waited 3 s of its 10.
 */
export function watchRemoval(page: Page) {
  const polls = new Map<Request, { since: number; end?: 'answered' | 'failed' }>();
  const after: string[] = [];
  let removed = false;
  page.on('request', (r) => {
    if (r.url().includes('/api/updates')) polls.set(r, { since: Date.now() });
    if (removed && new URL(r.url()).pathname.startsWith('/api/')) after.push(r.url());
  });
  page.on('requestfinished', (r) => polls.has(r) && (polls.get(r)!.end = 'answered'));
  page.on('requestfailed', (r) => polls.has(r) && (polls.get(r)!.end = 'failed'));
  const waiting = () => [...polls].filter(([, p]) => !p.end && Date.now() - p.since > 3_000).map(([r]) => r);
  return {
    /** The long poll waiting past the read mark's answer. */
    async waitingPoll(): Promise<Request> {
      await expect.poll(() => waiting().length, { message: 'a long poll waiting', timeout: 20_000 }).toBe(1);
      return waiting()[0];
    },
    /** How `poll` ended, if it has. */
    end: (poll: Request) => polls.get(poll)?.end,
    /** From now on, every API request is kept in `after`. */
    removing() {
      removed = true;
    },
    after,
  };
}

/** Every page of a test, popups and frames included, must render without a CSP violation. */
export const test = base.extend<{ lang: Lang; cspViolations: string[]; fresh: void }, { backend: Backend }>({
  lang: ['en', { option: true }],
  context: async ({ context }, use) => {
    if (REPEATABLE) {
      // The server's clock starts at FIXED_TIME with each scenario, the browser's with the
      // context, and both run on: the times the app shows, and the countdowns it takes from
      // both clocks, are the same each run. Only Date moves: context.clock.install() would fake
      // the timers too, and their ids do not fit the i32 that wasm's clearTimeout passes back.
      const shift = FIXED_TIME - Date.now();
      await context.addInitScript((shift: number) => {
        const RealDate = Date;
        const now = () => RealDate.now() + shift;
        function ShiftedDate(this: unknown, ...args: unknown[]) {
          if (!new.target) return new RealDate(now()).toString();
          return Reflect.construct(RealDate, args.length ? args : [now()], new.target);
        }
        ShiftedDate.prototype = RealDate.prototype;
        // Not enumerable, as Date's own: Playwright's clock copies the enumerable ones over its fake.
        for (const [key, value] of Object.entries({ now, parse: RealDate.parse, UTC: RealDate.UTC })) {
          Object.defineProperty(ShiftedDate, key, { value, writable: true, configurable: true });
        }
        globalThis.Date = ShiftedDate as unknown as DateConstructor;
      }, shift);
      // A test that installs Playwright's clock starts it at the fixed instant too.
      const install = context.clock.install.bind(context.clock);
      context.clock.install = (options) => install({ time: Date.now() + shift, ...options });
      const pending = new Set<Request>();
      inFlight.set(context, pending);
      context.on('request', (r) => !r.url().includes('/api/updates') && pending.add(r));
      context.on('requestfinished', (r) => pending.delete(r));
      context.on('requestfailed', (r) => pending.delete(r));
    }
    await use(context);
  },
  timezoneId: async ({}, use) => use(REPEATABLE ? 'UTC' : undefined),
  // A test that sets no scenario starts from the server's first one, not from what the
  // worker's last test left behind.
  fresh: [
    async ({ request }, use) => {
      if (REPEATABLE) expect((await request.post('/sim/reset', { data: { scenario: 'installed' } })).ok()).toBeTruthy();
      await use();
    },
    { auto: true },
  ],
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
  const scan = async () => {
    const builder = new AxeBuilder({ page });
    const { violations } = await (wholePage ? builder : builder.include('.msg-app'))
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .analyze();
    return violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  };
  expect(await scan(), 'axe violations').toEqual([]);
  // The same screen in the dark theme (issue 30), colour contrast included; then as it was.
  const themes = await page.evaluate(() =>
    [...document.querySelectorAll('messenger-integration')].map((e) => {
      const was = e.getAttribute('theme');
      e.setAttribute('theme', 'dark');
      return was;
    }),
  );
  try {
    expect(await scan(), 'axe violations in the dark theme').toEqual([]);
  } finally {
    await page.evaluate((themes) => {
      document.querySelectorAll('messenger-integration').forEach((e, i) => {
        if (themes[i] === null || themes[i] === undefined) e.removeAttribute('theme');
        else e.setAttribute('theme', themes[i]!);
      });
    }, themes);
  }
}

/**
 * scripts/screens: waits until what is on its way has arrived and been drawn (the
 * troubleshooter's next checks, a picture, a video's length, a sent message's receipts), so a
 * screen never catches it midway: 300 ms of that, or 8 s at most (a test may hold a request).
 */
async function settle(page: Page) {
  const pending = inFlight.get(page.context());
  if (!pending) return;
  const busy = async () =>
    pending.size > 0 ||
    (await (await page.request.get('/sim/stats')).json()).receipts_pending > 0 ||
    !(await page.evaluate(() =>
      [...document.querySelectorAll('video, audio')].every((m) => m.preload === 'none' || m.error || m.readyState >= 1),
    ));
  const deadline = Date.now() + 8_000;
  for (let quietSince = Date.now(); Date.now() < deadline; await page.waitForTimeout(50)) {
    if (await busy()) quietSince = Date.now();
    else if (Date.now() - quietSince >= 300) return;
  }
}

/** Saves <name>-<lang>.png in SCREENS (docs/screens, for the README, when scripts/screens runs). */
export async function saveScreen(page: Page, name: string, lang: Lang | string) {
  mkdirSync(SCREENS, { recursive: true });
  if (REPEATABLE) {
    await settle(page);
    // A dialog is drawn where the window is scrolled to, which depends on when a click scrolled it.
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  // Animations at their end, so a screen never catches one midway.
  await page.screenshot({ path: resolve(SCREENS, `${name}-${lang}.png`), fullPage: true, animations: 'disabled' });
}
