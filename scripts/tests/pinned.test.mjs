// Unit tests of scripts/lib/pinned.mjs: how embed.mjs gets its pinned terser.
//   node --test scripts/tests/      (scripts/test runs it in the lint layer)
// The install step is faked (it writes the package), so nothing here runs npm.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';

import { requirePinned } from '../lib/pinned.mjs';

const root = mkdtempSync(join(tmpdir(), 'pinned-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

/** A package dir pinning `fake` at `pin` (under devDependencies or dependencies). */
const project = (pin, field = 'devDependencies') => {
  const dir = join(root, `p${count++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, [field]: { fake: pin } }));
  return dir;
};
/** What `npm ci` would leave: node_modules/fake at `version`. */
const put = (dir, version) => {
  const pkg = join(dir, 'node_modules', 'fake');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ name: 'fake', version, main: 'index.js' }));
  writeFileSync(join(pkg, 'index.js'), `module.exports = { version: ${JSON.stringify(version)} };`);
};
const quiet = () => {};
const noInstall = (dir) => assert.fail(`installed in ${dir}`);

describe('requirePinned', () => {
  test('loads the pinned version when it is there, without installing', () => {
    const dir = project('1.2.3');
    put(dir, '1.2.3');
    assert.deepEqual(requirePinned(dir, 'fake', noInstall, quiet), { version: '1.2.3' });
  });
  test('installs once, then loads, when node_modules lacks the package', () => {
    const dir = project('1.2.3');
    const installs = [];
    const found = requirePinned(dir, 'fake', (d) => (installs.push(d), put(d, '1.2.3')), quiet);
    assert.deepEqual(installs, [dir]);
    assert.deepEqual(found, { version: '1.2.3' });
  });
  test('installs when node_modules holds another version', () => {
    const dir = project('1.2.3');
    put(dir, '1.2.2');
    const found = requirePinned(dir, 'fake', (d) => put(d, '1.2.3'), quiet);
    assert.deepEqual(found, { version: '1.2.3' });
  });
  test('says what it installs and why', () => {
    const dir = project('1.2.3');
    const lines = [];
    requirePinned(dir, 'fake', (d) => put(d, '1.2.3'), (line) => lines.push(line));
    assert.deepEqual(lines, [`fake 1.2.3 is pinned in ${dir}/package.json, its node_modules has none: installing (npm ci)`]);
  });
  test('takes a pin from dependencies too', () => {
    const dir = project('2.0.0', 'dependencies');
    put(dir, '2.0.0');
    assert.deepEqual(requirePinned(dir, 'fake', noInstall, quiet), { version: '2.0.0' });
  });
  test('throws when the install did not bring the pinned version', () => {
    const dir = project('1.2.3');
    assert.throws(() => requirePinned(dir, 'fake', () => {}, quiet), {
      message: `fake 1.2.3 is pinned in ${dir}/package.json, but none is installed`,
    });
  });
  test('throws for a package the package.json does not pin', () => {
    const dir = project('1.2.3');
    assert.throws(() => requirePinned(dir, 'other', noInstall, quiet), { message: `${join(dir, 'package.json')} does not pin other` });
  });
});

describe("the scripts' own terser", () => {
  // scripts/setup installs scripts/node_modules before the lint layer runs these.
  test('is the pinned one, and minifies a module as the release build asks', async () => {
    const scripts = join(dirname(fileURLToPath(import.meta.url)), '..');
    const terser = requirePinned(scripts, 'terser', noInstall, quiet);
    const source = 'function add(first, second) {\n  // a comment\n  return first + second;\n}\nexport { add };\n';
    const { code } = await terser.minify(source, { module: true, compress: true, mangle: true });
    assert.doesNotMatch(code, /first|comment|\n/);
    assert.match(code, /export\s*\{\s*\w+ as add\s*\}|export\s*function add/);
  });
});
