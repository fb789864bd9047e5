// The stylesheet's lint (issue 32): the app is laid out in both directions, so its CSS names no
// physical left or right. Logical properties (`margin-inline-start`, `inset-inline`,
// `text-align: end`) follow the root's `dir`; a physical one would stay put in Arabic.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';

const ROOT = resolve(import.meta.dirname, '../..');
const SHEETS = [...readdirSync(join(ROOT, 'style')).map((f) => join('style', f)), 'embed/style.css'].filter((f) => f.endsWith('.css'));

/** The declarations of `css` that name a physical side, with their line numbers. */
export function physical(css) {
  const found = [];
  const code = css.replace(/\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
  code.split('\n').forEach((line, i) => {
    const property = /(^|[;{\s])((margin|padding|border|scroll-margin|scroll-padding)-(left|right)(-\w+)?|left|right|border-(top|bottom)-(left|right)-radius)\s*:/;
    const value = /\b(float|clear|text-align|caption-side|resize)\s*:\s*(left|right)\b/;
    if (property.test(line) || value.test(line)) found.push(`${i + 1}: ${line.trim()}`);
  });
  return found;
}

test('the lint finds each physical side, and takes the logical ones', () => {
  const bad = 'a { margin-left: 1px; }\nb { left: 0 }\nc { text-align: right; }\nd { border-top-right-radius: 2px }\ne { float: left }\nf { padding-right: 0 }';
  assert.equal(physical(bad).length, 6);
  const good = 'a { margin-inline-start: 1px; inset-inline: 0; text-align: end; border-start-end-radius: 2px; float: inline-start }\n/* left */';
  assert.deepEqual(physical(good), []);
});

for (const sheet of SHEETS) {
  test(`${sheet} names no physical left or right`, () => {
    assert.deepEqual(physical(readFileSync(join(ROOT, sheet), 'utf8')), []);
  });
}
