// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import directions (README.md, Layout): shared <- server, shared <- main, shared <- renderer. */
const layer = (/** @type {string[]} */ files, /** @type {{group: string[], message: string}[]} */ patterns) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

const noNode = {
  group: ['node:*', 'electron', 'better-sqlite3', 'undici', 'fastify'],
  message: 'src/shared is pure: no runtime imports.',
};
const noMain = { group: ['**/main/**', '../main/*'], message: 'Only main may import main.' };
const noServer = {
  group: ['**/server/**', '../server/*'],
  message: 'The reference backend is reached over HTTP, not imported.',
};
const noRenderer = { group: ['**/renderer/**'], message: 'Nothing imports the renderer.' };
const noElectron = { group: ['electron'], message: 'This folder must run without Electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    files: ['*.config.{js,ts}', 'electron.vite.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.mjs', '*.config.js'], languageOptions: { globals: globals.node } },
  layer(['src/shared/**'], [noNode, noMain, noServer, noRenderer]),
  layer(['src/server/**'], [noMain, noRenderer, noElectron]),
  layer(['src/main/**'], [noServer, noRenderer]),
  layer(['src/main/sync/**', 'src/main/db/**'], [noServer, noRenderer, noElectron]),
  // The one place main starts the reference backend (the embedded default), and tests that talk to it over HTTP.
  layer(['src/main/backend/embedded.ts'], [noRenderer, noElectron]),
  layer(['src/main/**/*.test.ts', 'bench/**'], [noRenderer, noElectron]),
  layer(['src/preload/**'], [noServer, noRenderer]),
  layer(
    ['src/renderer/**'],
    [noMain, noServer, { group: ['node:*', 'electron', 'better-sqlite3'], message: 'The renderer is a web page.' }],
  ),
);
