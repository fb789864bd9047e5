// scripts/package: a release's dist/ as an npm package, packed with `npm pack`.
//   - from dist/: the pure module, the parts' glue, wasm and messages, the stylesheet and the types, each
//     checked against the SRI hash of messenger-integration.json, so a stale file is never packed;
//   - written here: package.json, index.js (the `.` entry: the pure module, then define()),
//     style.css (embed/style.css), README.md and CHANGELOG.md.
// The version is the app's, written once: [package] version in Cargo.toml.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { one, sri } from './lib/embed-lib.mjs';

/** The package's name: the repository's short name (msg-ui) as its scope, the element's as its own. */
export const NAME = '@msg-ui/messenger-integration';

/** The version of Cargo.toml's `[package]` section. */
export function cargoVersion(toml) {
  const section = toml.match(/^\[package\]\n([\s\S]*?)(?=^\[|(?![\s\S]))/m)?.[1] ?? '';
  const version = section.match(/^version\s*=\s*"([^"]+)"/m)?.[1];
  if (!version) throw new Error('Cargo.toml has no [package] version');
  return version;
}

/** The package's package.json. Only `.` defines the element; `./style.css` is a side effect too, or bundlers drop its import. */
export function manifest(version) {
  return {
    name: NAME,
    version,
    description: 'Messenger integration for a CRM: the <messenger-integration> custom element, its loader and its wasm',
    license: 'MIT',
    type: 'module',
    sideEffects: ['./index.js', './style.css'],
    types: './messenger-integration.d.ts',
    exports: {
      '.': { types: './messenger-integration.d.ts', default: './index.js' },
      './pure': { types: './messenger-integration-pure.d.ts', default: './messenger-integration-pure.js' },
      './style.css': './style.css',
      './package.json': './package.json',
    },
  };
}

export const INDEX = `// The package's \`.\` entry: defines <messenger-integration> on import. \`./pure\` defines nothing.
import { define } from './messenger-integration-pure.js';

export { define, mount } from './messenger-integration-pure.js';
export const MessengerIntegration = define();
`;

const README = `# @msg-ui/messenger-integration

The \`<messenger-integration>\` custom element. Entries: \`.\` defines the element on import;
\`./pure\` exports \`mount\` and \`define(tagName?)\` and defines nothing (safe in Node and
server-side rendering); \`./style.css\`; \`./package.json\`. The wasm, its glue and the app's
stylesheet load from beside the module, or from the \`assets-base\` attribute (\`assetsBase\`
option). See docs/embedding.md, "Installing the package", in the repository.
`;

/** The files of `dist` the package ships, checked against messenger-integration.json's SRI hashes. */
export function distFiles(dist) {
  const { parts } = JSON.parse(readFileSync(join(dist, 'messenger-integration.json'), 'utf8'));
  const css = one(readdirSync(dist), /^messenger-integration-[0-9a-f]+\.css$/, 'stylesheet', dist);
  const loader = readFileSync(join(dist, 'messenger-integration-pure.js'), 'utf8');
  const hashed = Object.values(parts).flatMap(({ glue, wasm, strings }) => [glue, wasm, ...Object.values(strings)]);
  for (const [name, integrity] of hashed) {
    if (sri(readFileSync(join(dist, name))) !== integrity) throw new Error(`${join(dist, name)} does not match its SRI hash in messenger-integration.json`);
  }
  // The stylesheet's hash is in the module only: it must name this stylesheet.
  if (!loader.includes(`"./${css}"`)) throw new Error(`${dist}/messenger-integration-pure.js does not load ${css}`);
  return ['messenger-integration-pure.js', 'messenger-integration.d.ts', 'messenger-integration-pure.d.ts', css, ...hashed.map(([name]) => name)];
}

/** Packs `dist` into `out`; returns the .tgz's path. */
export function pack(dist, out, root) {
  const stage = mkdtempSync(join(tmpdir(), 'msg-package-'));
  try {
    for (const name of distFiles(dist)) copyFileSync(join(dist, name), join(stage, name));
    const version = cargoVersion(readFileSync(join(root, 'Cargo.toml'), 'utf8'));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest(version), null, 2)}\n`);
    writeFileSync(join(stage, 'index.js'), INDEX);
    writeFileSync(join(stage, 'README.md'), README);
    copyFileSync(join(root, 'embed/style.css'), join(stage, 'style.css'));
    copyFileSync(join(root, 'CHANGELOG.md'), join(stage, 'CHANGELOG.md'));
    mkdirSync(out, { recursive: true });
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out, '--loglevel=error'], { cwd: stage, encoding: 'utf8' }),
    );
    return join(out, filename);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const [dist = join(root, 'dist'), out = join(root, 'target/package')] = process.argv.slice(2);
  console.log(pack(resolve(dist), resolve(out), root));
}
