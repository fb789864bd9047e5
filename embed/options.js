// The element's attributes, and mount()'s options, read in one place: the app takes what this
// returns as it comes (src/config.rs). scripts/embed.mjs puts this module into the loader; it
// is pure (the languages, parts, default and origin are passed in), so scripts/tests run it in Node.

/** A pseudo-locale (`en-XA`, `ar-XB`: private-use regions), for testing: named exactly, or never. */
const isPseudo = (locale) => /-X[A-Z]$/.test(locale);

/**
 * The app's language closest to a BCP 47 tag, if it speaks one: the same language in the same
 * script (`ja-JP` → `ja`, `pt` → `pt-BR`, `zh-CN` → `zh-Hans`, but `zh-TW` → none), and of
 * those the one of the tag's region, or else the first.
 */
export function localeOf(tag, locales) {
  const asked = String(tag ?? '').trim().replace(/_/g, '-');
  const exact = locales.find((l) => l.toLowerCase() === asked.toLowerCase());
  if (exact) return exact;
  let wanted;
  try {
    wanted = new Intl.Locale(asked).maximize();
  } catch {
    return undefined;
  }
  // Each of ours maximized once: `pt-BR` is pt-Latn-BR, `zh-Hans` zh-Hans-CN.
  const near = locales
    .filter((l) => !isPseudo(l))
    .map((l) => [l, new Intl.Locale(l).maximize()])
    .filter(([, ours]) => ours.language === wanted.language && ours.script === wanted.script);
  return (near.find(([, ours]) => ours.region === wanted.region) ?? near[0])?.[0];
}

/** `crm`, `/crm` and `/crm/` are `/crm`; `/` and blank are none (``); `undefined` for what is no path. */
export function basePathOf(value) {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  if (!trimmed) return '';
  return /^[^\s?#:\\]+$/.test(trimmed) && !trimmed.includes('//') ? `/${trimmed}` : undefined;
}

/** `/`, `/api/`, `api` or a URL of this origin: its path, without a trailing slash (`` for the root). */
export function apiBaseOf(value, origin) {
  let url;
  try {
    url = new URL(value.trim(), `${origin}/`);
  } catch {
    return undefined;
  }
  if (url.origin !== origin || url.search || url.hash) return undefined;
  return url.pathname.replace(/\/+$/, '');
}

/**
 * Where the module's files are, when not beside it: a path of this origin or any http(s) URL,
 * as a directory (with its trailing slash).
 */
export function assetsBaseOf(value, origin) {
  let url;
  try {
    url = new URL(value.trim(), `${origin}/`);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash) return undefined;
  return url.href.replace(/\/?$/, '/');
}

/** An origin exactly (`https://crm.example`), as postMessage takes it. */
export function hostOriginOf(value) {
  const trimmed = value.trim().replace(/\/$/, '');
  try {
    const { origin } = new URL(trimmed);
    return origin !== 'null' && origin === trimmed ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** Each option of mount(), and the attribute that sets it. */
export const ATTRIBUTES = {
  'api-base': 'apiBase',
  locale: 'locale',
  'csrf-token': 'csrfToken',
  'base-path': 'basePath',
  view: 'view',
  chrome: 'chrome',
  'host-origin': 'hostOrigin',
  'assets-base': 'assetsBase',
  theme: 'theme',
};

/** The element's `theme`: the styles do the rest (style/tokens.css). */
export const THEMES = ['light', 'dark', 'auto'];

/**
 * The `appearance` object's names, each a public custom property (`colorPrimary` is
 * `--messenger-color-primary`; docs/embedding.md, "Appearance and theme").
 */
export const APPEARANCE = [
  'colorPrimary', 'colorOnPrimary', 'colorBackground', 'colorSurface', 'colorText', 'colorTextMuted',
  'colorBorder', 'colorDanger', 'colorWarning', 'colorSuccess', 'colorFocus',
  'fontFamily', 'fontSize', 'radius', 'spacing',
];

/**
 * An `appearance` object as custom properties (`[name, value]`), and the names it has that are
 * none of ours, or whose value is not a string: those are left out, and told to the host.
 */
export function appearanceOf(appearance) {
  const properties = [];
  const invalid = [];
  for (const [name, value] of Object.entries(appearance ?? {})) {
    if (!APPEARANCE.includes(name) || typeof value !== 'string') invalid.push(name);
    else properties.push([appearanceProperty(name), value]);
  }
  return { properties, invalid };
}

/** `colorTextMuted` → `--messenger-color-text-muted`. */
export function appearanceProperty(name) {
  return `--messenger-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * mount()'s options as the app takes them, and those that could not be read (`{attribute,
 * value}`): left out, so the app uses its default (English for a `locale`), and told to the
 * host (`invalid_attribute`). Blank values are left out quietly, as an absent attribute.
 */
export function normalize(given, { locales, parts, apiBase, origin }) {
  const readers = {
    locale: (v) => localeOf(v, locales),
    basePath: basePathOf,
    apiBase: (v) => apiBaseOf(v, origin),
    view: (v) => (parts.includes(v.trim()) ? v.trim() : undefined),
    chrome: (v) => (v.trim() === 'none' ? 'none' : undefined),
    hostOrigin: hostOriginOf,
    csrfToken: (v) => v.trim(),
    assetsBase: (v) => assetsBaseOf(v, origin),
    theme: (v) => (THEMES.includes(v.trim()) ? v.trim() : undefined),
  };
  const options = { apiBase, basePath: '' };
  const invalid = [];
  for (const [attribute, name] of Object.entries(ATTRIBUTES)) {
    const value = given?.[name];
    if (value === undefined || value === null || String(value).trim() === '') continue;
    const read = readers[name](String(value));
    if (read === undefined) invalid.push({ attribute, value: String(value) });
    else options[name] = read;
  }
  // A language the app does not speak is told to the host, and shown in English, not in the
  // browser's or a remembered one: the host asked for a language, and English is the closest.
  if (invalid.some((i) => i.attribute === 'locale') && locales.includes('en')) options.locale = 'en';
  return { options, invalid };
}
