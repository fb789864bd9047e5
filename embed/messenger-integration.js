// <messenger-integration> and mount(): the one way to start the app, for the standalone page
// and for a CRM alike. scripts/embed.mjs copies this file into dist/ at build time and fills
// in the hashed names of each part's wasm glue and wasm, and of the stylesheet, with their SRI
// hashes. No inline script or style anywhere: it runs under a strict Content-Security-Policy.
// It also writes messenger-integration-pure.js, this module without its last line: nothing at
// its top level touches the DOM, so a server-side render can import it.

import { APPEARANCE, ATTRIBUTES, THEMES, appearanceOf, appearanceProperty, localeOf, normalize } from './options.js';

/**
 * Each part of the app is a wasm of its own: `{settings, conversations}` → `{glue, wasm}`, each
 * `[URL, integrity]`, and `strings`, its messages in each language, `{locale: URL}`. Each URL
 * is a `new URL` of the file's relative name and `import.meta.url`, written out: the form a
 * bundler (Vite) finds, and copies the file for.
 */
const PARTS = __PARTS__;
const CSS = __CSS__;
/**
 * The app's addresses (each with its part and start-up reads), the views' homes and the
 * defaults: src/domain/routes.json, which the Rust side reads too. No rule is written here.
 */
const TABLES = __TABLES__;

/** The route that holds an app path: its own, or one it is `below`. */
function routeOf(path) {
  const trimmed = path.replace(/\/+$/, '') || '/';
  return TABLES.routes.find((r) => trimmed === r.path || (r.below && trimmed.startsWith(`${r.path}/`)));
}

/** The page's address under the host's prefix (normalised: `` or `/crm`), as the app's routes see it. */
function appPath(basePath) {
  const path = location.pathname;
  if (basePath && (path === basePath || path.startsWith(`${basePath}/`))) return path.slice(basePath.length) || '/';
  return path;
}

/** The route the element opens at: `/` is its view's home. */
function openingRoute(options) {
  const path = appPath(options.basePath);
  return routeOf(path === '/' ? TABLES.homes[options.view ?? 'full'] : path);
}

/** The part an element needs: the one its `view` names, or the one that holds the address it opens at. */
function partFor(options) {
  return options.view ?? openingRoute(options)?.part ?? TABLES.unknown_part;
}

/**
 * The first reads of the screen `part` opens at, started now, beside the wasm's download and
 * compile: the app adopts each answer once instead of asking (src/api.rs, `adopt`). Only what
 * that screen asks for at once; anything else waits for the app.
 */
function prefetch(part, options) {
  const route = openingRoute(options);
  if (route?.part !== part || route.reads.length === 0) return undefined;
  const paths = route.reads;
  const base = options.apiBase;
  return Object.fromEntries(
    paths.map((p) => {
      // The app aborts it when it times out or is not adopted, as it does its own requests.
      const controller = new AbortController();
      // Read here, while the wasm compiles: the app finds the body there when it mounts.
      const answer = fetch(`${base}${p}`, { signal: controller.signal }).then(async (response) => ({
        status: response.status,
        text: await response.text(),
      }));
      const read = { answer, controller };
      // In before the app mounts: the app takes it as it is, and draws its screen with it at
      // once. Adopted or not, a failure is the app's to report, never an unhandled rejection.
      answer.then((settled) => (read.settled = settled), () => {});
      return [p, read];
    }),
  );
}

/**
 * `app.loading` and the `loader` section of locales/*.json, and the script's direction, by
 * locale; a pseudo-locale (for tests) has English's.
 */
const STARTING = __STARTING__;
const starting = (locale) => STARTING[locale] ?? STARTING.en;

/** Where one of our files is: next to this module, or under the host's `assetsBase`. */
const here = ([url], base) => (base ? new URL(url.pathname.split('/').pop(), base) : url).href;

/** Every language a part has a table in, the pseudo-locales included. */
const LOCALES = Object.keys(Object.values(PARTS)[0].strings);

