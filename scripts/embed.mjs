// Trunk post_build hook (Trunk.toml): turns trunk's output into what a host embeds.
//   - one stylesheet from style/app.css, its @imports inlined;
//   - dist/messenger-integration.js, the module that defines <messenger-integration>, with the
//     hashed names and SRI hashes of the glue, the wasm and the stylesheet filled in, and
//     messenger-integration-pure.js, the same without defining it (for scripts/package);
//   - index.html with external tags only (a strict CSP blocks inline script and style);
//   - messenger-integration.json (the module's SRI hash and each part's files, for hosts) and the .d.ts files;
//   - in a release, messaging.html: index.html preloading the conversations part instead.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import {
  assetSource, fillPlaceholders, inlineImports, inlineModules, isLocaleFile, partFiles, partsSource, PSEUDO, pseudoMessages, short, sri, stringTable, tidyCss, withUnion,
  withoutDefine,
} from './lib/embed-lib.mjs';
import { requirePinned } from './lib/pinned.mjs';

// Trunk builds one Rust app a page: the other part first (trunk runs a stage's hooks at once).
execFileSync(process.execPath, [new URL('./build-part.mjs', import.meta.url).pathname], { stdio: 'inherit' });

const staging = process.env.TRUNK_STAGING_DIR;
const source = process.env.TRUNK_SOURCE_DIR ?? resolve(dirname(new URL(import.meta.url).pathname), '..');
const publicUrl = (process.env.TRUNK_PUBLIC_URL ?? '/').replace(/\/?$/, '/');
if (!staging) throw new Error('embed.mjs runs as a trunk post_build hook (TRUNK_STAGING_DIR is unset)');

const files = readdirSync(staging);
// Each part of the app is a wasm and its glue of its own (index.html builds one per part).
// The app's addresses, parts and defaults, as the Rust side reads them (build.rs): the loader
// gets the same tables, and writes no rule of its own.
// Of it, only what the loader reads: the Rust side's own fields (a route's page and whether
// every view shows it, the locale sections) stay out of every host's download.
const { api_base, locale_cookie, homes, unknown_part, routes, sections } = JSON.parse(readFileSync(join(source, 'src/domain/routes.json'), 'utf8'));
const tables = {
  api_base, locale_cookie, homes, unknown_part,
  routes: routes.map(({ path, screen, part, below, reads }) => ({ path, screen, part, below, reads })),
};
const PARTS = [...new Set([tables.unknown_part, ...tables.routes.map((r) => r.part)])];
// Each language of locales/ (the glossary beside them aside), then the pseudo-locales made from
// English for tests, which only their exact tag chooses (embed/options.js).
const localeFiles = readdirSync(join(source, 'locales')).filter(isLocaleFile).map((f) => f.slice(0, -'.json'.length));
const messages = Object.fromEntries(localeFiles.map((l) => [l, JSON.parse(readFileSync(join(source, `locales/${l}.json`), 'utf8'))]));
for (const [tag, from] of Object.entries(PSEUDO)) messages[tag] = pseudoMessages(messages[from], tag);
const LOCALES = Object.keys(messages);
const built = Object.fromEntries(PARTS.map((name) => [name, partFiles(files, name, staging)]));

// A release ships its JavaScript minified (terser): the loader and each part's glue, 4.3 KiB
// brotli less a part. Before the SRI hashes are taken. Module exports and the wasm's import
// names are kept as they are. terser is pinned in scripts/package.json, the scripts' own
// package; when scripts/node_modules lacks it, or holds another version, the build installs the
// locked packages itself (`npm ci` there, from the npm registry) rather than failing.
const release = process.env.TRUNK_PROFILE !== 'debug';
let terserModule;
const terser = () => (terserModule ??= requirePinned(dirname(fileURLToPath(import.meta.url)), 'terser'));
const minified = async (code) => (release ? (await terser().minify(code, { module: true, compress: true, mangle: true })).code : code);
for (const name of PARTS) {
  const glue = join(staging, built[name].glue);
  writeFileSync(glue, await minified(readFileSync(glue, 'utf8')));
}

// A release drops the stylesheet's comments and indentation (tidyCss).
const stylesheet = inlineImports(join(source, 'style/app.css'));
const css = Buffer.from(release ? tidyCss(stylesheet) : stylesheet);
const cssName = `messenger-integration-${short(css)}.css`;
writeFileSync(join(staging, cssName), css);

const integrity = (name) => sri(readFileSync(join(staging, name)));
// Each part's files with their SRI hashes, taken once: for the module, the pages and hosts.
// Each part's messages in each language, fetched beside its wasm in the language the element
// starts in, and another when the user switches: no wasm holds any language's text.
const stringFiles = (part) =>
  Object.fromEntries(
    LOCALES.map((locale) => {
      const { table, missing } = stringTable(messages.en, messages[locale], sections, part);
      if (missing.length > 0) console.warn(`embed: ${locale} lacks ${missing.length} messages of ${part}, shown in English: ${missing.join(', ')}`);
      const bytes = Buffer.from(JSON.stringify(table));
      const name = `msg-${part}-${locale}-${short(bytes)}.json`;
      writeFileSync(join(staging, name), bytes);
      return [locale, [name, sri(bytes)]];
    }),
  );
