/**
 * Builds what the harness serves, only when its sources changed: the app
 * (electron-vite build → out/renderer and out/preload, the very files
 * Electron loads) and the harness's stand-in for Electron's sandbox
 * (src/harness/preload-shim.ts → out/harness/preload-shim.js, a Vite library
 * build: it never enters the app's bundles, so the Electron app cannot carry it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HarnessAssets {
  /** The built renderer (out/renderer), served by the app's own protocol handler. */
  rendererDir: string;
  /** The built preload (out/preload/index.cjs), run in the page before the renderer. */
  preloadFile: string;
  /** The bundled src/harness/preload-shim.ts: `require('electron')` for that preload. */
  preloadShimFile: string;
}

/** The name the shim's bundle binds (inside the served script's own function scope: no global). */
export const PRELOAD_SHIM_NAME = 'supportConsolePreloadShim';

/** Newest modification time under `paths` (files or folders), 0 when none exist. */
function newest(paths: readonly string[]): number {
  let latest = 0;
  const visit = (p: string): void => {
    if (!existsSync(p)) return;
    const st = statSync(p);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(join(p, name));
    else latest = Math.max(latest, st.mtimeMs);
  };
  for (const p of paths) visit(p);
  return latest;
}

const stale = (output: string, inputs: readonly string[]): boolean =>
  !existsSync(output) || statSync(output).mtimeMs < newest(inputs);

/**
 * `electron-vite build` (main, preload, renderer into out/) when any source
 * it bundles is newer than what out/ holds. The built app is what the tests
 * run (the preload in its sandbox, main with the electron fake, the renderer
 * in Chromium), so a test never runs yesterday's build.
 */
export function ensureAppBuild(opts: { root?: string; force?: boolean } = {}): void {
  const root = opts.root ?? PROJECT_ROOT;
  const inputs = [
    'src/main',
    'src/preload',
    'src/renderer',
    'src/shared',
    // The embedded reference backend is bundled into main (src/main/backend/embedded.ts).
    'src/server',
    'electron.vite.config.ts',
    'package.json',
  ].map((p) => join(root, p));
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map((p) => join(root, p));
  if (opts.force === true || outputs.some((output) => stale(output, inputs))) {
    console.log('[build] building the app (electron-vite build)…');
    execFileSync(join(root, 'node_modules/.bin/electron-vite'), ['build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
}

export async function ensureHarnessAssets(opts: { root?: string; force?: boolean } = {}): Promise<HarnessAssets> {
  const root = opts.root ?? PROJECT_ROOT;
  const rendererDir = join(root, 'out/renderer');
  const preloadFile = join(root, 'out/preload/index.cjs');
  const preloadShimFile = join(root, 'out/harness/preload-shim.js');
  ensureAppBuild(opts);
  const shimInputs = ['src/harness/preload-shim.ts', 'package.json'].map((p) => join(root, p));
  if (opts.force === true || stale(preloadShimFile, shimInputs)) {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: join(root, 'out/harness'),
        emptyOutDir: true,
        minify: true,
        // A classic script (it runs before the renderer's module, like a preload): an IIFE bound to one name.
        lib: {
          entry: join(root, 'src/harness/preload-shim.ts'),
          formats: ['iife'],
          name: PRELOAD_SHIM_NAME,
          fileName: () => 'preload-shim.js',
        },
      },
    });
  }
  return { rendererDir, preloadFile, preloadShimFile };
}