/** The language the app starts in: the host's, the remembered one, the browser's, or English. */
function startLocale(forced) {
  const cookie = document.cookie.split(';').map((pair) => pair.trim().split('='));
  const remembered = cookie.find(([name]) => name === TABLES.locale_cookie)?.[1];
  return [forced, remembered, ...navigator.languages].map((tag) => localeOf(tag, LOCALES)).find(Boolean) ?? 'en';
}

/**
 * Until the wasm has arrived, the element holds what the app itself shows while it loads, in
 * the app's language, so the page never sits blank. The app replaces it when it mounts.
 * `quiet`: for screen readers only, while a kept screen is about to take its place.
 */
function placeholder(element, locale, quiet) {
  const notice = html('p', { class: 'msg-loading', 'aria-busy': 'true' }, starting(locale).loading);
  return own(element, locale, quiet ? 'msg-app--quiet' : '', notice);
}

/**
 * What the element says when its part could not be loaded (the connection dropped, the server
 * failed, or the file was not the one we built): the cause, and Try again, which downloads it
 * anew. Built like the app's own failure screens, and announced as they are.
 */
function loadFailure(element, locale, retry) {
  const { failed_title: title, failed_body: body, try_again: again } = starting(locale);
  const button = html('button', { type: 'button', class: 'msg-button msg-button--primary' }, again);
  button.addEventListener('click', retry, { once: true });
  const failure = html(
    'section',
    { class: 'msg-failure', role: 'alert' },
    html('h2', { class: 'msg-failure__title' }, title),
    html('p', {}, body),
    html('div', { class: 'msg-actions' }, button),
  );
  return own(element, locale, '', failure);
}

/** The element's content while no app is mounted: an app root of its own, in the app's language. */
function own(element, locale, extra, ...children) {
  const app = html('div', { class: `msg-app msg-app--starting ${extra}`.trim(), lang: locale, dir: starting(locale).dir }, ...children);
  element.append(app);
  return app;
}

