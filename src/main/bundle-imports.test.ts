/**
 * The built main bundle's imports (out/main, built by vitest's globalSetup
 * when stale): a packaged app carries only `dependencies`, so every package
 * main can load at run time — statically or through a dynamic import — must
 * be one of them (or a Node builtin, or electron).
 */
import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_MAIN, PROJECT_ROOT } from './shell/testing/built-main.js';
import { bundleFiles, importsOf, isRelative, packageOf } from './shell/testing/bundle-imports.js';

const manifest = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const mainImports = bundleFiles(join(BUILT_MAIN, '..')).flatMap(importsOf);
const bare = mainImports.filter((i) => !isRelative(i.specifier));

describe('the built main bundle', () => {
  it('imports only Node builtins, electron and packages listed in dependencies', () => {
    const packages = [...new Set(bare.filter((i) => !isBuiltin(i.specifier)).map((i) => packageOf(i.specifier)))];
    expect(packages).toContain('better-sqlite3');
    const missing = packages.filter((p) => p !== 'electron' && !(p in manifest.dependencies));
    expect(
      missing,
      `imported by out/main but not in dependencies (devDependencies: ${
        missing.filter((p) => p in manifest.devDependencies).join(', ') || 'none'
      })`,
    ).toEqual([]);
  });
});
