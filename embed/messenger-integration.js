// <messenger-integration> and mount(): the one way to start the app, for the standalone page
// and for a CRM alike. scripts/embed.mjs copies this file into dist/ at build time and fills
// in the hashed names of each part's wasm glue and wasm, and of the stylesheet, with their SRI
// hashes. No inline script or style anywhere: it runs under a strict Content-Security-Policy.

/** Each part of the app is a wasm of its own: `{settings, conversations}` → `{glue, wasm}`. */
const PARTS = __PARTS__;
const CSS = ['__CSS__', '__CSS_SRI__'];

/**
 * The part an element needs: the one its `view` names, or for the whole app the one that holds
 * the address it opens at (conversations under `/messaging`, settings and the wizard elsewhere).
 */
function partFor(view, basePath) {
  if (Object.hasOwn(PARTS, view ?? '')) return view;
  return /^\/messaging(\/|$)/.test(appPath(basePath)) ? 'conversations' : 'settings';
}

/** The page's address under the host's prefix, as the app's routes see it. */
function appPath(basePath) {
  const base = (basePath ?? '').replace(/\/+$/, '');
  const path = location.pathname;
  if (base && (path === base || path.startsWith(`${base}/`))) return path.slice(base.length) || '/';
  return path;
}

/**
 * The first reads of the screen `part` opens at, started now, beside the wasm's download and
 * compile: the app adopts each answer once instead of asking (src/api.rs, `adopt`). Only what
 * that screen asks for at once; anything else waits for the app.
 */
function prefetch(part, options) {
  const path = appPath(options.basePath);
  let paths = ['/me'];
  if (part === 'conversations') paths = ['/me', '/integrations/facebook', '/conversations'];
  else if (path === '/' || /^\/settings\/messaging\/?$/.test(path)) paths = ['/me', '/integrations/facebook'];
  else if (!path.startsWith('/settings/messaging/facebook/connect')) return undefined;
  const base = (options.apiBase ?? '/api').trim().replace(/\/+$/, '') || '/api';
  return Object.fromEntries(
    paths.map((p) => {
      // The app aborts it when it times out or is not adopted, as it does its own requests.
      const controller = new AbortController();
      // Read here, while the wasm compiles: the app finds the body there when it mounts.
      const answer = fetch(`${base}${p}`, { signal: controller.signal }).then(async (response) => ({
        status: response.status,
        text: await response.text(),
      }));
      // Adopted or not, a failure is the app's to report, never an unhandled rejection.
      answer.catch(() => {});
      return [p, { answer, controller }];
    }),
  );
}

/** `app.loading` of locales/*.json, by locale. */
const LOADING = __LOADING__;

const here = (name) => new URL(name, import.meta.url).href;

/** The language the app will choose: the host's, the remembered one, the browser's (see src/i18n.rs). */
function startLocale(forced) {
  const remembered = document.cookie.match(/(?:^|;\s*)msg_ui_locale=([a-z]+)/)?.[1];
  const wanted = [forced, remembered, ...navigator.languages].map((tag) => tag?.toLowerCase().split(/[-_]/)[0]);
  return wanted.find((l) => l in LOADING) ?? 'en';
}

/**
 * Until the wasm has arrived, the element holds what the app itself shows while it loads, in
 * the app's language, so the page never sits blank. The app replaces it when it mounts.
 */
function placeholder(element, locale) {
  const app = document.createElement('div');
  app.className = 'msg-app msg-app--starting';
  app.lang = locale;
  const notice = document.createElement('p');
  notice.className = 'msg-loading';
  notice.setAttribute('aria-busy', 'true');
  notice.textContent = LOADING[locale];
  app.append(notice);
  element.append(app);
  return app;
}

/** Adds `<link rel>` for one of our files to <head>, unless the page already has it. */
function link(rel, [name, integrity], as) {
  const href = here(name);
  for (const existing of document.head.querySelectorAll(`link[rel="${rel}"]`)) {
    if (existing.href === href) return;
  }
  const el = document.createElement('link');
  el.rel = rel;
  el.href = href;
  el.integrity = integrity;
  el.crossOrigin = 'anonymous';
  if (as) el.as = as;
  document.head.append(el);
}

const compiled = {};
const shared = {};
let instances = 0;

/** A part's wasm, downloaded and compiled once. */
function compile(part) {
  const [name, integrity] = PARTS[part].wasm;
  compiled[part] ??= WebAssembly.compileStreaming(fetch(here(name), { integrity }));
  return compiled[part];
}

