#!/usr/bin/env node
// `npm start`: build the console and run it in Electron on the embedded
// reference backend (or SUPPORT_CONSOLE_BACKEND_URL).
//
// better-sqlite3 is a native module: the tests load it in Node, the app in
// Electron, whose ABI differs. Rather than rebuilding node_modules in place
// (which breaks the tests), this builds a second copy for Electron under
// .electron-native/ and hands its path to the main process.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

// node_modules/electron/path.txt exists only after the binary was downloaded
// (requiring the package would itself try to download it). The test of this
// script points SUPPORT_CONSOLE_ELECTRON_DIR at an empty folder to see the
// "missing" answer on any machine.
const electronDir = process.env.SUPPORT_CONSOLE_ELECTRON_DIR ?? join(root, 'node_modules/electron');
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  return join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
}

let binary = electronBinary();
if (!binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('Electron binary not installed yet: trying to download it…');
  const got = spawnSync(process.execPath, [join(electronDir, 'install.js')], { encoding: 'utf8' });
  if (got.status !== 0)
    console.log('  download failed: ' + (got.stderr.split('\n').find((l) => l.trim()) ?? 'no detail'));
  binary = electronBinary();
}
if (!binary || !existsSync(binary)) {
  console.error(
    [
      'The Electron binary is missing, so the desktop console cannot start on this machine.',
      '(It is downloaded by node_modules/electron/install.js; machines without internet access',
      ' or with ELECTRON_SKIP_BINARY_DOWNLOAD=1 do not have it.)',
      '',
      'What still runs here:',
      '  npm run start:browser   the same console in your browser (reference backend, real services)',
      '  npm run start:backend   the reference backend alone, with a seeded demo database',
      '  npm test                every test (none needs the Electron binary)',
    ].join('\n'),
  );
  process.exit(1);
}

const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const nativeDir = join(root, '.electron-native', electronVersion);
const binding = join(nativeDir, 'build/Release/better_sqlite3.node');
if (!existsSync(binding)) {
  console.log(`Building better-sqlite3 for Electron ${electronVersion}…`);
  rmSync(nativeDir, { recursive: true, force: true });
  mkdirSync(nativeDir, { recursive: true });
  cpSync(join(root, 'node_modules/better-sqlite3'), nativeDir, { recursive: true });
  rmSync(join(nativeDir, 'build'), { recursive: true, force: true });
  execFileSync(
    'npx',
    ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: nativeDir, stdio: 'inherit' },
  );
}

execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
const run = spawnSync('npx', ['electron-vite', 'preview'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SUPPORT_CONSOLE_SQLITE_BINDING: binding },
});
process.exit(run.status ?? 1);