/** An element with attributes and children (text is set as text). */
function html(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/*
 * The last screen of Messaging settings this browser showed, shown again at once on the next
 * visit while the wasm loads, marked as updating, and replaced by the app once it has the
 * server's answer (its `messenger:ready`). Kept per company and user (from `GET /me`, as the
 * outbox is) and language, in localStorage: Messaging settings hold no customer's message.
 * Stored as a tree of allowed tags and attributes, never as HTML: text comes back as text, and
 * nothing in storage can add a script, a style, a link or an image address.
 */
const SNAPSHOT = 'msg_ui_snapshot:';
/** Whether an app path is Messaging settings' own, the screen kept for the next visit. */
const keptScreen = (path) => routeOf(path)?.screen === 'Settings';
const SNAPSHOT_TAGS = new Set(
  'div span p h1 h2 h3 h4 section header nav main ul ol li a button strong em small code dl dt dd label fieldset legend input select option textarea br details summary'.split(' '),
);
const SNAPSHOT_ATTRS = /^(class|lang|role|type|disabled|checked|selected|rows|aria-[a-z]+)$/;
const SNAPSHOT_LIMIT = 64_000;
/** How long a snapshot may stand in for an app that has not become ready. */
const SNAPSHOT_MS = 3_000;
/** How long the wasm's compile waits for `GET /me` to tell whose snapshot to show. */
const SNAPSHOT_WAIT_MS = 150;
/** How long a compiled part waits for the start-up reads before it mounts without them. */
const ANSWERS_WAIT_MS = 100;
const delay = (ms) => new Promise((done) => setTimeout(done, ms));

/** Storage may be blocked, full or hostile: the app starts as if nothing were kept. */
const storage = (use) => {
  try {
    return use(localStorage);
  } catch {
    return undefined;
  }
};

/** Whose snapshot, from the `GET /me` the loader began: `undefined` until then, or for none. */
async function snapshotKey(me, locale, options) {
  const { status, text } = await me;
  if (status !== 200) return undefined;
  const { company, user } = JSON.parse(text);
  if (typeof company?.id !== 'string' || typeof user?.id !== 'string') return undefined;
  const who = [company.id, user.id].map(encodeURIComponent).join('/');
  return `${SNAPSHOT}${who}:${JSON.stringify([locale, options.view ?? '', options.chrome ?? ''])}`;
}

function freeze(node) {
  if (node.nodeType === Node.TEXT_NODE) return node.data;
  if (node.nodeType !== Node.ELEMENT_NODE || !SNAPSHOT_TAGS.has(node.localName)) return null;
  const attributes = Object.fromEntries([...node.attributes].filter((a) => SNAPSHOT_ATTRS.test(a.name)).map((a) => [a.name, a.value]));
  // A choice made through the property (the app's radios and lists) is not in the attributes.
  for (const [tag, choice] of [['input', 'checked'], ['option', 'selected']]) {
    if (node.localName !== tag) continue;
    if (node[choice]) attributes[choice] = '';
    else delete attributes[choice];
  }
  return [node.localName, attributes, [...node.childNodes].map(freeze).filter((child) => child !== null)];
}

/** The tree back as elements, or `null` for anything that is not what `freeze` writes. */
function thaw(tree) {
  if (typeof tree === 'string') return document.createTextNode(tree);
  if (!Array.isArray(tree) || !SNAPSHOT_TAGS.has(tree[0]) || !Array.isArray(tree[2])) return null;
  const element = document.createElement(tree[0]);
  for (const [name, value] of Object.entries(tree[1] ?? {})) {
    if (SNAPSHOT_ATTRS.test(name) && typeof value === 'string') element.setAttribute(name, value);
  }
  for (const child of tree[2]) {
    const node = thaw(child);
    if (node) element.append(node);
  }
  return element;
}

/** The app's screen, kept for the next visit: only a settled one, never a failure or a wait. */
function keep(key, element) {
  const app = element.querySelector(':scope > .msg-app:not(.msg-app--snapshot)');
  if (!app || app.querySelector('.msg-loading, .msg-failure, .msg-screen--error')) return;
  const json = JSON.stringify(freeze(app));
  storage((s) => (json.length > SNAPSHOT_LIMIT ? s.removeItem(key) : s.setItem(key, json)));
}

/** The kept screen, inert and hidden from assistive technology, marked as updating. */
function snapshot(key, locale) {
  const json = storage((s) => s.getItem(key));
  if (!json) return null;
  let shown = null;
  try {
    shown = thaw(JSON.parse(json));
  } catch {
    // Not what this loader wrote: shown as nothing.
  }
  if (!shown?.classList.contains('msg-app')) return null;
  shown.classList.add('msg-app--snapshot');
  shown.inert = true;
  shown.setAttribute('aria-hidden', 'true');
  shown.dataset.updating = starting(locale).updating;
  return shown;
}

/** Adds `<link rel>` for one of our files to <head>, unless the page already has it. */
function link(rel, file, base) {
  const href = here(file, base);
  for (const existing of document.head.querySelectorAll(`link[rel="${rel}"]`)) {
    if (existing.href === href) return;
  }
  const el = document.createElement('link');
  el.rel = rel;
  el.href = href;
  el.integrity = file[1];
  el.crossOrigin = 'anonymous';
  document.head.append(el);
}

const downloads = {};
const compiled = {};
const shared = {};
/** Whether an element has each part's shared instance now: another gets an instance of its own. */
const taken = {};
let instances = 0;

/**
 * A part's wasm, its download begun once (a page's preload of it is this same request). Per
 * part, not per `assetsBase`: the bytes are the same wherever they are, as SRI checks.
 */
function download(part, base) {
  if (!downloads[part]) {
    const wasm = PARTS[part].wasm;
    downloads[part] = fetch(here(wasm, base), { integrity: wasm[1] });
    // A failure is compileStreaming's to report, once it is called.
    downloads[part].catch(() => {});
  }
  return downloads[part];
}

/**
 * The glue at `url`, started on the part's wasm, compiled once. The download begins at once;
 * compiling and the glue wait for `after` (a kept screen going up first, see `start`): both
 * keep the main thread busy.
 */
async function instantiate(part, url, after, base) {
  const wasm = download(part, base);
  await after;
  compiled[part] ??= WebAssembly.compileStreaming(wasm);
  const [module, glue] = await Promise.all([compiled[part], import(url)]);
  await glue.default({ module_or_path: module });
  return glue;
}

/**
 * Loads the stylesheet and a part: its first instance, or a `fresh` one (the module is compiled
 * once). A fresh one is for an element beside another of the same part, so a panic, which
 * aborts its instance, ends only its own element (src/panic.rs); and for an element coming back
 * to a part it left: what the old instance still had running ended with it.
 */
function load(part, fresh, after, base) {
  const glue = PARTS[part].glue;
  if (fresh) return instantiate(part, `${here(glue, base)}?instance=${++instances}`, after, base);
  shared[part] ??= (() => {
    link('stylesheet', CSS, base);
    // The preload carries the glue's SRI hash, which a dynamic import() cannot.
    link('modulepreload', glue, base);
    return instantiate(part, here(glue, base), after, base);
  })();
  return shared[part];
}

const texts = {};

/** The first 16 hex digits of the SHA-256 of `bytes`, as a table's name carries them (embed.mjs). */
async function short(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A part's messages in `locale` (src/i18n.rs, `register`), as JSON text, fetched once: the
 * starting language's beside the wasm, another when the user switches. Its name carries the
 * start of its SHA-256, checked here as SRI checks the other files (where the browser has
 * `crypto.subtle`: a secure context, as every page served over HTTPS is). A failure is
 * forgotten, so the next start asks anew.
 */
function strings(part, locale, base) {
  const key = `${part} ${locale}`;
  const file = PARTS[part].strings[locale];
  // High priority, as the wasm's own preload: the first screen waits for both.
  texts[key] ??= fetch(here([file], base), { priority: 'high' }).then(async (response) => {
    if (!response.ok) throw new Error(`${response.status}`);
    const bytes = await response.arrayBuffer();
    if (globalThis.crypto?.subtle && !file.pathname.includes(`-${await short(bytes)}`)) throw new Error(`${file}: not the file built`);
    return new TextDecoder().decode(bytes);
  });
  texts[key].catch(() => delete texts[key]);
  return texts[key];
}

/** A part whose download or compile failed, forgotten: the next load asks for it anew. */
function forget(part) {
  delete downloads[part];
  delete compiled[part];
  delete shared[part];
}

/** What a build asks for when the user goes to an address of the other part (src/host.rs). */
const PART_EVENT = 'msg-ui:part';
/** What the app says once its first screen is up (src/host.rs). */
const READY = 'messenger:ready';
/** What the app says when it shows a failure (src/host.rs); the loader's own code is `load_failed`. */
const ERROR = 'messenger:error';

/** An event for the host, as the app sends its own (src/host.rs): on the element, and inside a frame to `hostOrigin`. */
function announce(element, hostOrigin, type, detail) {
  element.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  if (hostOrigin && window.parent !== window) window.parent.postMessage({ type, detail }, hostOrigin);
}

/**
 * Mounts the app into `element`. Returns at once; the handle queues calls until the wasm is
 * ready, and `unmount()` before then means the app never starts.
 */
export function mount(element, given = {}) {
  const { options, invalid } = normalize(given, {
    locales: LOCALES,
    parts: Object.keys(PARTS),
    apiBase: TABLES.api_base,
    origin: location.origin,
  });
  // Never ignored silently: the host hears which value could not be read, and its default is used.
  for (const { attribute, value } of invalid) {
    announce(element, options.hostOrigin, ERROR, { code: 'invalid_attribute', attribute, value, reference: null });
  }
  // A new life for the element: its host has heard nothing from it yet (src/host.rs, HEARD).
  element.__messengerHeard = {};
  // The look stays on the element: the styles read its theme, and its appearance inherits.
  if (options.theme && element.getAttribute('theme') !== options.theme) element.setAttribute('theme', options.theme);
  if (given.appearance !== undefined) applyAppearance(element, options.hostOrigin, given.appearance);
  let app = null;
  let gone = false;
  let part = partFor(options);
  // What the host set since, for a part started later.
  const current = { ...options };
  const queued = [];
  // Parts this element left, or failed to load: each comes back as a fresh instance.
  const left = new Set();
  let waiting = null;
  let kept = null;
  // The part whose shared instance this element has, if it has one.
  let holds = null;
  // Settles once an app is mounted (after a Try again, if a download failed), or on unmount.
  let settle;
  const ready = new Promise((done) => (settle = done));
  const unkeep = () => {
    kept?.remove();
    kept = null;
  };
  const stop = () => {
    waiting?.remove();
    waiting = null;
    unkeep();
    if (app) {
      app.unmount();
      app.free();
      app = null;
    }
    if (holds) taken[holds] = false;
    holds = null;
  };
  const start = (prefetched) => {
    const locale = startLocale(current.locale);
    const wanted = part;
    // Messaging settings, on a visit to it: the last screen kept, until the app is ready.
    const me = prefetched?.['/me']?.answer;
    const key =
      me && wanted === 'settings' && keptScreen(appPath(options.basePath)) ? snapshotKey(me, locale, options) : null;
    // Nothing kept in this browser (a first visit): the wasm need not wait for `GET /me`.
    const any = key && storage((s) => Array.from({ length: s.length }, (_, i) => s.key(i)).some((k) => k?.startsWith(SNAPSHOT)));
    // With a screen kept, "Loading…" would be drawn (a layout and a paint) only to be covered a
    // moment later: it waits unseen, and shows if no kept screen comes.
    waiting = placeholder(element, locale, any);
    const shown = key
      ?.then((key) => {
        if (!key || gone || app || !waiting) return;
        kept = snapshot(key, locale);
        if (!kept) return;
        waiting.before(kept);
        // Until it is painted: the frame after this one has it on screen.
        return new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
      })
      .catch(() => {});
    // The wasm compiles once the kept screen is on screen, or a moment later without one; the
    // notice shows then if none came.
    const after = any ? Promise.race([shown, delay(SNAPSHOT_WAIT_MS)]) : undefined;
    after?.then(() => kept || waiting?.classList.remove('msg-app--quiet'));
    // Kept again from this visit's first screen: the same user, just signed in. After that
    // screen is painted: copying it out is no part of showing it.
    const keepWhenReady = (event) => {
      unkeep();
      const path = String(event.detail?.path ?? '').split('?')[0];
      if (!keptScreen(path)) return;
      const later = () => key?.then((key) => key && !gone && keptScreen(appPath(options.basePath)) && keep(key, element)).catch(() => {});
      requestAnimationFrame(() => setTimeout(later));
    };
    if (key) element.addEventListener(READY, keepWhenReady, { once: true });
    // The part could not be loaded: say so, and offer to download it again.
    const failed = () => {
      if (gone || wanted !== part) return;
      forget(wanted);
      if (holds) taken[holds] = false;
      holds = null;
      // A fresh instance of the glue too: a failed import() stays failed for its URL.
      left.add(wanted);
      element.removeEventListener(READY, keepWhenReady);
      unkeep();
      waiting?.remove();
      waiting = loadFailure(element, locale, () => {
        waiting?.remove();
        waiting = null;
        start();
      });
      announce(element, current.hostOrigin, ERROR, { code: 'load_failed', reference: null });
    };
    const fresh = left.has(wanted) || taken[wanted];
    if (!fresh) {
      taken[wanted] = true;
      holds = wanted;
    }
    const base = current.assetsBase;
    Promise.all([load(wanted, fresh, after, base), strings(wanted, locale, base)]).then(async ([module, text]) => {
      // The start-up reads are usually in by now: the app then draws its screen with them at
      // once, instead of its loading state first and the screen a frame later.
      if (prefetched) await Promise.race([Promise.allSettled(Object.values(prefetched).map((p) => p.answer)), delay(ANSWERS_WAIT_MS)]);
      if (gone || wanted !== part) return;
      waiting?.remove();
      waiting = null;
      // The language as chosen here, so the app starts in the one its notice was in.
      app = module.mount(element, {
        ...current,
        locale,
        prefetch: prefetched,
        strings: text,
        loadStrings: (tag) => strings(wanted, tag, base),
      });
      queued.splice(0).forEach((call) => call(app));
      setTimeout(unkeep, SNAPSHOT_MS);
      settle();
    }, failed);
  };
  // Only the first start: a part started later asks for what it needs itself.
  start(prefetch(part, options));
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
      settle();
      element.removeEventListener(PART_EVENT, switchPart);
      stop();
    },
    setLocale(tag) {
      const blank = tag == null || String(tag).trim() === '';
      const locale = blank ? undefined : localeOf(tag, LOCALES);
      if (!blank && !locale) {
        announce(element, current.hostOrigin, ERROR, { code: 'invalid_attribute', attribute: 'locale', value: String(tag), reference: null });
      }
      // A language the app does not speak: English, as `normalize` has it.
      current.locale = blank ? undefined : (locale ?? 'en');
      call((a) => a.setLocale(current.locale));
    },
    setCsrfToken(token) {
      current.csrfToken = token?.trim() || undefined;
      call((a) => a.setCsrfToken(current.csrfToken));
    },
    setTheme(theme) {
      const value = String(theme ?? '').trim();
      if (value && !THEMES.includes(value)) {
        announce(element, current.hostOrigin, ERROR, { code: 'invalid_attribute', attribute: 'theme', value, reference: null });
        return;
      }
      if (!value) element.removeAttribute('theme');
      else if (element.getAttribute('theme') !== value) element.setAttribute('theme', value);
    },
    setAppearance(appearance) {
      applyAppearance(element, current.hostOrigin, appearance);
    },
  };
}

