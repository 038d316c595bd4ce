/**
 * Builds what the harness serves, only when its sources changed: the
 * renderer (electron-vite build → out/renderer, the same bundle Electron
 * loads) and the harness's own browser script (src/harness/browser-api.ts →
 * out/harness/browser-api.js, a Vite library build: it never enters the
 * renderer bundle, so the Electron app cannot carry it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HarnessAssets {
  rendererDir: string;
  browserApiFile: string;
}

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
  const browserApiFile = join(root, 'out/harness/browser-api.js');
  ensureAppBuild(opts);
  const apiInputs = ['src/harness/browser-api.ts', 'src/shared'].map((p) => join(root, p));
  if (opts.force === true || stale(browserApiFile, apiInputs)) {
    const { build } = await import('vite');
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: join(root, 'out/harness'),
        emptyOutDir: true,
        minify: true,
        lib: { entry: join(root, 'src/harness/browser-api.ts'), formats: ['es'], fileName: () => 'browser-api.js' },
      },
    });
  }
  return { rendererDir, browserApiFile };
}
