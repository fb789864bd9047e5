// <messenger-integration> and mount(): the one way to start the app, for the standalone page
// and for a CRM alike. scripts/embed.mjs copies this file into dist/ at build time and fills
// in the hashed names of the wasm glue, the wasm and the stylesheet with their SRI hashes.
// No inline script or style anywhere: it runs under a strict Content-Security-Policy.

const FILES = {
  glue: ['__GLUE__', '__GLUE_SRI__'],
  wasm: ['__WASM__', '__WASM_SRI__'],
  css: ['__CSS__', '__CSS_SRI__'],
};

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

let loading = null;

/** Loads the stylesheet and the wasm once; every element and mount() shares them. */
function load() {
  loading ??= (async () => {
    link('stylesheet', FILES.css);
    // The preload carries the glue's SRI hash, which a dynamic import() cannot.
    link('modulepreload', FILES.glue);
    const glue = await import(here(FILES.glue[0]));
    await glue.default({ module_or_path: fetch(here(FILES.wasm[0]), { integrity: FILES.wasm[1] }) });
    return glue;
  })();
  return loading;
}

/**
 * Mounts the app into `element`. Returns at once; the handle queues calls until the wasm is
 * ready, and `unmount()` before then means the app never starts.
 */
export function mount(element, options = {}) {
  let app = null;
  let gone = false;
  const queued = [];
  const waiting = placeholder(element, startLocale(options.locale));
  const ready = load().then((glue) => {
    waiting.remove();
    if (gone) return;
    app = glue.mount(element, { ...options });
    queued.splice(0).forEach((call) => call(app));
  });
  const call = (f) => (app ? f(app) : queued.push(f));
  return {
    ready,
    unmount() {
      gone = true;
      waiting.remove();
      if (app) {
        app.unmount();
        app.free();
        app = null;
      }
    },
    setLocale(locale) {
      call((a) => a.setLocale(locale ?? undefined));
    },
    setCsrfToken(token) {
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
