// The pure parts of embed.mjs (trunk's post_build hook), here so that scripts/tests/ can test
// them without a build: embed.mjs itself starts building the moment it is imported.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The SRI hash of some bytes, as an `integrity` attribute wants it. */
export const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** The 16 hex digits a content-hashed file name carries. */
export const short = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The one file of `files` that `pattern` matches; throws when there is none or more than one. */
export const one = (files, pattern, what, dir) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) throw new Error(`expected one ${what} in ${dir}, found ${found.join(', ') || 'none'}`);
  return found[0];
};

/**
 * A part's glue and wasm among the files of trunk's staging directory, as build-part.mjs writes
 * them: `msg-<part>.js` and `msg-<part>_bg.wasm`, each with or without a `-<hex hash>`. Throws
 * unless each is there exactly once.
 */
export const partFiles = (files, name, dir) => ({
  glue: one(files, new RegExp(`^msg-${name}(-[0-9a-f]+)?\\.js$`), `${name} glue`, dir),
  wasm: one(files, new RegExp(`^msg-${name}(-[0-9a-f]+)?_bg\\.wasm$`), `${name} wasm`, dir),
});

/**
 * The type declarations with the union of the property `name` (`  name?: 'a' | 'b';`) made of
 * `values`: the parts and the locales are written once, and the published types follow them.
 * Throws when the declarations have no such property.
 */
export const withUnion = (text, name, values) => {
  const line = new RegExp(`^(\\s*${name}\\?: )'[^;]*';$`, 'm');
  if (!line.test(text)) throw new Error(`no union property ${name} in the type declarations`);
  return text.replace(line, `$1${values.map((v) => `'${v}'`).join(' | ')};`);
};

/**
 * A stylesheet with each line `@import "other.css";` replaced by that file (its own imports
 * inlined too), relative to the importing file. A file imported twice, or in a circle, throws.
 */
export function inlineImports(file, read = (f) => readFileSync(f, 'utf8'), seen = new Set()) {
  if (seen.has(file)) throw new Error(`${file} is imported twice`);
  seen.add(file);
  return read(file).replace(/^@import\s+"([^"]+)";\s*$/gm, (_, name) => inlineImports(join(dirname(file), name), read, seen));
}

/**
 * The stylesheet a release ships: without comments and indentation, and without empty lines
 * (0.9 KiB brotli): a newline eats all the white space after it, further newlines included.
 * No rule of ours holds a string or url() they could be part of.
 */
export const tidyCss = (text) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*/g, '\n');

/** `text` with each `__NAME__` replaced by `fill.__NAME__`; a placeholder not in `fill` throws. */
export const fillPlaceholders = (text, fill) =>
  text.replace(/__[A-Z_]+__/g, (key) => {
    if (!Object.hasOwn(fill, key)) throw new Error(`unknown placeholder ${key}`);
    return fill[key];
  });

/**
 * The loader with its `import … from './name.js';` lines replaced by those modules' code, their
 * `export` keywords dropped: one file, as a host loads it. Only the loader's own sibling modules.
 */
export const inlineModules = (text, read) =>
  text.replace(/^import \{[^}]*\} from '\.\/([\w-]+\.js)';\n/gm, (_, name) =>
    read(name).replace(/^export /gm, ''),
  );

/**
 * One of our files as the loader names it: `[new URL('./name', import.meta.url), integrity]`,
 * JavaScript source. Written out so a bundler that follows that form (Vite) copies the file.
 */
export const assetSource = ([name, integrity]) => `[${urlSource(name)}, ${JSON.stringify(integrity)}]`;

/** `new URL('./name', import.meta.url)`, JavaScript source: the form a bundler copies the file for. */
const urlSource = (name) => `new URL(${JSON.stringify(`./${name}`)}, import.meta.url)`;

/**
 * Each part's `{glue, wasm, strings}` as the loader's `PARTS`, JavaScript source: glue and wasm
 * `[name, integrity]` each, strings `{locale: URL}`. A table's name carries the start of its
 * SHA-256 (`short`), which the loader checks: 22 SRI hashes would weigh 1 KiB in every start.
 */
