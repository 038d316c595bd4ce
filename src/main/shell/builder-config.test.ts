/**
 * The packaging configuration, checked without packaging (electron-builder
 * cannot run here: it downloads Electron). It must be valid for
 * electron-builder's own schema, and keep the security settings. What the
 * settings produce is checked by packing without Electron, in
 * builder-pack.test.ts.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { PNG } from 'pngjs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url);
const config = parse(readFileSync(new URL('electron-builder.yml', root), 'utf8')) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
  main: string;
  author?: { name?: string; email?: string };
  homepage?: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe('electron-builder.yml', () => {
  it("is valid for electron-builder's schema", () => {
    const schema = JSON.parse(
      readFileSync(new URL('node_modules/app-builder-lib/scheme.json', root), 'utf8'),
    ) as Record<string, unknown>;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
    // The schema is strict enough to catch a misspelt setting.
    expect(validate({ ...config, electronFuses: { runAsNod: false } })).toBe(false);
    expect(validate({ ...config, asarIntegrity: true })).toBe(false);
  });

  it('flips the fuses: no RunAsNode, NODE_OPTIONS or inspect; the app only from an integrity-checked ASAR', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app in an ASAR with its integrity embedded, native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.disableAsarIntegrity).toBe(false);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('rebuilds native modules for Electron at package time, from the runtime dependencies', () => {
    expect(config.npmRebuild).toBe(true);
    expect(pkg.dependencies['better-sqlite3-multiple-ciphers']).toBeDefined();
    expect(pkg.dependencies['electron-updater']).toBeDefined();
    // electron-builder refuses an app whose electron is a runtime dependency.
    expect(pkg.devDependencies.electron).toBeDefined();
    expect(pkg.dependencies.electron).toBeUndefined();
  });

  it('targets Linux AppImage and deb, Windows NSIS and macOS dmg and zip, with the app id and the link scheme', () => {
    expect(config.appId).toBe('ch.support-console.app');
    expect(config).toMatchObject({
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      // electron-updater's MacUpdater downloads only the zip (ERR_UPDATER_ZIP_FILE_NOT_FOUND without it).
      mac: { target: ['dmg', 'zip'], hardenedRuntime: true },
      protocols: [{ schemes: ['support-console'] }],
      publish: [{ provider: 'generic', url: '${env.SUPPORT_CONSOLE_UPDATE_URL}' }],
    });
  });

  it('ships only the build output, not the harness build, tests, source maps or the SQLite module sources', () => {
    // What these patterns let through is checked by packing, in builder-pack.test.ts.
    expect(config.files).toEqual([
      'out/**',
      'package.json',
      '!out/harness{,/**}',
      '!out/**/*.{test,spec}.*',
      '!**/*.map',
      '!node_modules/**/*.{test,spec}.{js,cjs,mjs,ts,mts,cts}',
      '!node_modules/**/__tests__{,/**}',
      '!node_modules/better-sqlite3-multiple-ciphers/{binding.gyp,deps,src}{,/**}',
      '!node_modules/better-sqlite3-multiple-ciphers/build/{Makefile,binding.Makefile,config.gypi,deps,node_gyp_bins,*.target.mk}{,/**}',
      '!node_modules/better-sqlite3-multiple-ciphers/build/Release/{obj,obj.target,.deps,test_extension.node,sqlite3.a}{,/**}',
    ]);
    expect(pkg.main).toBe('out/main/index.js');
  });

  it('names a maintainer with an e-mail and a homepage, which the deb target requires', () => {
    expect(pkg.author?.name).toBeTruthy();
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
  });

  it('has an icon electron-builder can turn into icns and ico (PNG, square, at least 512 px)', () => {
    const icon = PNG.sync.read(readFileSync(new URL('resources/icon.png', root)));
    expect(icon.width).toBe(icon.height);
    expect(icon.width).toBeGreaterThanOrEqual(512);
  });
});
