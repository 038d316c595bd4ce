/**
 * `npm run dev:browser [-- --port N] [--user-data DIR]`: renderer work
 * without Electron. The renderer is built in watch mode (the renderer
 * section of electron.vite.config.ts, through Vite's watcher: the same
 * bundle `electron-vite build` makes), served by the harness with the real
 * services. The harness reads every file through the app protocol handler
 * at each request, so reloading the page after a rebuild shows it.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveConfig } from 'electron-vite';
import { build } from 'vite';
import type { Rolldown } from 'vite';
import { createConsoleServices } from '../main/services/index.js';
import { ensureHarnessAssets, PROJECT_ROOT } from './build.js';
import { startHarness } from './server.js';
import { createHarnessVault } from './vault.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'user-data': { type: 'string', default: join(tmpdir(), 'support-console-harness') },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`--port must be 0..65535, got ${values.port}`);

const assets = await ensureHarnessAssets();
// Private from the start: the cache and the logs hold personal data (the services narrow it again).
mkdirSync(values['user-data'], { recursive: true, mode: 0o700 });
const services = await createConsoleServices({
  userDataDir: values['user-data'],
  env: process.env,
  vault: createHarnessVault(values['user-data']),
});
const harness = await startHarness({ services, ...assets, port });

const resolved = await resolveConfig({ root: PROJECT_ROOT }, 'build', 'production');
const renderer = resolved.config?.renderer;
if (renderer === undefined) throw new Error('electron.vite.config.ts has no renderer section');
const watcher = (await build({
  ...renderer,
  logLevel: 'warn',
  build: { ...renderer.build, watch: {} },
})) as Rolldown.RolldownWatcher;

watcher.on('event', (event) => {
  if (event.code === 'ERROR') console.error('[dev:browser] build failed:', event.error.message);
  if (event.code === 'BUNDLE_END') void event.result.close();
  if (event.code === 'END')
    console.log(`[dev:browser] ${new Date().toLocaleTimeString()} renderer rebuilt: reload the page`);
});

console.log(`\nSupport Console (browser harness, watching src/renderer), data in ${values['user-data']}`);
console.log(`Open: ${harness.url}\n(loopback only; the token in the fragment is the key: do not share the URL)`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void watcher
    .close()
    .then(() => harness.close())
    .then(() => services.stop())
    .finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