/**
 * The host's `appearance` as the element's public custom properties, in place of the last one
 * (docs/embedding.md, "Appearance and theme"). A name that is none of ours is told to the host.
 */
function applyAppearance(element, hostOrigin, appearance) {
  const { properties, invalid } = appearanceOf(appearance);
  for (const name of APPEARANCE) element.style.removeProperty(appearanceProperty(name));
  for (const [property, value] of properties) element.style.setProperty(property, value);
  for (const name of invalid) {
    const value = String(appearance[name]);
    announce(element, hostOrigin, ERROR, { code: 'invalid_attribute', attribute: `appearance.${name}`, value, reference: null });
  }
}

/**
 * Defines the element as `tagName`, unless that name is taken, and returns its class. Nothing
 * is defined until this is called: the class extends HTMLElement, which a server has not.
 */
export function define(tagName = 'messenger-integration') {
  const defined = customElements.get(tagName);
  if (defined) return defined;
  class MessengerIntegration extends HTMLElement {
    static observedAttributes = Object.keys(ATTRIBUTES);
    #app = null;
    #appearance = undefined;

    /** The host's look (`{colorPrimary, fontFamily, …}`), live; see docs/embedding.md. */
    get appearance() {
      return this.#appearance;
    }

    set appearance(value) {
      this.#appearance = value;
      applyAppearance(this, this.getAttribute('host-origin'), value);
    }

    connectedCallback() {
      // Set before this class was defined (a framework renders before the module loads): that
      // value sits on the instance and hides the setter, so it goes through the setter now.
      if (Object.hasOwn(this, 'appearance')) {
        const value = this.appearance;
        delete this.appearance;
        this.appearance = value;
      }
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
      // The styles follow the attribute by themselves: nothing to start again.
      else if (name === 'theme') this.#app.setTheme(value);
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
  customElements.define(tagName, MessengerIntegration);
  return MessengerIntegration;
}

// The module's one side effect, which messenger-integration-pure.js leaves out (scripts/embed.mjs).
export const MessengerIntegration = define();
