/**
 * `npm run bench:ui [-- --n 1000000] [--keep]`: the console's `ui.*` figures
 * on their own (bench/ui-figures.ts). Prepares a cache of n tickets the fast
 * way — the reference backend seeded in its own process, then one full sync
 * into a userData folder by the sync worker, search index included (a
 * half-built index would load the CPU during the measurements) — and hands
 * it to the browser harness. `npm run bench` reuses its own backend and
 * cache for the same figures instead (bench/run.ts).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createHarnessVault } from '../src/harness/vault.js';
import { openCache } from '../src/main/db/index.js';
import { startSyncWorker } from '../src/main/sync/worker.js';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import { log } from './stats.js';
import { measureUiFigures } from './ui-figures.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
    reloads: { type: 'string', default: '10' },
    actions: { type: 'string', default: '60' },
    // A folder an earlier `--dir` run prepared: its backend database and synced cache are reused (and kept),
    // so the figures can be measured again without seeding and syncing 1M tickets each time.
    dir: { type: 'string' },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1000) throw new Error('--n must be an integer >= 1000');

const dir = values.dir ?? mkdtempSync(join(tmpdir(), 'sc-bench-ui-'));
const keep = values.keep || values.dir !== undefined;
const userDataDir = join(dir, 'userdata');
const cacheFile = join(userDataDir, 'cache.sqlite');
const reuse = existsSync(join(dir, 'server.sqlite')) && existsSync(cacheFile) && existsSync(join(dir, 'backend-url'));
mkdirSync(userDataDir, { recursive: true });

log(reuse ? `reusing ${dir}` : `workdir ${dir}; seeding the backend with ${n} tickets…`);
let t0 = performance.now();
const backend = await startBackendProcess(
  [
    ...['--db', join(dir, 'server.sqlite'), '--heartbeat-ms', '5000'],
    // The cache belongs to the backend at this URL (a different one would make the console start over): same port.
    ...(reuse ? ['--port', new URL(readFileSync(join(dir, 'backend-url'), 'utf8')).port] : []),
    ...(reuse ? [] : ['--seed', '1', '--tickets', String(n), '--accounts', String(Math.max(300, Math.round(n / 5)))]),
  ],
  60 * 60_000,
);

writeFileSync(join(dir, 'backend-url'), backend.url);
try {
  if (!reuse) await prepareCache();
  await measureUiFigures({
    n,
    backendUrl: backend.url,
    userDataDir,
    reloads: Number(values.reloads),
    actions: Number(values.actions),
  });
} finally {
  await backend.stop();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

async function prepareCache(): Promise<void> {
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s; syncing into ${userDataDir}…`);
  t0 = performance.now();
  // The owner connection creates the schema; the worker (the single writer) needs it in place (db/README.md).
  // Encrypted with the key the harness will find in this folder (src/harness/vault.ts), as the app keeps it.
  const key = await createHarnessVault(userDataDir).cacheKey();
  const cache = openCache(cacheFile, { owner: true, key });
  const worker = startSyncWorker({
    dbPath: cacheFile,
    cacheKey: key,
    baseUrl: backend.url,
    login: 'lea',
    password: 'demo',
    settings: { pageSize: 1000 },
  });
  const searchReady = new Promise<void>((resolve) => {
    worker.events.subscribe((e) => {
      if (e.type === 'search-ready') resolve();
    });
  });
  await worker.started;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error('the sync was not search-ready within 30 min'));
    }, 30 * 60_000);
  });
  await Promise.race([searchReady, timeout]).finally(() => {
    clearTimeout(timer);
  });
  await worker.stop();
  cache.close();
  log(`cache synced and search-ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
