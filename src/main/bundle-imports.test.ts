/**
 * The built main bundle's imports (out/main, built by vitest's globalSetup
 * when stale): a packaged app carries only `dependencies`, so every package
 * main can load at run time — statically or through a dynamic import — must
 * be one of them (or a Node builtin, or electron). And a start loads only
 * what the first window needs: the heavy modules stay behind dynamic imports.
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_MAIN, PROJECT_ROOT } from './shell/testing/built-main.js';
import { bundleFiles, importsOf, isRelative, packageOf, staticClosure } from './shell/testing/bundle-imports.js';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const mainImports = bundleFiles(join(BUILT_MAIN, '..')).flatMap(importsOf);
const bare = mainImports.filter((i) => !isRelative(i.specifier));

/** Loaded only when a screen or a configuration asks for it (dynamic imports in the sources). */
const LOADED_WHEN_NEEDED = [
  'fastify',
  '@fastify/multipart',
  '@faker-js/faker',
  'pngjs',
  'jpeg-js',
  'date-holidays',
  'libphonenumber-js',
  'file-type',
  'image-size',
  'electron-updater',
  // main's thread needs HTTP only for a direct login; the sync worker has its own.
  'undici',
];

describe('the built main bundle', () => {
  it('imports only Node builtins, electron and packages listed in dependencies', () => {
    const packages = [...new Set(bare.filter((i) => !isBuiltin(i.specifier)).map((i) => packageOf(i.specifier)))];
    expect(packages).toContain('better-sqlite3-multiple-ciphers');
    const missing = packages.filter((p) => p !== 'electron' && !(p in manifest.dependencies));
    expect(
      missing,
      `imported by out/main but not in dependencies (devDependencies: ${
        missing.filter((p) => p in manifest.devDependencies).join(', ') || 'none'
      })`,
    ).toEqual([]);
  });

  it('loads the heavy modules only when first needed, not at start', () => {
    const atStart = new Set(staticClosure(BUILT_MAIN).packages.map(packageOf));
    expect(atStart).toContain('better-sqlite3-multiple-ciphers');
    expect(LOADED_WHEN_NEEDED.filter((p) => atStart.has(p))).toEqual([]);
    // Still in the bundle, behind a dynamic import: the check above looks at the right files.
    const anywhere = new Set(bare.map((i) => packageOf(i.specifier)));
    expect(LOADED_WHEN_NEEDED.filter((p) => !anywhere.has(p))).toEqual([]);
  });
});
