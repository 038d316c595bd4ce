/**
 * Packs the app with electron-builder's own code, as `electron-builder --linux dir` does, and
 * checks what would ship: the file set, the production dependencies (and that each loads from
 * the packed tree, in Node), what the ASAR leaves unpacked, the fuses, and the deb target's
 * metadata check. It runs without the Electron binary and without downloading or rebuilding
 * anything:
 * - `electronDist` points at a fake Electron, a folder holding one file named `electron` that
 *   is nothing but a fuse wire (the sentinel @electron/fuses searches for, with Electron's
 *   default states), so electron-builder copies it instead of downloading, and flips its
 *   fuses as it flips the real binary's;
 * - `npmRebuild` and `nodeGypRebuild` are off: node_modules is only read (the SQLite module stays
 *   built for Node's ABI, which the other tests need);
 * - it packs a copy of the project in a temporary folder (package.json, out/, resources/) with
 *   a link to the project's node_modules, and the output goes to that folder too. The copy
 *   names the `traversal` package manager: `npm ls` misreads a node_modules that is a symbolic
 *   link (the worktrees share one), so electron-builder walks each package.json's
 *   `dependencies` instead, the same production closure `npm ls --omit dev` lists.
 * It packs out/ as vitest.setup.ts left it (built before the run when its sources changed).
 *
 * What this cannot check: the real Electron binary (its fuse wire, the ASAR integrity hash
 * embedded in the macOS and Windows executables), the native rebuild for Electron's ABI (the
 * better_sqlite3.node packed here is Node's build), the installers themselves (AppImage, deb
 * through fpm, NSIS, dmg and zip: their tools are downloaded at package time), code signing
 * and notarisation, macOS and Windows packing (run on Linux, only the Linux packer runs), and
 * the npm collector a packaging machine uses, and electron-updater loading (it needs Electron).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { Arch, Platform, build } from 'electron-builder';
import { LinuxPackager } from 'electron-builder';
import type { AfterPackContext, Configuration } from 'electron-builder';
import type FpmTargetModule from 'app-builder-lib/out/targets/FpmTarget.js';
import type * as LinuxTargetHelperModule from 'app-builder-lib/out/targets/LinuxTargetHelper.js';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The deb target's classes are internal to electron-builder (CommonJS, `exports.default`): required as it requires them.
const require = createRequire(import.meta.url);
const { default: FpmTarget } = require('app-builder-lib/out/targets/FpmTarget.js') as typeof FpmTargetModule;
const { LinuxTargetHelper } =
  require('app-builder-lib/out/targets/LinuxTargetHelper.js') as typeof LinuxTargetHelperModule;

const root = fileURLToPath(new URL('../../../', import.meta.url));
const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as Configuration & {
  electronFuses: Record<string, boolean>;
};
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** The sentinel @electron/fuses looks for, then the wire's version (1) and length. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own defaults, by FuseV1Options index: RunAsNode, cookie encryption, NODE_OPTIONS, inspect, ASAR integrity, only ASAR, V8 snapshot, file:// privileges. */
const ELECTRON_DEFAULT_WIRE = '10110001';
/** A fuse's state is the ASCII digit: '1' on, '0' off. */
const FUSE_ON = '1'.charCodeAt(0);
const FUSE_OFF = '0'.charCodeAt(0);

/** Every file under `dir`, relative to it, with '/' separators. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'));
}

/** Where Node would look for `dep` required from the package in `pkgDir` ('node_modules/a/node_modules/b'). */
function lookupDirs(pkgDir: string, dep: string): string[] {
  const dirs: string[] = [];
  let base = pkgDir;
  for (;;) {
    dirs.push(`${base}/node_modules/${dep}`);
    const parent = base.lastIndexOf('/node_modules/');
    if (parent < 0) break;
    base = base.slice(0, parent);
  }
  dirs.push(`node_modules/${dep}`);
  return dirs;
}

/** The installed Electron's version (the binary itself is absent: its package.json is there). */
function electronVersion(): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/** A file (not a folder) in the archive, and whether it sits unpacked beside it. */
function archivedFile(path: string): { unpacked: boolean } | null {
  const entry = statFile(asarPath, path);
  return 'files' in entry ? null : { unpacked: 'unpacked' in entry && entry.unpacked === true };
}

const PACKAGE_JSON = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)\/package\.json$/;

let work = '';
let asarPath = '';
let unpackedDir = '';
let appOutDir = '';
/** Paths inside the app.asar, without the leading '/'. */
let archived: string[] = [];
/** Package folder in the archive → its package.json. */
const packages = new Map<string, PackageJson>();
let expectedOut: string[] = [];
/** What electron-builder's deb check returned, or the error it threw. */
let debCheck: { meta: unknown } | { error: string } | null = null;