const parts = Object.fromEntries(
  PARTS.map((name) => {
    const { glue, wasm } = built[name];
    return [name, { glue: [glue, integrity(glue)], wasm: [wasm, integrity(wasm)], strings: stringFiles(name) }];
  }),
);
const cssSri = sri(css);
const fill = {
  __PARTS__: partsSource(parts),
  __CSS__: assetSource([cssName, cssSri]),
  // What the element shows until the wasm is ready: the app's own "Loading…", and the
  // module's messages (the `loader` section, which no wasm carries).
  __TABLES__: JSON.stringify(tables),
  __STARTING__: JSON.stringify(
    Object.fromEntries(
      // The pseudo-locales' own notices would only weigh on every start: English's stand in.
      LOCALES.filter((l) => !(l in PSEUDO)).map((l) => {
        const { app, loader } = messages[l];
        // The direction of the language's script, as the app's root has it (src/i18n.rs, is_rtl).
        const dir = new Intl.Locale(l).maximize().script === 'Arab' ? 'rtl' : 'ltr';
        return [l, { loading: app.loading, dir, ...loader }];
      }),
    ),
  ),
};
const loaderSource = fillPlaceholders(
  inlineModules(readFileSync(join(source, 'embed/messenger-integration.js'), 'utf8'), (name) =>
    readFileSync(join(source, 'embed', name), 'utf8'),
  ),
  fill,
);
const loader = Buffer.from(await minified(loaderSource));
writeFileSync(join(staging, 'messenger-integration-pure.js'), await minified(withoutDefine(loaderSource)));
const loaderSri = sri(loader);
writeFileSync(join(staging, 'messenger-integration.js'), loader);
// The same module under a content-hashed name, cached for good: a revisit of a page that loads
// it runs it at once, without asking the server first (the stable name must be asked each time).
const hashedLoader = `messenger-integration-${short(loader)}.js`;
writeFileSync(join(staging, hashedLoader), loader);
// The published types name the parts and the languages there are.
writeFileSync(
  join(staging, 'messenger-integration.d.ts'),
  withUnion(withUnion(readFileSync(join(source, 'embed/messenger-integration.d.ts'), 'utf8'), 'view', PARTS), 'locale', LOCALES),
);
writeFileSync(join(staging, 'messenger-integration-pure.d.ts'), readFileSync(join(source, 'embed/messenger-integration-pure.d.ts')));
writeFileSync(
  join(staging, 'messenger-integration.json'),
  `${JSON.stringify({ module: 'messenger-integration.js', hashedModule: hashedLoader, integrity: loaderSri, parts }, null, 2)}\n`,
);

// index.html: drop what trunk left or injected inline, then link everything from <head>.
const at = (name) => `${publicUrl}${name}`;
// The stylesheet and the module; each page's part is preloaded below.
const tags = [
  `<link rel="stylesheet" href="${at(cssName)}" integrity="${cssSri}" crossorigin="anonymous">`,
  `<script type="module" src="${at(hashedLoader)}" integrity="${loaderSri}" crossorigin="anonymous"></script>`,
];
const indexPath = join(staging, 'index.html');
let html = readFileSync(indexPath, 'utf8')
  .replace(/<link[^>]*data-trunk[^>]*>\s*/g, '')
  // trunk serve's live-reload script stays in debug builds; a release has no inline script at all.
  .replace(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>\s*/g, (s) =>
    process.env.TRUNK_PROFILE === 'debug' && s.includes('WebSocket') ? s : '',
  )
  .replace('</head>', `  ${tags.join('\n    ')}\n  </head>`);
if (/<style|\sstyle=/.test(html)) throw new Error('index.html must not hold inline style');
// A release's standalone pages start downloading their part with the page itself, one round
// trip before the module could ask for it: index.html the settings part, messaging.html (which
// a server sends for /messaging and below) the conversations part. The module's own requests
// for them are these, with the same SRI hashes.
const preloads = (name) => {
  const { glue, wasm } = parts[name];
  return [
    `<link rel="modulepreload" href="${at(glue[0])}" integrity="${glue[1]}" crossorigin="anonymous">`,
    `<link rel="preload" href="${at(wasm[0])}" as="fetch" type="application/wasm" integrity="${wasm[1]}" crossorigin="anonymous">`,
  ];
};
const page = (name) => (release ? html.replace('</head>', `  ${preloads(name).join('\n    ')}\n  </head>`) : html);
writeFileSync(indexPath, page('settings'));
if (release) writeFileSync(join(staging, 'messaging.html'), page('conversations'));

// Beside each file its brotli twin (quality 11), for servers that send precompressed files
// (the dev backend does): what a browser downloads is then what dist-size.mjs counts.
for (const name of readdirSync(staging)) {
  if (name.endsWith('.br')) continue;
  const bytes = readFileSync(join(staging, name));
  writeFileSync(join(staging, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
console.log(`embed: ${cssName}, messenger-integration.js -> ${PARTS.map((p) => `${built[p].glue}, ${built[p].wasm}`).join('; ')}`);
