// Unit tests of scripts/lib/embed-lib.mjs, the pure parts of the post-build hook embed.mjs.
//   node --test scripts/tests/      (scripts/test runs it in the lint layer)
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';

import {
  assetSource, fillPlaceholders, inlineImports, isLocaleFile, one, partFiles, partsSource, short, sri, stringTable, tidyCss, withUnion,
  withoutDefine,
} from '../lib/embed-lib.mjs';

describe('sri', () => {
  test('is the sha384 of the bytes in base64, as the SRI spec example has it', () => {
    assert.equal(sri(Buffer.from("alert('Hello, world.');")), 'sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO');
  });
});

describe('short', () => {
  test('is the first 16 hex digits of the sha256', () => {
    assert.equal(short(Buffer.from('abc')), 'ba7816bf8f01cfea');
  });
});

describe('partFiles', () => {
  // What trunk's staging directory holds after a release build: build-part.mjs's parts, the
  // loader, the stylesheet and the brotli twins.
  const staging = [
    'index.html',
    'messenger-integration.js',
    'messenger-integration-0123456789abcdef.css',
    'msg-settings-5a0e7b1c2d3e4f56.js',
    'msg-settings-5a0e7b1c2d3e4f56_bg.wasm',
    'msg-settings-5a0e7b1c2d3e4f56_bg.wasm.br',
    'msg-conversations-89abcdef01234567.js',
    'msg-conversations-89abcdef01234567.js.br',
    'msg-conversations-89abcdef01234567_bg.wasm',
  ];
  test("finds each part's glue and wasm, with a hex hash", () => {
    assert.deepEqual(partFiles(staging, 'settings', 'dist'), {
      glue: 'msg-settings-5a0e7b1c2d3e4f56.js',
      wasm: 'msg-settings-5a0e7b1c2d3e4f56_bg.wasm',
    });
    assert.deepEqual(partFiles(staging, 'conversations', 'dist'), {
      glue: 'msg-conversations-89abcdef01234567.js',
      wasm: 'msg-conversations-89abcdef01234567_bg.wasm',
    });
  });
  test('takes names without a hash (a debug build)', () => {
    assert.deepEqual(partFiles(['msg-settings.js', 'msg-settings_bg.wasm'], 'settings', 'dist'), {
      glue: 'msg-settings.js',
      wasm: 'msg-settings_bg.wasm',
    });
  });
  test('matches no other part, no snippet and no hash that is not hex', () => {
    const files = ['msg-settingsx.js', 'msg-settings-beta.js', 'msg-settings-abc.js', 'xmsg-settings.js', 'msg-settings_bg.wasm'];
    assert.equal(partFiles(files, 'settings', 'dist').glue, 'msg-settings-abc.js');
  });
  test('throws, naming the directory, when a file is missing', () => {
    assert.throws(() => partFiles(['msg-settings_bg.wasm'], 'settings', '/stage'), {
      message: 'expected one settings glue in /stage, found none',
    });
    assert.throws(() => partFiles(['msg-settings.js'], 'settings', '/stage'), {
      message: 'expected one settings wasm in /stage, found none',
    });
  });
  test('throws, naming both, when a part was built twice', () => {
    const twice = ['msg-settings-aa.js', 'msg-settings-bb.js', 'msg-settings-aa_bg.wasm'];
    assert.throws(() => partFiles(twice, 'settings', '/stage'), {
      message: 'expected one settings glue in /stage, found msg-settings-aa.js, msg-settings-bb.js',
    });
  });
  test('one is the same rule for any pattern', () => {
    assert.equal(one(['a.css', 'b.js'], /\.css$/, 'stylesheet', 'd'), 'a.css');
    assert.throws(() => one([], /\.css$/, 'stylesheet', 'd'), { message: 'expected one stylesheet in d, found none' });
  });
});