beforeAll(async () => {
  // vitest.setup.ts builds out/ once for the run (two test files building it at once would clash).
  if (!existsSync(join(root, 'out/main/index.js'))) throw new Error('out/ is not built: run through vitest.config.ts');
  // What the app is made of: out/ as built, without the harness's build and the source maps.
  expectedOut = filesUnder(join(root, 'out'))
    .filter((f) => !f.startsWith('harness/') && !f.endsWith('.map'))
    .map((f) => `out/${f}`)
    .sort();

  work = mkdtempSync(join(tmpdir(), 'builder-pack-'));
  const project = join(work, 'project');
  mkdirSync(project);
  cpSync(join(root, 'out'), join(project, 'out'), { recursive: true });
  cpSync(join(root, 'resources'), join(project, 'resources'), { recursive: true });
  const projectPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ ...projectPkg, packageManager: 'traversal@1.0.0' }));
  symlinkSync(realpathSync(join(root, 'node_modules')), join(project, 'node_modules'), 'junction');
  // What must stay out even when a build leaves it in out/: the harness's build, tests, maps.
  mkdirSync(join(project, 'out/harness'), { recursive: true });
  writeFileSync(join(project, 'out/harness/preload-shim.js'), 'export {};\n');
  writeFileSync(join(project, 'out/main/stray.test.js'), 'export {};\n');
  writeFileSync(join(project, 'out/main/index.js.map'), '{}\n');

  const fakeElectron = join(work, 'fake-electron');
  mkdirSync(fakeElectron);
  const wire = Buffer.concat([
    Buffer.alloc(64),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, ELECTRON_DEFAULT_WIRE.length]),
    Buffer.from(ELECTRON_DEFAULT_WIRE),
    Buffer.alloc(64),
  ]);
  writeFileSync(join(fakeElectron, 'electron'), wire, { mode: 0o755 });

  const output = join(work, 'dist');
  await build({
    projectDir: project,
    targets: Platform.LINUX.createTarget('dir', Arch.x64),
    publish: 'never',
    config: {
      ...config,
      directories: { ...config.directories, output },
      electronDist: fakeElectron,
      electronVersion: electronVersion(),
      npmRebuild: false,
      nodeGypRebuild: false,
      // Publishing is not packing (and the feed's URL comes from the packaging machine).
      publish: null,
      afterPack: async (context: AfterPackContext) => {
        // The deb target's own metadata check (its build runs it before calling fpm, and throws), on this packer.
        const linux = context.packager;
        if (!(linux instanceof LinuxPackager)) throw new Error('packing for Linux, got another packer');
        const deb = new FpmTarget('deb', linux, new LinuxTargetHelper(linux), output);
        debCheck = await (deb.checkOptions() as Promise<unknown>).then(
          (meta: unknown) => ({ meta }),
          (error: unknown) => ({ error: String(error) }),
        );
      },
    },
  });
  appOutDir = join(output, 'linux-unpacked');
  asarPath = join(appOutDir, 'resources/app.asar');
  unpackedDir = `${asarPath}.unpacked`;
  archived = listPackage(asarPath, { isPack: false }).map((p) => p.split('\\').join('/').replace(/^\//, ''));
  for (const path of archived) {
    const dir = PACKAGE_JSON.exec(path)?.[1];
    if (dir !== undefined) {
      packages.set(dir, JSON.parse(extractFile(asarPath, path).toString('utf8')) as PackageJson);
    }
  }
}, 240_000);

afterAll(() => {
  if (work !== '') rmSync(work, { recursive: true, force: true });
});

