// Tests of scripts/package: it packs a small made-up dist/ (the real loader, filled as embed.mjs
// fills it, with parts of a few bytes), then the package is used as a host would use it: its
// entries imported in plain Node, its types checked by tsc on typed hosts (host-types/).
//   node --test scripts/tests/      (scripts/test runs it in the lint layer)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { assetSource, fillPlaceholders, inlineModules, partsSource, short, sri, withUnion, withoutDefine } from '../lib/embed-lib.mjs';
import { cargoVersion } from '../package.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PACKAGE = '@msg-ui/messenger-integration';
const read = (path) => readFileSync(join(ROOT, path), 'utf8');

/** A dist/ as embed.mjs writes it, of what scripts/package reads, with tiny parts. */
function fakeDist(dir) {
  mkdirSync(dir);
  const write = (name, bytes) => (writeFileSync(join(dir, name), bytes), [name, sri(bytes)]);
  const parts = {};
  for (const part of ['settings', 'conversations']) {
    const hash = short(Buffer.from(part));
    parts[part] = {
      glue: write(`msg-${part}-${hash}.js`, `export default async function init() {}\n`),
      // The smallest wasm module: its magic number and version.
      wasm: write(`msg-${part}-${hash}_bg.wasm`, Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])),
      strings: { en: write(`msg-${part}-en-${hash}.json`, '[0]') },
    };
  }
  const css = Buffer.from('messenger-integration{display:block}\n');
  const [cssName] = write(`messenger-integration-${short(css)}.css`, css);
  const loader = fillPlaceholders(
    inlineModules(read('embed/messenger-integration.js'), (name) => read(`embed/${name}`)),
    {
      __PARTS__: partsSource(parts),
      __CSS__: assetSource([cssName, sri(css)]),
      __TABLES__: read('src/domain/routes.json'),
      __STARTING__: JSON.stringify({ en: { loading: 'Loading…' } }),
    },
  );
  write('messenger-integration.js', loader);
  write('messenger-integration-pure.js', withoutDefine(loader));
  write('messenger-integration.d.ts', withUnion(read('embed/messenger-integration.d.ts'), 'view', Object.keys(parts)));
  write('messenger-integration-pure.d.ts', read('embed/messenger-integration-pure.d.ts'));
  write('messenger-integration.json', JSON.stringify({ module: 'messenger-integration.js', parts }));
  write('index.html', '<!doctype html>');
  return { parts, cssName };
}

/** Runs scripts/package; returns its output and the path it printed. */
const runPackage = (dist, out) => execFileSync(join(ROOT, 'scripts/package'), [dist, out], { encoding: 'utf8', stdio: 'pipe' }).trim();

/** `dir`/node_modules/@msg-ui/messenger-integration: the .tgz unpacked, as npm installs it. */
function install(tgz, dir) {
  const at = join(dir, 'node_modules', PACKAGE);
  mkdirSync(at, { recursive: true });
  execFileSync('tar', ['xzf', tgz, '-C', at, '--strip-components=1']);
  return at;
}

