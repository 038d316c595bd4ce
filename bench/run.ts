/**
 * `npm run bench [-- --n 1000000]`: the foundation's speed figures, one JSON
 * line each on stdout (progress goes to stderr). Every figure is printed with
 * the bare limit measured in the same run, so results compare as ratios on
 * a shared, noisy machine. See bench/README.md.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { openCache } from '../src/main/db/index.js';
import type { Cache } from '../src/main/db/index.js';
import { TABLES } from '../src/main/db/schema-map.js';
import { createViewsReader } from '../src/main/db/views-reader.js';
import { createSyncEngine } from '../src/main/sync/engine.js';
import { startSyncWorker } from '../src/main/sync/worker.js';
import type { SyncEvent } from '../src/main/sync/events.js';
import { ENTITY_KINDS } from '../src/shared/entities.js';
import { measureAppStart } from './app-start-figures.js';
import { startBackendProcess } from '../src/server/testing/backend-process.js';
import { measureCacheQueries, measureInserts, readLikeTheConsole } from './cache-figures.js';
import { measureStartCheck } from './start-check-figures.js';
import { ALONE_FIGURES, measureStartCheckAlone } from './start-check-alone.js';
import { measureEncrypted } from './encrypted-figures.js';
import { createHarnessVault } from '../src/harness/vault.js';
import { emit, emitLatency, log, percentile } from './stats.js';
import { measureUiFigures } from './ui-figures.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '1000000' },
    keep: { type: 'boolean', default: false },
    'skip-ui': { type: 'boolean', default: false },
    'skip-start': { type: 'boolean', default: false },
    'skip-encrypted': { type: 'boolean', default: false },
    'start-runs': { type: 'string', default: '7' },
    cache: { type: 'string' },
    me: { type: 'string', default: 'ag-lea' },
    only: { type: 'string' },
  },
});
const n = Number(values.n);
if (!Number.isInteger(n) || n < 1000) throw new Error('--n must be an integer >= 1000');
// --only FIGURE: that figure (and its bare limit) alone, on a backend and cache of --n tickets (bench/start-check-alone.ts).
const only = values.only;
if (only !== undefined && !(ALONE_FIGURES as readonly string[]).includes(only))
  throw new Error(`--only ${only}: can be one of ${ALONE_FIGURES.join(', ')}`);

// --cache FILE: the cache.* figures alone, on a cache an earlier run kept (--keep), without seeding or syncing:
// a read path's change is measured again in a minute instead of ten. The file is opened as the app opens it,
// so pending migrations run first (and are timed): copy it first to keep the original for an A/B.
if (values.cache !== undefined) {
  if (!existsSync(values.cache)) throw new Error(`--cache ${values.cache}: no such file`);
  const t = performance.now();
  const kept = openCache(values.cache, { owner: true });
  log(`opened ${values.cache} (migrations included) in ${(performance.now() - t).toFixed(0)} ms`);
  try {
    measureCacheQueries(kept, values.me);
    measureStartCheck(kept);
  } finally {
    kept.close();
  }
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'sc-bench-'));
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

// The app.start figures first (bench/app-start-figures.ts): their own small backend, before the large one loads the machine.
if (!values['skip-start'] && only === undefined) await measureAppStart({ dir, runs: Number(values['start-runs']) });

log(`workdir ${dir}; seeding the backend with ${n} tickets (not timed as sync)…`);
let t0 = performance.now();
const backend = await startBackendProcess(
  [
    ...['--db', join(dir, 'server.sqlite'), '--seed', '1', '--tickets', String(n)],
    ...['--accounts', String(Math.max(300, Math.round(n / 5))), '--test-endpoints', '--heartbeat-ms', '5000'],
  ],
  60 * 60_000,
);
emit({ bench: 'seed.backend', n, seconds: seconds(t0), perSecond: n / seconds(t0) });

if (only !== undefined) {
  try {
    await measureStartCheckAlone({ dir, backendUrl: backend.url });
  } finally {
    await backend.stop();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}

const { token, agentId } = await login(backend.url);

try {
  // Bare limit for network figures: an authenticated round trip on loopback.
  const rtt: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t = performance.now();
    const res = await fetch(`${backend.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    rtt.push(performance.now() - t);
  }
  emitLatency('http.roundtrip.limit', rtt);
  const rttP95 = percentile(rtt, 95);

  // sync.initial: a full bootstrap over HTTP into an empty cache, run as the app runs it: the engine in
  // its worker thread, while this (main) thread keeps reading the cache the way the UI does.
  const cacheFile = join(dir, 'cache.sqlite');
  const cache = openCache(cacheFile, { owner: true });
  const marks: Partial<Record<SyncEvent['type'], number>> = {};
  const listeners = new Set<(e: SyncEvent) => void>();
  // The bootstrap's own split (waiting on the backend, parsing, writing, index builds): its first pull-stats.
  let initialStats: Extract<SyncEvent, { type: 'pull-stats' }> | null = null;
  const onEvent = (e: SyncEvent): void => {
    marks[e.type] ??= performance.now();
    if (e.type === 'pull-stats') initialStats ??= e;
    for (const l of listeners) l(e);
  };
  t0 = performance.now();
  const worker = startSyncWorker({
    dbPath: cacheFile,
    baseUrl: backend.url,
    login: 'lea',
    password: 'demo',
    settings: { pageSize: 1000 },
  });
  worker.events.subscribe(onEvent);
  const mainReads = sampleMainThreadReads(cache, agentId);
  await worker.started;
  await waitFor(() => marks['caught-up'] !== undefined, 30 * 60_000);
  const initialSeconds = (marks['caught-up'] ?? Number.NaN) / 1000 - t0 / 1000;
  await waitFor(() => marks['search-ready'] !== undefined, 30 * 60_000);
  const searchSeconds = (marks['search-ready'] ?? Number.NaN) / 1000 - t0 / 1000;
  const readSamples = mainReads.stop();
  emitLatency('main.read-during-sync', readSamples, {
    maxMs: Math.max(...readSamples),
    goal: 'no main-thread read over 16 ms',
    goalMet: Math.max(...readSamples) <= 16,
  });

  const ticketCount = countRows(cache, 'tickets');
  const records = ENTITY_KINDS.reduce((a, kind) => a + countRows(cache, TABLES[kind].table), 0);
  log(`initial sync: ${ticketCount} tickets, ${records} records in ${initialSeconds.toFixed(1)} s`);

  // sync.push: a change on the backend, until the main thread reads it from the cache.
  const pushSamples = await measurePush(backend.url, cache, listeners);
  await worker.stop();

  const inserts = measureInserts(cache, join(dir, 'bare.sqlite'), join(dir, 'schema.sqlite'));
  const syncRate = ticketCount / initialSeconds;
  emit({
    bench: 'sync.initial',
    n: ticketCount,
    seconds: initialSeconds,
    perSecond: syncRate,
    records,
    recordsPerSecond: records / initialSeconds,
    limitBench: 'sqlite.insert.limit',
    ratioToLimit: syncRate / inserts.limit,
    bareBench: 'sqlite.insert.bare',
    ratioToBare: syncRate / inserts.bare,
    goal: 'under 60 s at >= 0.5 of the full-schema insert rate (sqlite.insert.limit)',
    goalMet: initialSeconds < 60 && syncRate >= 0.5 * inserts.limit,
    pullStats: initialStats,
  });
  const urgentSeconds = ((marks['urgent-ready'] ?? Number.NaN) - t0) / 1000;
  const urgentTickets = cache.reader
    .counts()
    .reduce((a, c) => a + (c.status === 'closed' || c.status === 'solved' ? 0 : c.n), 0);
  emit({
    bench: 'sync.urgent-ready',
    n: urgentTickets,
    seconds: urgentSeconds,
    perSecond: urgentTickets / urgentSeconds,
    goal: 'under 20 s',
    goalMet: urgentSeconds < 20,
  });
  emit({
    bench: 'sync.search-ready',
    n: ticketCount,
    seconds: searchSeconds,
    perSecond: ticketCount / searchSeconds,
    goal: 'under 120 s',
    goalMet: searchSeconds < 120,
  });
  emitLatency('sync.push', pushSamples, { limitBench: 'http.roundtrip.limit', limitP95Ms: rttP95, goalP95Ms: 250 });

  const plainQueries = measureCacheQueries(cache, agentId);
  measureStartCheck(cache);

  // sync.delta: 10,000 changes made on the backend, pulled on top of the full cache (push off: one timed pull).
  const engine = createSyncEngine({
    cache,
    baseUrl: backend.url,
    login: 'lea',
    password: 'demo',
    onEvent,
    push: false,
    pageSize: 1000,
  });
  await engine.start();
  await engine.pullNow();
  const deltaN = 10_000;
  await post(backend.url, '/v1/_test/tickets/bulk-update', { count: deltaN });
  let deltaStats: Extract<SyncEvent, { type: 'pull-stats' }> | null = null;
  const keepStats = (e: SyncEvent): void => {
    if (e.type === 'pull-stats') deltaStats = e;
  };
  listeners.add(keepStats);
  const deltaT0 = performance.now();
  await engine.pullNow();
  const deltaSeconds = seconds(deltaT0);
  listeners.delete(keepStats);
  emit({
    bench: 'sync.delta',
    n: deltaN,
    seconds: deltaSeconds,
    perSecond: deltaN / deltaSeconds,
    limitBench: 'sqlite.insert.limit',
    limitSeconds: deltaN / inserts.limit,
    goal: 'under 1 s',
    goalMet: deltaSeconds < 1,
    // Where the time went: waiting on the backend, parsing/validating, writing.
    pullStats: deltaStats,
  });
  await engine.stop();
  cache.close();

  // The same bootstrap and reads into a cache encrypted at rest (as the app keeps it), beside the plain ones; in
  // its own userData folder with the harness's key, so the ui.* figures below run on it as the app would.
  const encryptedDir = join(dir, 'encrypted');
  if (!values['skip-encrypted']) {
    mkdirSync(encryptedDir, { mode: 0o700 });
    await measureEncrypted({
      dir: encryptedDir,
      key: await createHarnessVault(encryptedDir).cacheKey(),
      backendUrl: backend.url,
      me: agentId,
      plain: { syncRate, insertLimit: inserts.limit, queries: plainQueries },
    });
  }

  // The ui.* figures (bench/ui-figures.ts) on this backend and this synced cache: preparing 1M tickets twice would
  // double the run. `npm run bench:ui` prepares its own for a run of those figures alone.
  if (!values['skip-ui'])
    await measureUiFigures({ n, backendUrl: backend.url, userDataDir: values['skip-encrypted'] ? dir : encryptedDir });
} finally {
  await backend.stop();
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

async function login(url: string): Promise<{ token: string; agentId: string }> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'lea', password: 'demo' }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status}`);
  const body = (await res.json()) as { token: string; agent: { id: string } };
  return { token: body.token, agentId: body.agent.id };
}

async function post(url: string, path: string, body: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function countRows(cache: Cache, table: string): number {
  return (cache.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

async function measurePush(url: string, cache: Cache, listeners: Set<(e: SyncEvent) => void>): Promise<number[]> {
  const ids = cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' LIMIT 60").pluck().all() as string[];
  const samples: number[] = [];
  for (const [i, id] of ids.entries()) {
    const before = cache.reader.getRecord('ticket', id)?.version ?? 0;
    const seen = new Promise<void>((resolve) => {
      const check = (): void => {
        if ((cache.reader.getRecord('ticket', id)?.version ?? 0) > before) {
          listeners.delete(onChange);
          resolve();
        }
      };
      const onChange = (e: SyncEvent): void => {
        if (e.type === 'changed') check();
      };
      listeners.add(onChange);
    });
    const t = performance.now();
    await post(url, `/v1/_test/tickets/${id}`, { subject: `push probe ${i}` }, 'PATCH');
    await Promise.race([seen, sleep(5000)]);
    samples.push(performance.now() - t);
    await sleep(20);
  }
  return samples;
}

/** The reads the console makes on each change (bench/cache-figures.ts), timed on this thread every 20 ms until stopped. */
function sampleMainThreadReads(cache: Cache, me: string): { stop(): number[] } {
  const samples: number[] = [];
  const views = createViewsReader(cache.db);
  const timer = setInterval(() => {
    const t = performance.now();
    readLikeTheConsole(cache, views, me);
    samples.push(performance.now() - t);
  }, 20);
  return {
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(10);
  }
}
