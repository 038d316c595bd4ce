// What `npm start` and `npm run dev` both need before Electron can run the
// console: the Electron binary (or a clear word that it is missing, and what
// runs instead), and better-sqlite3-multiple-ciphers (SQLite with
// encryption, for the cache and the embedded backend) built for Electron's ABI.
//
// It is a native module: the tests load it in Node, the app in
// Electron, whose ABI differs. Rather than rebuilding node_modules in place
// (which breaks the tests), a second copy is built for Electron under
// .electron-native/ and its path handed to the main process.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

// node_modules/electron/path.txt exists only after the binary was downloaded
// (requiring the package would itself try to download it). The tests of the
// scripts point SUPPORT_CONSOLE_ELECTRON_DIR at an empty folder to see the
// "missing" answer on any machine.
const electronDir = process.env.SUPPORT_CONSOLE_ELECTRON_DIR ?? join(root, 'node_modules/electron');
function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  return join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
}

/**
 * The Electron binary, downloaded if it can be; otherwise explains what
 * runs on this machine instead and exits 1 (`alternatives`: lines naming
 * the commands that fit what was asked).
 */
export function requireElectron(alternatives) {
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
        ...alternatives,
      ].join('\n'),
    );
    process.exit(1);
  }
  return binary;
}

/** better-sqlite3-multiple-ciphers (SQLite with encryption) built for this Electron (once per version); answers the binding's path. */
export function electronSqliteBinding() {
  const electronVersion = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  const nativeDir = join(root, '.electron-native', electronVersion);
  const binding = join(nativeDir, 'build/Release/better_sqlite3.node');
  if (!existsSync(binding)) {
    console.log(`Building better-sqlite3-multiple-ciphers for Electron ${electronVersion}…`);
    rmSync(nativeDir, { recursive: true, force: true });
    mkdirSync(nativeDir, { recursive: true });
    cpSync(join(root, 'node_modules/better-sqlite3-multiple-ciphers'), nativeDir, { recursive: true });
    rmSync(join(nativeDir, 'build'), { recursive: true, force: true });
    execFileSync(
      'npx',
      ['node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
      { cwd: nativeDir, stdio: 'inherit' },
    );
  }
  return binding;
}
