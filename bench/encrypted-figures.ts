/**
 * The same bootstrap and cache reads on a cache encrypted at rest (the key the
 * app gets from its vault), beside the plain figures of the same run:
 * `sync.initial.encrypted`, `cache.queue.encrypted`, `cache.counts.encrypted`
 * and `cache.search.encrypted`, each with `ratioToPlain`.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCache } from '../src/main/db/index.js';
import { createViewsReader } from '../src/main/db/views-reader.js';
import type { SyncEvent } from '../src/main/sync/events.js';
import { startSyncWorker } from '../src/main/sync/worker.js';
import { measureCacheQueries, readLikeTheConsole } from './cache-figures.js';
import type { CacheQueryP95s } from './cache-figures.js';
import { emit, log } from './stats.js';

export interface PlainFigures {
  /** sync.initial's tickets per second. */
  syncRate: number;
  /** sqlite.insert.limit's rate, sync.initial's goal is stated against it. */
  insertLimit: number;
  queries: CacheQueryP95s;
}

/** Whether the file starts like a plain SQLite database (an encrypted one starts with its salt). */
function plainHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/** `dir`: a userData folder; its cache.sqlite is made there with `key`, so the harness can open it afterwards. */
export async function measureEncrypted(opts: {
  dir: string;
  key: Uint8Array;
  backendUrl: string;
  me: string;
  plain: PlainFigures;
}): Promise<void> {
  const file = join(opts.dir, 'cache.sqlite');
  const { key } = opts;
  const cache = openCache(file, { owner: true, key });
  const marks: Partial<Record<SyncEvent['type'], number>> = {};
  const t0 = performance.now();
  const worker = startSyncWorker({
    dbPath: file,
    cacheKey: key,
    baseUrl: opts.backendUrl,
    login: 'lea',
    password: 'demo',
    settings: { pageSize: 1000 },
  });
  worker.events.subscribe((e) => {
    marks[e.type] ??= performance.now();
  });
  // The main thread reads as the console does while the worker writes, like the plain run (same load on the cores).
  const views = createViewsReader(cache.db);
  let readMaxMs = 0;
  const reads = setInterval(() => {
    const t = performance.now();
    readLikeTheConsole(cache, views, opts.me);
    readMaxMs = Math.max(readMaxMs, performance.now() - t);
  }, 20);
  try {
    await worker.started;
    await until(() => marks['caught-up'] !== undefined || marks.error !== undefined);
    if (marks['caught-up'] === undefined) throw new Error('the encrypted bootstrap failed (see the worker error)');
    const seconds = ((marks['caught-up'] ?? Number.NaN) - t0) / 1000;
    await until(() => marks['search-ready'] !== undefined);
    clearInterval(reads);
    await worker.stop();
    const tickets = (cache.db.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n;
    const rate = tickets / seconds;
    log(`encrypted sync: ${tickets} tickets in ${seconds.toFixed(1)} s; plain header on disk: ${plainHeader(file)}`);
    emit({
      bench: 'sync.initial.encrypted',
      n: tickets,
      seconds,
      perSecond: rate,
      plainBench: 'sync.initial',
      ratioToPlain: rate / opts.plain.syncRate,
      limitBench: 'sqlite.insert.limit',
      ratioToLimit: rate / opts.plain.insertLimit,
      goal: 'under 60 s at >= 0.5 of the full-schema insert rate (sqlite.insert.limit)',
      goalMet: seconds < 60 && rate >= 0.5 * opts.plain.insertLimit,
      searchReadySeconds: ((marks['search-ready'] ?? Number.NaN) - t0) / 1000,
      mainReadMaxMs: readMaxMs,
    });
    measureCacheQueries(cache, opts.me, opts.plain.queries);
  } finally {
    clearInterval(reads);
    await worker.stop();
    cache.close();
  }
}

async function until(predicate: () => boolean): Promise<void> {
  const end = Date.now() + 30 * 60_000;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