export const partsSource = (parts) =>
  `{${Object.entries(parts)
    .map(([part, { glue, wasm, strings }]) => {
      const tables = Object.entries(strings).map(([locale, [name]]) => `${JSON.stringify(locale)}: ${urlSource(name)}`);
      return `${JSON.stringify(part)}: {glue: ${assetSource(glue)}, wasm: ${assetSource(wasm)}, strings: {${tables.join(', ')}}}`;
    })
    .join(', ')}}`;

/** The files of locales/ that are languages (`ja`, `pt-BR`), not the glossary beside them. */
export const isLocaleFile = (name) => /^[a-z]{2,3}(-[A-Za-z0-9]+)*\.json$/.test(name);

/**
 * One language's messages for `part`, as the app registers them (src/i18n.rs, `register`):
 * `[checksum, message…]`, numbered as build.rs numbers them, the sections but `loader`, then
 * their keys, each in byte order; the checksum is FNV-1a over `section.key\n` in that order, which
 * the app compares with its own. A message of a section only another part shows (`sections`,
 * routes.json) is `0`; one the language lacks is English's, and `missing` names it.
 */
export function stringTable(en, messages, sections, part) {
  const names = Object.keys(en)
    .filter((section) => section !== 'loader')
    .sort()
    .flatMap((section) => Object.keys(en[section]).sort().map((key) => [section, key]));
  let checksum = 0x811c9dc5;
  for (const [section, key] of names) {
    for (const byte of Buffer.from(`${section}.${key}\n`)) checksum = Math.imul(checksum ^ byte, 0x01000193) >>> 0;
  }
  const missing = [];
  const table = names.map(([section, key]) => {
    if ((sections[section] ?? part) !== part) return 0;
    const text = messages[section]?.[key];
    if (text !== undefined) return text;
    missing.push(`${section}.${key}`);
    return en[section][key];
  });
  return { table: [checksum, ...table], missing };
}

/** The loader's one side effect, defining the element; the pure module is the loader without it. */
export const DEFINE_LINE = 'export const MessengerIntegration = define();';

/** The loader without the line that defines the element. Throws when it has no such line. */
export const withoutDefine = (text) => {
  const line = new RegExp(`^${DEFINE_LINE.replace(/[()]/g, '\\$&')}\\n`, 'm');
  if (!line.test(text)) throw new Error(`the loader has no line \`${DEFINE_LINE}\``);
  return text.replace(line, '');
};

const ACCENTED = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [c, [...'áƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]]),
);
const PADDING = 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen'.split(' ');

/**
 * English as a pseudo-locale, to catch in tests what translators would (docs/embedding.md):
 * `en-XA` accents every letter, makes the text about 40 % longer and brackets it,
 * `[Ŝéţţîñĝš one]`; `ar-XB` shows it mirrored, right to left. `{{ placeholders }}` stay as they
 * are, so the values the app fills in read as they came.
 */
export function pseudo(text, tag) {
  const parts = text.split(/(\{\{[^}]*\}\})/);
  if (tag === 'ar-XB') return `\u200f${parts.map((p, i) => (i % 2 || !p ? p : `\u202e${p}\u202c`)).join('')}\u200f`;
  const accented = parts.map((p, i) => (i % 2 ? p : [...p].map((c) => ACCENTED[c] ?? c).join(''))).join('');
  const padding = [];
  for (let i = 0; padding.join(' ').length < Math.ceil(text.length * 0.4); i++) padding.push(PADDING[i % PADDING.length]);
  return `[${accented}${padding.length ? ` ${padding.join(' ')}` : ''}]`;
}

/** The pseudo-locales and the language each is made from: chosen only by their exact tag. */
export const PSEUDO = { 'en-XA': 'en', 'ar-XB': 'en' };

/** A locale file's messages through `pseudo`, plural forms included. */
export const pseudoMessages = (messages, tag) =>
  Object.fromEntries(
    Object.entries(messages).map(([section, keys]) => [
      section,
      Object.fromEntries(
        Object.entries(keys).map(([key, text]) => [
          key,
          typeof text === 'string' ? pseudo(text, tag) : Object.fromEntries(Object.entries(text).map(([form, t]) => [form, pseudo(t, tag)])),
        ]),
      ),
    ]),
  );
