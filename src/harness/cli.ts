/**
 * `npm run start:browser [-- --port N] [--build] [--user-data DIR]`: the
 * console in a browser. Builds what is stale, starts the services (embedded
 * reference backend unless SUPPORT_CONSOLE_BACKEND_URL says otherwise) and
 * the loopback harness, and prints the URL to open (with its token).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createConsoleServices } from '../main/services/index.js';
import { ensureHarnessAssets } from './build.js';
import { startHarness } from './server.js';
import { createHarnessVault } from './vault.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    build: { type: 'boolean', default: false },
    'user-data': { type: 'string', default: join(tmpdir(), 'support-console-harness') },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  throw new Error(`--port must be 0..65535, got ${values.port}`);

const assets = await ensureHarnessAssets({ force: values.build });
// Private from the start: the cache and the logs hold personal data (the services narrow it again).
mkdirSync(values['user-data'], { recursive: true, mode: 0o700 });
const services = await createConsoleServices({
  userDataDir: values['user-data'],
  env: process.env,
  vault: createHarnessVault(values['user-data']),
});
const harness = await startHarness({ services, ...assets, port });

console.log(`\nSupport Console (browser harness), data in ${values['user-data']}`);
console.log(`Open: ${harness.url}\n(loopback only; the token in the fragment is the key: do not share the URL)`);

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  void harness
    .close()
    .then(() => services.stop())
    .finally(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