describe('inlineImports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'embed-lib-test-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name, text) => {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  };

  test('inlines each @import line, nested ones relative to their own file', () => {
    write('app.css', '@import "tokens.css";\n@import "feature/list.css";\n.app { color: red; }\n');
    write('tokens.css', ':root { --x: 1; }\n');
    write('feature/list.css', '@import "item.css";\n.list { margin: 0; }\n');
    write('feature/item.css', '.item { padding: 0; }\n');
    assert.equal(
      inlineImports(join(dir, 'app.css')),
      ':root { --x: 1; }\n\n.item { padding: 0; }\n\n.list { margin: 0; }\n\n.app { color: red; }\n',
    );
  });
  test('leaves an @import that is not a whole line of its own, or not a quoted name, alone', () => {
    const files = { '/s/app.css': '  @import "a.css";\n@import url("a.css");\n.x { } @import "a.css";\n' };
    const read = (f) => files[f] ?? assert.fail(`read ${f}`);
    assert.equal(inlineImports('/s/app.css', read), files['/s/app.css']);
  });
  test('throws on a file imported twice', () => {
    const files = { '/s/app.css': '@import "a.css";\n@import "a.css";\n', '/s/a.css': '.a {}\n' };
    assert.throws(() => inlineImports('/s/app.css', (f) => files[f]), { message: '/s/a.css is imported twice' });
  });
  test('throws on a circle of imports instead of looping', () => {
    const files = { '/s/app.css': '@import "a.css";\n', '/s/a.css': '@import "app.css";\n' };
    assert.throws(() => inlineImports('/s/app.css', (f) => files[f]), { message: '/s/app.css is imported twice' });
  });
  test('throws when an imported file is missing', () => {
    write('broken.css', '@import "nowhere.css";\n');
    assert.throws(() => inlineImports(join(dir, 'broken.css')), { code: 'ENOENT' });
  });
});

describe('tidyCss', () => {
  test('drops comments, indentation and empty lines, and nothing else', () => {
    const css = '/* tokens */\n.a {\n  color: red; /* why */\n\n  margin: 0 auto;\n}\n/* a comment\n   over lines */\n\n.b > .c { gap: 1px }\n';
    assert.equal(tidyCss(css), '\n.a {\ncolor: red; \nmargin: 0 auto;\n}\n.b > .c { gap: 1px }\n');
  });
  test('keeps two comments apart: the shortest match, not one from the first /* to the last */', () => {
    assert.equal(tidyCss('/* a */.keep { }/* b */'), '.keep { }');
  });
});

describe('fillPlaceholders', () => {
  test('replaces every placeholder, each time it appears', () => {
    const fill = { __CSS__: 'app-1.css', __CSS_SRI__: 'sha384-x', __PARTS__: '{"a":1}' };
    assert.equal(
      fillPlaceholders("const P = __PARTS__; const C = ['__CSS__', '__CSS_SRI__', '__CSS__'];", fill),
      'const P = {"a":1}; const C = [\'app-1.css\', \'sha384-x\', \'app-1.css\'];',
    );
  });
  test('throws on a placeholder it has no value for', () => {
    assert.throws(() => fillPlaceholders('a __CSS__ b __NOPE__', { __CSS__: 'x' }), { message: 'unknown placeholder __NOPE__' });
  });
  test('leaves what is not a placeholder alone', () => {
    const text = '__proto__ _X_ __x__ ___ __9__';
    assert.equal(fillPlaceholders(text, {}), text);
  });
});

test('inlineModules puts a sibling module in place of its import, without its exports', async () => {
  const { inlineModules } = await import('../lib/embed-lib.mjs');
  const read = (name) => ({ 'a.js': 'export const A = 1;\nexport function f() {}\n' })[name];
  const out = inlineModules("import { A, f } from './a.js';\nconst B = A;\n", read);
  assert.equal(out, 'const A = 1;\nfunction f() {}\nconst B = A;\n');
  // Anything else is left as it is.
  assert.equal(inlineModules("import x from 'y';\n", read), "import x from 'y';\n");
});

