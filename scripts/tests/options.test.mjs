// Unit tests of embed/options.js: how the element's attributes are read, in one place.
//   node --test scripts/tests/      (scripts/test runs it in the lint layer)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { APPEARANCE, apiBaseOf, appearanceOf, appearanceProperty, assetsBaseOf, basePathOf, hostOriginOf, localeOf, normalize } from '../../embed/options.js';

const ORIGIN = 'https://crm.example';
const CONTEXT = { locales: ['en', 'ja'], parts: ['settings', 'conversations'], apiBase: '/api', origin: ORIGIN };

test('locale: a BCP 47 tag names its language, in any case', () => {
  for (const [tag, locale] of [['ja', 'ja'], ['ja-JP', 'ja'], ['EN', 'en'], ['en-GB', 'en'], ['en_US', 'en']]) {
    assert.equal(localeOf(tag, CONTEXT.locales), locale, tag);
  }
  for (const tag of ['de', 'jp', 'enx', '', '-']) assert.equal(localeOf(tag, CONTEXT.locales), undefined, tag);
});

test('locale: the closest language, by language and script, then region; pseudo-locales only by name', () => {
  const locales = ['en', 'ja', 'de', 'pt-BR', 'zh-Hans', 'ar', 'en-XA', 'ar-XB'];
  const cases = [
    ['pt', 'pt-BR'], ['pt-PT', 'pt-BR'], ['PT-br', 'pt-BR'], ['zh-CN', 'zh-Hans'], ['zh', 'zh-Hans'], ['zh-Hans-SG', 'zh-Hans'],
    ['de-AT', 'de'], ['ar-EG', 'ar'], ['en-XA', 'en-XA'], ['ar-xb', 'ar-XB'], ['en-US', 'en'], ['en', 'en'],
  ];
  for (const [tag, locale] of cases) assert.equal(localeOf(tag, locales), locale, tag);
  // Traditional Chinese is another script: not offered Simplified, so the caller's next choice decides.
  for (const tag of ['zh-TW', 'zh-Hant', 'fr', 'x', '']) assert.equal(localeOf(tag, locales), undefined, tag);
});

test('base-path: crm, /crm and /crm/ are alike; / and blank are none', () => {
  for (const value of ['crm', '/crm', '/crm/', ' /crm// ']) assert.equal(basePathOf(value), '/crm', value);
  assert.equal(basePathOf('crm/app/'), '/crm/app');
  assert.equal(basePathOf('/'), '');
  assert.equal(basePathOf(''), '');
  for (const value of ['/crm?x=1', '/crm#a', 'https://x/crm', '/a//b', '/a b']) assert.equal(basePathOf(value), undefined, value);
});

test('api-base: /, /api/ and a URL of this origin; never another origin', () => {
  assert.equal(apiBaseOf('/', ORIGIN), '');
  assert.equal(apiBaseOf('/api/', ORIGIN), '/api');
  assert.equal(apiBaseOf('api', ORIGIN), '/api');
  assert.equal(apiBaseOf('https://crm.example/backend/api/', ORIGIN), '/backend/api');
  assert.equal(apiBaseOf('https://evil.example/api', ORIGIN), undefined);
  assert.equal(apiBaseOf('/api?x=1', ORIGIN), undefined);
});

test('host-origin: an origin exactly', () => {
  assert.equal(hostOriginOf('https://crm.example'), 'https://crm.example');
  assert.equal(hostOriginOf('https://crm.example/'), 'https://crm.example');
  for (const value of ['https://crm.example/path', 'crm.example', '*', 'null']) assert.equal(hostOriginOf(value), undefined, value);
});

test('assets-base: a directory on any http(s) origin, with its trailing slash', () => {
  assert.equal(assetsBaseOf('/static/messenger', ORIGIN), 'https://crm.example/static/messenger/');
  assert.equal(assetsBaseOf('/static/messenger/', ORIGIN), 'https://crm.example/static/messenger/');
  assert.equal(assetsBaseOf('https://cdn.example/msg/1.0.0', ORIGIN), 'https://cdn.example/msg/1.0.0/');
  for (const value of ['javascript:alert(1)', 'data:,x', '/static?v=1', '/static#a', 'https://']) {
    assert.equal(assetsBaseOf(value, ORIGIN), undefined, value);
  }
});

test('normalize: every option read once; what cannot be read is named with its attribute, and left out', () => {
  const { options, invalid } = normalize(
    { locale: 'ja-JP', basePath: 'crm/', apiBase: 'https://other.example/api', view: 'inbox', chrome: 'none', csrfToken: ' t ', assetsBase: 'ftp://x/' },
    CONTEXT,
  );
  assert.deepEqual(options, { apiBase: '/api', basePath: '/crm', locale: 'ja', chrome: 'none', csrfToken: 't' });
  assert.deepEqual(invalid, [
    { attribute: 'api-base', value: 'https://other.example/api' },
    { attribute: 'view', value: 'inbox' },
    { attribute: 'assets-base', value: 'ftp://x/' },
  ]);
  assert.equal(normalize({ assetsBase: '/static' }, CONTEXT).options.assetsBase, 'https://crm.example/static/');
  // Absent and blank are the defaults, quietly.
  assert.deepEqual(normalize({ locale: ' ', view: undefined }, CONTEXT), { options: { apiBase: '/api', basePath: '' }, invalid: [] });
  // A language the app does not speak: told, and English.
  assert.deepEqual(normalize({ locale: 'sv-SE' }, CONTEXT), {
    options: { apiBase: '/api', basePath: '', locale: 'en' },
    invalid: [{ attribute: 'locale', value: 'sv-SE' }],
  });
});

test('theme: light, dark or auto; anything else is named and left out', () => {
  assert.equal(normalize({ theme: ' dark ' }, CONTEXT).options.theme, 'dark');
  assert.equal(normalize({ theme: 'auto' }, CONTEXT).options.theme, 'auto');
  assert.deepEqual(normalize({ theme: 'blue' }, CONTEXT).invalid, [{ attribute: 'theme', value: 'blue' }]);
});

test('appearance: camelCase names as the public custom properties; other names are named', () => {
  const { properties, invalid } = appearanceOf({ colorPrimary: '#4338ca', colorTextMuted: 'gray', fontFamily: 'Inter', colour: 'red', radius: 12 });
  assert.deepEqual(properties, [
    ['--messenger-color-primary', '#4338ca'],
    ['--messenger-color-text-muted', 'gray'],
    ['--messenger-font-family', 'Inter'],
  ]);
  assert.deepEqual(invalid, ['colour', 'radius']);
  assert.deepEqual(appearanceOf(undefined), { properties: [], invalid: [] });
  // Every name is a property that style/tokens.css reads.
  const tokens = readFileSync(new URL('../../style/tokens.css', import.meta.url), 'utf8');
  for (const name of APPEARANCE) assert.ok(tokens.includes(`var(${appearanceProperty(name)}`), `${name} is read by tokens.css`);
  assert.equal(APPEARANCE.length, 15);
});