/** Runs `script` as an ES module in plain Node inside `dir`; returns what it printed, parsed. */
function inNode(dir, script) {
  const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.mjs`);
  writeFileSync(file, script);
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }));
}

describe('scripts/package', () => {
  let tmp, dist, fake, tgz, installed, files;
  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'msg-package-test-'));
    dist = join(tmp, 'dist');
    fake = fakeDist(dist);
    tgz = runPackage(dist, join(tmp, 'out'));
    installed = install(tgz, join(tmp, 'host'));
    files = readdirSync(installed).sort();
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  test('writes one .tgz, named for the package and the version of Cargo.toml', () => {
    const version = cargoVersion(read('Cargo.toml'));
    assert.equal(tgz, join(tmp, 'out', `msg-ui-messenger-integration-${version}.tgz`));
    assert.deepEqual(readdirSync(join(tmp, 'out')), [`msg-ui-messenger-integration-${version}.tgz`]);
  });

  test('package.json: name, version, an ES module, side effects only in ., four exports, types', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    assert.equal(manifest.name, PACKAGE);
    assert.equal(manifest.version, cargoVersion(read('Cargo.toml')));
    assert.equal(manifest.type, 'module');
    assert.deepEqual(manifest.sideEffects, ['./index.js', './style.css']);
    assert.deepEqual(Object.keys(manifest.exports), ['.', './pure', './style.css', './package.json']);
    assert.equal(manifest.types, './messenger-integration.d.ts');
    assert.deepEqual(manifest.exports['.'], { types: './messenger-integration.d.ts', default: './index.js' });
    assert.deepEqual(manifest.exports['./pure'], { types: './messenger-integration-pure.d.ts', default: './messenger-integration-pure.js' });
    const targets = Object.values(manifest.exports).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t)));
    for (const target of targets) assert.ok(files.includes(target.slice(2)), `${target} is in the package`);
  });

  test("holds the module, each part's glue, wasm and messages and the stylesheet, byte for byte; no standalone page", () => {
    const shipped = [fake.cssName, ...Object.values(fake.parts).flatMap(({ glue, wasm, strings }) => [glue[0], wasm[0], strings.en[0]])];
    for (const name of shipped) assert.deepEqual(readFileSync(join(installed, name)), readFileSync(join(dist, name)), name);
    assert.deepEqual(readFileSync(join(installed, 'messenger-integration-pure.js')), readFileSync(join(dist, 'messenger-integration-pure.js')));
    assert.ok(!files.includes('index.html') && !files.includes('messenger-integration.js'), files.join(', '));
    assert.ok(files.includes('CHANGELOG.md') && files.includes('README.md'));
  });

  test('names each file it loads as new URL("./file", import.meta.url), the form Vite copies', () => {
    const loader = readFileSync(join(installed, 'messenger-integration-pure.js'), 'utf8');
    // Vite's own pattern (its asset-import-meta-url plugin): a string literal, then import.meta.url.
    const found = [...loader.matchAll(/\bnew\s+URL\s*\(\s*(['"])\.\/([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[2]);
    const wanted = [...Object.values(fake.parts).flatMap(({ glue, wasm, strings }) => [glue[0], wasm[0], strings.en[0]]), fake.cssName];
    assert.deepEqual(found.sort(), wanted.sort());
  });

  test('./pure imports in plain Node: it exports mount and define, and reads no browser global', () => {
    const probe = inNode(
      join(tmp, 'host'),
      `const touched = [];
      for (const name of ['window', 'self', 'document', 'location', 'navigator', 'customElements', 'HTMLElement', 'localStorage', 'fetch']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); } });
      }
      const pure = await import('${PACKAGE}/pure');
      console.log(JSON.stringify({ exports: Object.keys(pure).sort(), touched }));`,
    );
    assert.deepEqual(probe, { exports: ['define', 'mount'], touched: [] });
  });

  test('. defines <messenger-integration> on import, once, and exports its class', () => {
    const probe = inNode(
      join(tmp, 'host'),
      `const defined = [];
      globalThis.HTMLElement = class {};
      globalThis.customElements = { get: (name) => defined.find(([n]) => n === name)?.[1], define: (name, c) => defined.push([name, c]) };
      const main = await import('${PACKAGE}');
      const pure = await import('${PACKAGE}/pure');
      console.log(JSON.stringify({
        exports: Object.keys(main).sort(),
        defined: defined.map(([n]) => n),
        same: main.MessengerIntegration === defined[0][1] && pure.define() === main.MessengerIntegration,
      }));`,
    );
    assert.deepEqual(probe, { exports: ['MessengerIntegration', 'define', 'mount'], defined: ['messenger-integration'], same: true });
  });

  test('the types: tsc accepts the typed hosts and refuses what they mark, with React 19 and without', () => {
    const tsc = join(ROOT, 'scripts/node_modules/.bin/tsc');
    const hosts = join(ROOT, 'scripts/tests/host-types');
    // Without React's types anywhere: the .d.ts must not need them.
    const plain = join(tmp, 'plain');
    cpSync(join(tmp, 'host'), plain, { recursive: true });
    for (const name of ['host.ts', 'tsconfig.json', 'tsconfig.plain.json']) copyFileSync(join(hosts, name), join(plain, name));
    execFileSync(tsc, ['-p', join(plain, 'tsconfig.plain.json')], { encoding: 'utf8' });
    // With @types/react, as scripts/package.json pins it.
    const react = join(tmp, 'host');
    for (const name of readdirSync(hosts)) copyFileSync(join(hosts, name), join(react, name));
    mkdirSync(join(react, 'node_modules/@types'), { recursive: true });
    symlinkSync(join(ROOT, 'scripts/node_modules/@types/react'), join(react, 'node_modules/@types/react'));
    execFileSync(tsc, ['-p', join(react, 'tsconfig.json')], { encoding: 'utf8' });
  });

  test('refuses a dist/ whose file does not match its SRI hash', () => {
    const stale = join(tmp, 'stale');
    cpSync(dist, stale, { recursive: true });
    writeFileSync(join(stale, fake.parts.settings.wasm[0]), 'not the wasm that was built');
    assert.throws(() => runPackage(stale, join(tmp, 'stale-out')), (e) => /does not match its SRI hash/.test(e.stderr));
  });
});