describe('withUnion', () => {
  const types = "export interface Options {\n  locale?: 'ja' | 'en';\n  view?: 'settings';\n}\n";
  test("writes a property's union from the values", () => {
    assert.equal(
      withUnion(types, 'view', ['settings', 'conversations', 'reports']),
      "export interface Options {\n  locale?: 'ja' | 'en';\n  view?: 'settings' | 'conversations' | 'reports';\n}\n",
    );
    assert.equal(withUnion(types, 'locale', ['en']), types.replace("'ja' | 'en'", "'en'"));
  });
  test('throws when the property is not there', () => {
    assert.throws(() => withUnion(types, 'chrome', ['none']), { message: 'no union property chrome in the type declarations' });
  });
});

describe('assetSource and partsSource', () => {
  test('name each file as a URL beside the module, with its integrity, as JavaScript', () => {
    assert.equal(assetSource(['a-1.css', 'sha384-x']), '[new URL("./a-1.css", import.meta.url), "sha384-x"]');
    const parts = { settings: { glue: ['s.js', 'sha384-g'], wasm: ['s_bg.wasm', 'sha384-w'], strings: { ja: ['s-ja.json', 'sha384-j'] } } };
    assert.equal(
      partsSource(parts),
      '{"settings": {glue: [new URL("./s.js", import.meta.url), "sha384-g"], wasm: [new URL("./s_bg.wasm", import.meta.url), "sha384-w"], ' +
        'strings: {"ja": new URL("./s-ja.json", import.meta.url)}}}',
    );
  });
});

describe('stringTable', () => {
  const en = { loader: { x: 'X' }, zeta: { b: 'B', a: 'A' }, only: { one: { one: '1 file', other: '{{ count }} files' } } };
  const sections = { only: 'conversations' };

  test("numbers the sections but the loader's, then their keys, each in byte order, after the checksum", () => {
    const { table, missing } = stringTable(en, en, sections, 'conversations');
    assert.deepEqual(table.slice(1), [{ one: '1 file', other: '{{ count }} files' }, 'A', 'B']);
    assert.deepEqual(missing, []);
  });
  test('the checksum is FNV-1a over "section.key\\n" in that order, as build.rs writes it', () => {
    let hash = 0x811c9dc5;
    for (const byte of Buffer.from('only.one\nzeta.a\nzeta.b\n')) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    assert.equal(stringTable(en, en, sections, 'settings').table[0], hash);
    assert.notEqual(stringTable({ ...en, zeta: { c: 'C', a: 'A' } }, en, sections, 'settings').table[0], hash);
  });
  test("another part's sections are 0, and a message the language lacks is English's, named", () => {
    const ja = { zeta: { a: 'あ' } };
    const { table, missing } = stringTable(en, ja, sections, 'settings');
    assert.deepEqual(table.slice(1), [0, 'あ', 'B']);
    assert.deepEqual(missing, ['zeta.b']);
  });
});

describe('isLocaleFile', () => {
  test('a language tag, not the glossary beside them', () => {
    for (const name of ['en.json', 'ja.json', 'pt-BR.json', 'zh-Hans.json']) assert.ok(isLocaleFile(name), name);
    for (const name of ['glossary.json', 'en.json.bak', 'README.md']) assert.ok(!isLocaleFile(name), name);
  });
});

describe('withoutDefine', () => {
  test('drops the line that defines the element, and only it', () => {
    const loader = 'export function define() {}\n// comment\nexport const MessengerIntegration = define();\n';
    assert.equal(withoutDefine(loader), 'export function define() {}\n// comment\n');
  });
  test('throws when the loader has no such line, rather than pack a module that defines', () => {
    assert.throws(() => withoutDefine('customElements.define("x", X);\n'), { message: /has no line/ });
  });
});
