// The public API (events, error codes, attributes) as the types and CHANGELOG.md name it, against
// where the app defines it: src/host.rs, src/domain/install_failure.rs, embed/*.js.
//   node --test scripts/tests/      (scripts/test runs it in the lint layer)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { ATTRIBUTES } from '../../embed/options.js';
import { cargoVersion } from '../package.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path) => readFileSync(join(ROOT, path), 'utf8');
const types = read('embed/messenger-integration.d.ts');
const changelog = read('CHANGELOG.md');

/** Every `code` the app and the loader send with messenger:error. */
function sentCodes() {
  const install = read('src/domain/install_failure.rs').match(/pub fn code\(&self\)[\s\S]*?\n {4}\}/)[0];
  const host = read('src/host.rs');
  const loader = read('embed/messenger-integration.js');
  return new Set([
    ...[...install.matchAll(/=> "([a-z_]+)"/g)].map((m) => m[1]),
    ...[...host.matchAll(/ErrorDetail \{ code: "([a-z_]+)"/g)].map((m) => m[1]),
    ...[...loader.matchAll(/code: '([a-z_]+)'/g)].map((m) => m[1]),
  ]);
}

const union = (name) => new Set([...types.match(new RegExp(`export type ${name} =([^;]*);`))[1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]));
const events = [...types.match(/interface MessengerEventMap \{([^}]*)\}/)[1].matchAll(/'(messenger:[a-z-]+)'/g)].map((m) => m[1]);

test("ErrorCode is exactly the codes the app and the loader send", () => {
  const sent = sentCodes();
  assert.ok(sent.size >= 18, `found ${[...sent]}`);
  assert.deepEqual([...union('ErrorCode')].sort(), [...sent].sort());
});

test('every event is one the app sends (src/host.rs)', () => {
  const host = read('src/host.rs');
  const sent = [...host.matchAll(/pub const [A-Z_]+: &str = "(messenger:[a-z-]+)";/g)].map((m) => m[1]);
  assert.deepEqual([...events].sort(), sent.sort());
});

test('CHANGELOG.md names every event, error code and attribute', () => {
  for (const name of [...events, ...union('ErrorCode'), ...Object.keys(ATTRIBUTES)]) {
    assert.ok(changelog.includes(`\`${name}\``), `CHANGELOG.md does not name \`${name}\``);
  }
});

test("CHANGELOG.md's latest version is Cargo.toml's", () => {
  assert.equal(changelog.match(/^## \[(\d+\.\d+\.\d+)\]/m)?.[1], cargoVersion(read('Cargo.toml')));
});
