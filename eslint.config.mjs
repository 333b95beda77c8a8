// ESLint: typescript-eslint with type information (floating promises, no `any` where a
// type exists), and Lit's and web components' own rules for components/.
import js from '@eslint/js'
import { defineConfig } from 'eslint/config'
import lit from 'eslint-plugin-lit'
import wc from 'eslint-plugin-wc'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** The plugins type their configs loosely (flat and legacy): these two are flat. */
const litRecommended = /** @type {import('eslint').Linter.Config} */ (
  lit.configs['flat/recommended']
)
const wcRecommended = /** @type {import('eslint').Linter.Config} */ (wc.configs['flat/recommended'])

export default defineConfig(
  {
    // test/package/consumer/ is a user's project: the package suite compiles it with tsc
    // against the installed tarball.
    ignores: [
      'dist/',
      'node_modules/',
      '**/.wrangler/',
      '.tmp/',
      'drizzle/',
      'test/package/consumer/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Rules that need the types: a promise nobody awaits is an error nobody sees.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['components/**/*.ts', 'test/components/**/*.ts'],
    extends: [litRecommended, wcRecommended],
    languageOptions: { globals: globals.browser },
  },
  {
    // The headless client (tollgate/client) runs in browsers and Node ≥ 20 alike.
    files: ['client/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  {
    files: ['**/*.mjs', 'test/e2e/**'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    // The end-to-end run and the package suite hand functions to the browser (page.evaluate).
    files: ['test/e2e/**', 'test/package/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
)