describe('the packed app (electron-builder on a copy of the project, fake Electron)', () => {
  it('holds every file of the main, preload and renderer builds, and package.json pointing at the main entry', () => {
    const out = archived.filter((p) => p.startsWith('out/') && archivedFile(p) !== null);
    expect(out.sort()).toEqual(expectedOut);
    for (const entry of [
      'out/main/index.js',
      'out/main/sync-worker.js',
      'out/main/feed-reader-worker.js',
      'out/preload/index.cjs',
      'out/renderer/index.html',
    ]) {
      expect(out).toContain(entry);
    }
    const shippedPkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(shippedPkg.main).toBe('out/main/index.js');
  });

  it('leaves out the harness build, tests, source maps, sources, docs, e2e and bench', () => {
    const top = new Set(archived.map((p) => p.split('/')[0]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    expect(archived.filter((p) => p.startsWith('out/harness'))).toEqual([]);
    // Nor the tests some dependencies ship.
    expect(archived.filter((p) => /\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)__tests__\//.test(p))).toEqual([]);
    expect(archived.filter((p) => p.endsWith('.map'))).toEqual([]);
  });

  it('ships every runtime dependency with all the packages it requires, and no package only tests use', () => {
    for (const name of Object.keys(pkg.dependencies)) expect(packages.has(`node_modules/${name}`), name).toBe(true);
    const missing: string[] = [];
    for (const [dir, manifest] of packages) {
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        if (!lookupDirs(dir, dep).some((d) => packages.has(d))) missing.push(`${dir} → ${dep}`);
      }
    }
    expect(missing).toEqual([]);
    // A devDependency ships only when a shipped package needs it (ajv: fastify's schemas).
    const needed = new Set(
      [...packages.values()].flatMap((m) => [
        ...Object.keys(m.dependencies ?? {}),
        ...Object.keys(m.optionalDependencies ?? {}),
        ...Object.keys(m.peerDependencies ?? {}),
      ]),
    );
    const devOnly = Object.keys(pkg.devDependencies).filter((name) => !needed.has(name));
    expect(devOnly.filter((name) => packages.has(`node_modules/${name}`))).toEqual([]);
    for (const name of ['electron', 'electron-builder', 'vitest', 'react', 'pdfjs-dist', 'pdf-lib', 'typescript']) {
      expect(devOnly).toContain(name);
    }
  });

  it("unpacks the SQLite module's native binary beside the archive, without its C sources or build leftovers", () => {
    const binary = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    expect(statFile(asarPath, binary)).toMatchObject({ unpacked: true });
    expect(statSync(join(unpackedDir, binary)).size).toBe(statSync(join(root, binary)).size);
    const sqlite = archived.filter((p) => p.startsWith('node_modules/better-sqlite3-multiple-ciphers/'));
    expect(sqlite.filter((p) => /\.(c|cpp|h|hpp|gyp|gypi)$|test_extension|\/obj(\.target)?\//.test(p))).toEqual([]);
    // What the archive marks unpacked is on disk beside it, and is the SQLite module only.
    const unpacked = archived.filter((p) => archivedFile(p)?.unpacked === true).sort();
    expect(filesUnder(unpackedDir).sort()).toEqual(unpacked);
    expect(unpacked.filter((p) => !p.startsWith('node_modules/better-sqlite3-multiple-ciphers/'))).toEqual([]);
    expect(archived.filter((p) => p.endsWith('.node'))).toEqual([binary]);
  });

  it('loads every runtime dependency from the packed tree, SQLite (with its ciphers) from its unpacked binary', () => {
    // The archive as Electron sees it (unpacked files in place), run by Node: the packed better_sqlite3.node is
    // Node's build here (no rebuild for Electron). electron-updater is left out: it requires `electron`.
    const app = join(work, 'app');
    extractAll(asarPath, app);
    const names = Object.keys(pkg.dependencies).filter((name) => name !== 'electron-updater');
    const script = [
      `for (const name of ${JSON.stringify(names)}) await import(name);`,
      `const { default: Database } = await import('better-sqlite3-multiple-ciphers');`,
      `const db = new Database(':memory:');`,
      `process.stdout.write(JSON.stringify(db.prepare('SELECT sqlite_version() AS v, sqlite3mc_version() AS mc').get()));`,
    ].join('\n');
    const answer = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: app,
      encoding: 'utf8',
    });
    expect(JSON.parse(answer)).toMatchObject({
      v: expect.stringMatching(/^3\.\d+\.\d+$/) as unknown,
      mc: expect.stringMatching(/^SQLite3 Multiple Ciphers \d/) as unknown,
    });
  });

  it('puts the tray icon in the resources folder, outside the archive', () => {
    expect(readFileSync(join(appOutDir, 'resources/icon.png'))).toEqual(readFileSync(join(root, 'resources/icon.png')));
  });

  it('flips every fuse of electron-builder.yml in the executable it names support-console', async () => {
    const wire = await getCurrentFuseWire(join(appOutDir, 'support-console'));
    const option: Record<string, FuseV1Options> = {
      runAsNode: FuseV1Options.RunAsNode,
      enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
      enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
      enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
      enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
      onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
      loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
      grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
    };
    expect(Object.keys(config.electronFuses).sort()).toEqual(Object.keys(option).sort());
    for (const [name, on] of Object.entries(config.electronFuses)) {
      const index = option[name];
      expect(index, name).toBeDefined();
      expect(wire[index as FuseV1Options], name).toBe(on ? FUSE_ON : FUSE_OFF);
    }
  });

  it("passes electron-builder's deb check: a maintainer with an e-mail and a homepage", () => {
    expect(debCheck).toEqual({
      meta: {
        name: 'support-console',
        maintainer: 'Support Console team <support@example.ch>',
        url: 'https://example.ch/support-console',
        vendor: 'Support Console team <support@example.ch>',
      },
    });
  });
});
