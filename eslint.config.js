// Lint stays syntax-only (no type-aware rules) so it runs in a couple of
// seconds; `tsc` does the type checking.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
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
    rules: {
      // A leading underscore marks a deliberately unused parameter or binding.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
);
