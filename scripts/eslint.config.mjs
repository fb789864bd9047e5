// ESLint for the repository's own JavaScript (scripts/test runs it in the lint layer):
//   cd <repo> && scripts/node_modules/.bin/eslint --config scripts/eslint.config.mjs --max-warnings 0
// The build scripts and their tests run in Node; the loader in embed/ runs in the browser.
// TypeScript (e2e/, the .d.ts) is not linted here.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['**/node_modules/', 'target/', 'dist/', 'e2e/', 'host-demo/'] },
  js.configs.recommended,
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['embed/**/*.js'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      // The loader's placeholders, which embed.mjs replaces with values at build time: those
      // written bare (`const PARTS = __PARTS__;`) read as undefined names to ESLint.
      globals: { ...globals.browser, __PARTS__: 'readonly', __STARTING__: 'readonly', __TABLES__: 'readonly', __CSS__: 'readonly' },
    },
  },
];
