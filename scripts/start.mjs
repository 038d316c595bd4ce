#!/usr/bin/env node
// `npm start`: build the console and run it in Electron on the embedded
// reference backend (or SUPPORT_CONSOLE_BACKEND_URL). Without the Electron
// binary it says so and names what runs instead (scripts/electron-app.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { electronSqliteBinding, requireElectron, root } from './electron-app.mjs';

requireElectron([
  '  npm run start:browser   the same console in your browser (reference backend, real services)',
  '  npm run start:backend   the reference backend alone, with a seeded demo database',
  '  npm test                every test (none needs the Electron binary)',
]);
const binding = electronSqliteBinding();

execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
const run = spawnSync('npx', ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUPPORT_CONSOLE_SQLITE_BINDING: binding },
});
process.exit(run.status ?? 1);
