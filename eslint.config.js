// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/*
 * The layout (README.md, Layout; each folder's README says what it may import). Every boundary is its own
 * rule: typescript-eslint's no-restricted-imports registered once per boundary under `layout/…`. With one
 * rule, two entries matching the same file replace each other's options (flat config keeps the last), so
 * one boundary could silently switch another off; with one rule each, a report also names the boundary
 * it crosses. src/lint-rules.test.ts lints a bad file and its good twin for each.
 */
const restrictImports = tseslint.plugin.rules?.['no-restricted-imports'];
if (!restrictImports) throw new Error('typescript-eslint no longer ships no-restricted-imports');
const BOUNDARIES = [
  'electron',
  'better-sqlite3',
  'node',
  'main',
  'server',
  'renderer',
  'harness',
  'harness-reach',
  'features',
];
const layoutPlugin = { rules: Object.fromEntries(BOUNDARIES.map((name) => [name, restrictImports])) };

/**
 * One boundary over some files: refuses the imports whose specifier matches `regex`.
 * `allowTypeImports`: `import type` passes (it leaves nothing in the built code).
 */
const boundary = (
  /** @type {string} */ name,
  /** @type {{ files: string[], ignores?: string[] }} */ where,
  /** @type {{ regex: string, message: string, allowTypeImports?: boolean }} */ pattern,
) => ({
  ...where,
  plugins: { layout: layoutPlugin },
  rules: { [`layout/${name}`]: ['error', { patterns: [pattern] }] },
});

const TESTS = ['src/**/*.test.ts', 'src/**/*.test.tsx'];
/** Test support: only tests import these folders. */
const TEST_SUPPORT = ['src/**/testing/**'];
const ELECTRON = '^electron(/|$)';
const NODE = `^(node:.*|(${builtinModules.join('|')})(/.*)?|undici|fastify|pino)$`;
/** A folder of src/ named in a relative specifier (`../main/…`, `../../src/main/…`). */
const folder = (/** @type {string} */ name) => `(^|/)${name}/`;

const layout = [
  // Electron runs in the shell only; elsewhere in main a type may name its API (the IPC door types its event).
  boundary(
    'electron',
    {
      files: ['src/main/**', 'src/harness/**'],
      ignores: ['src/main/index.ts', 'src/main/windows/**', 'src/main/shell/**'],
    },
    {
      regex: ELECTRON,
      allowTypeImports: true,
      message:
        'Electron runs only in src/main/index.ts, src/main/windows/ and src/main/shell/ (types may be imported).',
    },
  ),
  boundary(
    'electron',
    { files: ['src/main/**/*.test.ts', 'src/main/shell/testing/**'] },
    {
      regex: ELECTRON,
      allowTypeImports: true,
      message: "Tests run without Electron: vi.mock('electron', () => import('…/shell/testing/fake-electron.js')).",
    },
  ),
  // Last, so it wins over the two above: db/ and sync/ run in worker threads and plain Node, the features and
  // services in the browser harness too.
  boundary(
    'electron',
    {
      files: [
        'src/shared/**',
        'src/server/**',
        'src/renderer/**',
        'src/main/db/**',
        'src/main/sync/**',
        'src/main/features/**',
        'src/main/services/**',
        'bench/**',
      ],
    },
    { regex: ELECTRON, message: 'This folder must run without Electron, not even its types.' },
  ),
  // Tests may open a cache or backend file read-only to check what landed on disk.
  boundary(
    'better-sqlite3',
    { files: ['src/**'], ignores: ['src/main/db/**', 'src/server/**', ...TESTS] },
    {
      regex: '^better-sqlite3(-multiple-ciphers)?$',
      message:
        'SQLite is reached through src/main/db (the console) or src/server (the backend): pass readers, not the connection.',
    },
  ),
  boundary(
    'node',
    { files: ['src/shared/**', 'src/renderer/**'] },
    { regex: NODE, message: 'src/shared is pure and the renderer is a web page: no Node modules.' },
  ),
  boundary(
    'main',
    { files: ['src/shared/**', 'src/server/**', 'src/renderer/**', 'src/preload/**'] },
    { regex: folder('main'), message: 'Only main imports main (the preload and the renderer reach it over IPC).' },
  ),
  // The embedded default starts it; tests run it on 127.0.0.1 as a real peer.
  boundary(
    'server',
    { files: ['src/**'], ignores: ['src/server/**', 'src/main/backend/embedded.ts', ...TESTS] },
    { regex: folder('server'), message: 'The reference backend is reached over HTTP, not imported.' },
  ),
  boundary(
    'renderer',
    { files: ['src/**', 'bench/**'], ignores: ['src/renderer/**'] },
    { regex: folder('renderer'), message: "Nothing imports the renderer's sources." },
  ),
  boundary(
    'harness',
    { files: ['src/**'], ignores: ['src/harness/**', ...TESTS, ...TEST_SUPPORT] },
    { regex: folder('harness'), message: 'Only tests, e2e/ and bench/ import the browser harness.' },
  ),
  boundary(
    'harness-reach',
    { files: ['src/harness/**'], ignores: TESTS },
    {
      regex: '(^|/)main/(?!services/|ipc/handle(\\.js)?$|shell/(protocol|csp)(\\.js)?$)',
      message:
        'The harness runs the services behind the IPC door: from src/main it imports services/, ipc/handle.ts, shell/protocol.ts and shell/csp.ts only.',
    },
  ),
  // The services compose the features, not the other way round; the shell and windows are Electron's.
  boundary(
    'features',
    { files: ['src/main/features/**'], ignores: TESTS },
    {
      regex: folder('(services|shell|windows)'),
      message: 'A feature gets what it needs as FeatureDeps: it never imports src/main/services, shell/ or windows/.',
    },
  ),
];

const namedExports = { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' };
/** Features receive readers, not the connection: SQL runs in src/main/db, the sync worker and the backend. */
const noSql = {
  selector: 'CallExpression > MemberExpression.callee[property.name=/^(prepare|pragma)$/]',
  message: 'SQL runs in src/main/db (or the sync worker, or src/server): call a reader or writer from there.',
};

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
      'no-restricted-syntax': ['error', namedExports],
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/main/db/**', 'src/main/sync/**', 'src/server/**', ...TESTS],
    rules: { 'no-restricted-syntax': ['error', namedExports, noSql] },
  },
  {
    files: ['*.config.{js,ts}', 'electron.vite.config.ts', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['scripts/**/*.mjs', '*.config.js'], languageOptions: { globals: globals.node } },
  ...layout,
);