/** The glue at `url`, started on the part's compiled wasm. */
async function instantiate(part, url) {
  // Both at once: the wasm need not wait for its glue to arrive.
  const [module, glue] = await Promise.all([compile(part), import(url)]);
  await glue.default({ module_or_path: module });
  return glue;
}

/**
 * Loads the stylesheet and a part; every element and mount() shares that first instance. A
 * `fresh` one is for an element coming back to a part it left: what the old instance still had
 * running ended with it, and nothing of it is used again.
 */
function load(part, fresh = false) {
  const glue = PARTS[part].glue;
  if (fresh) return instantiate(part, `${here(glue[0])}?instance=${++instances}`);
  shared[part] ??= (() => {
    link('stylesheet', CSS);
    // The preload carries the glue's SRI hash, which a dynamic import() cannot.
    link('modulepreload', glue);
    return instantiate(part, here(glue[0]));
  })();
  return shared[part];
}

/** What a build asks for when the user goes to an address of the other part (src/host.rs). */
const PART_EVENT = 'msg-ui:part';

/**
 * Mounts the app into `element`. Returns at once; the handle queues calls until the wasm is
 * ready, and `unmount()` before then means the app never starts.
 */
export function mount(element, options = {}) {
  let app = null;
  let gone = false;
  let part = partFor(options.view, options.basePath);
  // What the host set since, for a part started later.
  const current = { ...options };
  const queued = [];
  const left = new Set();
  let waiting = null;
  const stop = () => {
    waiting?.remove();
    waiting = null;
    if (app) {
      app.unmount();
      app.free();
      app = null;
    }
  };
  const start = (prefetched) => {
    waiting = placeholder(element, startLocale(current.locale));
    const wanted = part;
    return load(wanted, left.has(wanted)).then((module) => {
      if (gone || wanted !== part) return;
      waiting?.remove();
      waiting = null;
      app = module.mount(element, { ...current, prefetch: prefetched });
      queued.splice(0).forEach((call) => call(app));
    });
  };
  // Only the first start: a part started later asks for what it needs itself.
  const ready = start(prefetch(part, options));
  // The user went to an address of the other part: that part's build takes over the element,
  // at the same address. After the event's dispatch, not inside it: the asking app is mid-effect.
  const switchPart = (event) => {
    if (event.target !== element || !Object.hasOwn(PARTS, event.detail ?? '') || event.detail === part) return;
    setTimeout(() => {
      if (gone || event.detail === part) return;
      left.add(part);
      part = event.detail;
      stop();
      start();
    });
  };
  element.addEventListener(PART_EVENT, switchPart);
  const call = (f) => (app ? f(app) : queued.push(f));
  return {
    ready,
    unmount() {
      gone = true;
      element.removeEventListener(PART_EVENT, switchPart);
      stop();
    },
    setLocale(locale) {
      current.locale = locale ?? undefined;
      call((a) => a.setLocale(locale ?? undefined));
    },
    setCsrfToken(token) {
      current.csrfToken = token ?? undefined;
      call((a) => a.setCsrfToken(token ?? undefined));
    },
  };
}

/** Attribute → option of mount(). */
const ATTRIBUTES = {
  'api-base': 'apiBase',
  locale: 'locale',
  'csrf-token': 'csrfToken',
  'base-path': 'basePath',
  view: 'view',
  chrome: 'chrome',
  'host-origin': 'hostOrigin',
};

export class MessengerIntegration extends HTMLElement {
  static observedAttributes = Object.keys(ATTRIBUTES);
  #app = null;

  connectedCallback() {
    this.#start();
  }

  disconnectedCallback() {
    this.#app?.unmount();
    this.#app = null;
  }

  attributeChangedCallback(name, old, value) {
    if (!this.#app || old === value) return;
    if (name === 'locale') this.#app.setLocale(value);
    else if (name === 'csrf-token') this.#app.setCsrfToken(value);
    else {
      // The others shape the whole app (routes, prefix, API): start it again.
      this.#app.unmount();
      this.#start();
    }
  }

  #start() {
    const options = {};
    for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
      const value = this.getAttribute(attribute);
      if (value !== null) options[option] = value;
    }
    // The standalone page, when framed, learns its parent's origin from its own address.
    if (!options.hostOrigin && this.hasAttribute('standalone')) {
      const origin = new URLSearchParams(location.search).get('host_origin');
      if (origin) options.hostOrigin = origin;
    }
    this.#app = mount(this, options);
  }
}

if (!customElements.get('messenger-integration')) {
  customElements.define('messenger-integration', MessengerIntegration);
}
