#!/usr/bin/env node
// `npm run dev`: the console in Electron for development: the renderer from
// Vite's dev server (hot reload on save), main and preload rebuilt and the
// app restarted when their files change (`electron-vite dev --watch`).
// Without the Electron binary it says so and points to the browser harness's
// watch mode, which needs no Electron (scripts/electron-app.mjs).
import { spawnSync } from 'node:child_process';
import { electronSqliteBinding, requireElectron, root } from './electron-app.mjs';

requireElectron([
  '  npm run dev:browser     renderer work in your browser: rebuilt on save, reload the page to see it',
  '  npm run start:browser   the console in your browser, built once',
  '  npm test                every test (none needs the Electron binary)',
]);
const binding = electronSqliteBinding();

const run = spawnSync('npx', ['electron-vite', 'dev', '--watch'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUPPORT_CONSOLE_SQLITE_BINDING: binding },
});
process.exit(run.status ?? 1);
