import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCache } from '../db/index.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { categoryCounts } from '../features/tickets/category-counts.js';
import { createSyncEngine } from '../sync/engine.js';
import { EMBEDDED_DEMO_LOGIN, startEmbeddedBackend } from './embedded.js';

describe('the embedded default backend', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sc-embedded-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a new user a full queue on first start, and keeps its data across restarts', async () => {
    const backend = await startEmbeddedBackend(dir);
    expect(new URL(backend.url).hostname).toBe('127.0.0.1');
    const cache = openCache(join(dir, 'cache.sqlite'), { owner: true });
    const firstRun = await backend.checksums();
    const engine = createSyncEngine({
      cache,
      baseUrl: backend.url,
      ...EMBEDDED_DEMO_LOGIN,
      onEvent: () => undefined,
      push: false,
    });
    try {
      await engine.start();
      await engine.pullNow();
      const counts = categoryCounts(cache.reader, 'fr');
      const waiting = counts.reduce((n, c) => n + c.new + c.open + c.pending, 0);
      expect(counts.length).toBeGreaterThanOrEqual(5);
      expect(waiting).toBeGreaterThan(20);
      expect(counts.map((c) => c.name)).toContain('Facturation');
      expect(cacheChecksums(cache)).toEqual(await backend.checksums());
    } finally {
      await engine.stop();
      cache.close();
      await backend.close();
    }
    // Second start: the demo database is reused as it was, not seeded again on top.
    const again = await startEmbeddedBackend(dir);
    try {
      expect(await again.checksums()).toEqual(firstRun);
    } finally {
      await again.close();
    }
  });
});
