/**
 * `cache.start-check`: what the owner's check of the cache costs at every
 * start (src/main/db/start-check.ts: header against size, schema, the small
 * tables' quick_check), against its bare limit measured in the same run,
 * `cache.quick-check.limit`: `PRAGMA quick_check` of the whole file, which
 * the check replaces at start (and which then runs in a background thread).
 */
import { performance } from 'node:perf_hooks';
import type { Cache } from '../src/main/db/index.js';
import { checkAtStart, FULL_CHECK_MAX_PAGES, fullQuickCheck } from '../src/main/db/start-check.js';
import { emitLatency, log, percentile, sampleMs } from './stats.js';

export function measureStartCheck(cache: Cache, runs = 9, limitRuns = 3): void {
  const file = cache.db.name;
  const pages = cache.db.pragma('page_count', { simple: true }) as number;
  const tickets = cache.db.prepare('SELECT count(*) FROM tickets').pluck().get() as number;
  log(`start check on ${file}: ${pages} pages, ${tickets} tickets`);
  // The check starts by writing the WAL back into the file. What a sync just left there (up to the
  // autocheckpoint's 1,000 pages, fsynced) fell to the first of the nine runs (at 1M: 564 ms against a
  // 2.1 ms median); a start after a clean stop finds the WAL empty. Written back here, untimed, and reported.
  const t0 = performance.now();
  cache.db.pragma('wal_checkpoint(TRUNCATE)');
  const walWriteBackMs = performance.now() - t0;
  const limit = sampleMs(limitRuns, () => {
    const problem = fullQuickCheck(cache.db);
    if (problem !== null) throw new Error(`the benchmark's cache fails quick_check: ${problem}`);
  });
  emitLatency('cache.quick-check.limit', limit, { tickets, pages });
  const check = sampleMs(runs, () => {
    const found = checkAtStart(cache.db, file, FULL_CHECK_MAX_PAGES);
    if (found.problem !== null) throw new Error(`the benchmark's cache fails the start check: ${found.problem}`);
  });
  emitLatency('cache.start-check', check, {
    tickets,
    pages,
    // A file under the threshold gets the full check at start: then the figure is the limit itself.
    full: pages <= FULL_CHECK_MAX_PAGES,
    limitBench: 'cache.quick-check.limit',
    limitP95Ms: percentile(limit, 95),
    walWriteBackMs,
  });
}
