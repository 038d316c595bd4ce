/**
 * `npm run bench -- --only cache.start-check`: the start check and its bare
 * limit alone, at the size asked (`--n`). A cache has to exist at that size,
 * so the backend is seeded and the cache synced as in the full run (the
 * worker, to search-ready: the search index is part of what a full
 * quick_check reads), then only bench/start-check-figures.ts runs: no
 * read-during-sync sampling, no query, push, delta, encrypted or ui figures.
 */
import { join } from 'node:path';
import { openCache } from '../src/main/db/index.js';
import type { SyncEvent } from '../src/main/sync/events.js';
import { startSyncWorker } from '../src/main/sync/worker.js';
import { measureStartCheck } from './start-check-figures.js';
import { log } from './stats.js';

/** The figures `--only` can pick: those that need a synced cache and nothing else. */
export const ALONE_FIGURES = ['cache.start-check'] as const;

export async function measureStartCheckAlone(o: { dir: string; backendUrl: string }): Promise<void> {
  const cacheFile = join(o.dir, 'cache.sqlite');
  const cache = openCache(cacheFile, { owner: true });
  try {
    // An object: TypeScript does not see the event listener below changing plain variables.
    const seen: { searchReady: boolean; failure: string | null } = { searchReady: false, failure: null };
    const worker = startSyncWorker({
      dbPath: cacheFile,
      baseUrl: o.backendUrl,
      login: 'lea',
      password: 'demo',
      settings: { pageSize: 1000 },
    });
    worker.events.subscribe((e: SyncEvent) => {
      if (e.type === 'search-ready') seen.searchReady = true;
      if (e.type === 'cache-damaged' || e.type === 'storage') seen.failure = JSON.stringify(e);
    });
    const t0 = performance.now();
    await worker.started;
    // Bounded like the full run's bootstrap (30 min); a storage failure ends it at once.
    while (!seen.searchReady && seen.failure === null) {
      if (performance.now() - t0 > 30 * 60_000) throw new Error('the cache did not reach search-ready in 30 min');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    if (seen.failure !== null) throw new Error(`the sync failed: ${seen.failure}`);
    log(`cache synced to search-ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    measureStartCheck(cache);
  } finally {
    cache.close();
  }
}
