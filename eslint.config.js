// Lint stays syntax-only (no type-aware rules) so it runs in a couple of
// seconds; `tsc` does the type checking.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import boundaries from 'eslint-plugin-boundaries';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/dist/',
    '.size/',
    '.bench/',
    '**/storybook-static/',
    '**/node_modules/',
    '**/.data/',
    '**/coverage/',
    'openapi.json',
    'custom-elements.json',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  // TypeScript checks names in .ts files; plain JavaScript needs to be told
  // which globals exist. Configs and reporters run in Node, the demo page's
  // scripts in the browser.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ignores: ['demo/public/**'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['demo/public/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Chai's property assertions (`expect(x).to.exist`) are expressions by design;
    // tests read JSON answers loosely on purpose, asserting the fields they name.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // What may import what in src/, as rules rather than habits: the browser's
    // shared code never reaches into an element, and the servers (and the
    // contract and validators they share with the browser) never import browser
    // code. Where each kind of file lives is in README "Layout".
    files: ['src/**/*.ts'],
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': [
        { type: 'element', pattern: 'src/elements/*' },
        { type: 'browser', pattern: 'src/(base|controllers|payments|i18n|templates|styles|client)' },
        { type: 'shared', pattern: 'src/shared' },
        { type: 'contract', pattern: 'src/contract' },
        { type: 'server', pattern: 'src/(broker|sandbox|invoicecloud)' },
      ],
      'import-x/resolver-next': [importX.createNodeResolver()],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            { from: { element: { type: 'browser' } }, disallow: { to: { element: { types: { anyOf: ['element', 'server'] } } } } },
            { from: { element: { type: 'element' } }, disallow: { to: { element: { type: 'server' } } } },
            {
              from: { element: { types: { anyOf: ['server', 'contract', 'shared'] } } },
              disallow: { to: { element: { types: { anyOf: ['browser', 'element'] } } } },
            },
            { from: { element: { type: 'shared' } }, disallow: { to: { element: { types: { anyOf: ['server', 'contract'] } } } } },
          ],
        },
      ],
      'import-x/no-cycle': 'error',
    },
  },
  {
    // Element state says what exists when (a union per step), so nothing in
    // the browser's elements needs `x!` to claim a value is there.
    files: ['src/elements/**/*.ts', 'src/base/**/*.ts', 'src/controllers/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' },
  },
  {
    rules: {
      // A leading underscore marks a deliberately unused parameter or binding.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
    },
  },
);
