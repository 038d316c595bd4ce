import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { TICKET_STATUSES } from '../../shared/entities.js';
import type { Ticket } from '../../shared/entities.js';
import { HIGHLIGHT_START } from '../../shared/ipc.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { queueWindow } from '../db/test-fixtures.js';
import { HttpStatusError, login } from './http.js';
import { backendOptions, DEMO_LOGIN, engineFor, FAST_RETRY, waitFor } from './test-support.js';

let backend: ReferenceBackend;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(3000));
});
afterAll(async () => {
  await backend.close();
});

/** A bootstrap reads its pages on the writer's thread or, past a threshold of records to go, in the feed-reader thread. */
const FEEDS = [
  { feed: 'pages read on the writer thread', readAheadThreshold: Infinity },
  { feed: 'pages read ahead in the feed-reader thread', readAheadThreshold: 0 },
];

describe('sync against the reference backend', () => {
  it('logs in, and does not retry a wrong password', async () => {
    const ok = await login(backend.url, DEMO_LOGIN.login, DEMO_LOGIN.password);
    expect(ok.token.length).toBeGreaterThanOrEqual(16);
    expect(ok.agent.roles).toContain('verifier');
    let retries = 0;
    const refused = login(backend.url, DEMO_LOGIN.login, 'wrong', { retry: FAST_RETRY, onRetry: () => (retries += 1) });
    await expect(refused).rejects.toBeInstanceOf(HttpStatusError);
    await expect(refused).rejects.toMatchObject({ status: 401 });
    expect(retries).toBe(0);
  });

  it.each(FEEDS)('bootstraps to exactly the server state, urgent first, then indexes search ($feed)', async (f) => {
    // A low bulk-load threshold so the history phase runs without the full queue indexes, as at 1M tickets.
    const t = engineFor(backend, {
      pageSize: 200,
      pagesPerCommit: 4,
      bulkLoadThreshold: 500,
      readAheadThreshold: f.readAheadThreshold,
    });
    try {
      const started = performance.now();
      await t.engine.pullNow();
      const ms = performance.now() - started;
      expect(cacheChecksums(t.cache)).toEqual(await backend.checksums());
      expect(t.cache.reader.syncState().phase).toBe('live');
      expect(t.cache.writer.isBulkLoading()).toBe(false);
      const stats = t.events.find((e) => e.type === 'pull-stats');
      expect(stats?.type === 'pull-stats' && stats.indexMs > 0).toBe(true);
      const grouped = t.cache.db
        .prepare('SELECT category_id AS categoryId, status, count(*) AS n FROM tickets GROUP BY 1, 2 ORDER BY 1, 2')
        .all();
      expect(t.cache.reader.counts()).toEqual(grouped);

      const types = t.events.map((e) => e.type);
      expect(types.indexOf('urgent-ready')).toBeGreaterThan(-1);
      expect(types.indexOf('urgent-ready')).toBeLessThan(types.indexOf('caught-up'));
      // urgent-ready comes after every urgent page was applied, before any history page.
      const progress = t.events.filter((e) => e.type === 'progress');
      const firstHistory = t.events.findIndex((e) => e.type === 'progress' && e.phase === 'history');
      const lastUrgent = t.events.findLastIndex((e) => e.type === 'progress' && e.phase === 'urgent');
      expect(lastUrgent).toBeLessThan(types.indexOf('urgent-ready'));
      expect(firstHistory).toBeGreaterThan(types.indexOf('urgent-ready'));
      expect(progress.length).toBeGreaterThan(3);
      console.log(`bootstrap of ${(await backend.checksums()).ticket.count} tickets: ${Math.round(ms)} ms`);

      // A second pull is a no-op that still reaches the head.
      await t.engine.pullNow();
      expect(cacheChecksums(t.cache)).toEqual(await backend.checksums());

      // Search: a word from some ticket's body, once the background indexer is done.
      await t.engine.indexSearch();
      expect(t.events.some((e) => e.type === 'search-ready')).toBe(true);
      const page = queueWindow(t.cache, { statuses: [...TICKET_STATUSES], limit: 1 });
      const ticket = t.cache.reader.getRecord('ticket', page.rows[0]?.id ?? '') as Ticket;
      const word = ticket.body.split(/[^\p{L}]+/u).find((w) => w.length >= 6) ?? ticket.body.slice(0, 5);
      const found = queueWindow(t.cache, { search: word, statuses: [...TICKET_STATUSES], limit: 500 });
      expect(found.searchComplete).toBe(true);
      expect(found.rows.length).toBeGreaterThan(0);
      expect(found.rows.every((r) => r.snippet?.includes(HIGHLIGHT_START))).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('keeps an invalid record aside, moves the cursor past it, and clears it on a later valid version', async () => {
    const t = engineFor(backend, { pageSize: 500 });
    try {
      await t.engine.pullNow();
      const victim = queueWindow(t.cache, { statuses: ['new', 'open'], limit: 1 }).rows[0];
      if (victim === undefined) throw new Error('no open ticket');
      const good = await backend.admin.get('ticket', victim.id);
      if (good === undefined) throw new Error('ticket missing on the server');
      const neighbour = await backend.admin.updateTicket(
        queueWindow(t.cache, { statuses: ['pending'], limit: 1 }).rows[0]?.id ?? '',
        { priority: 'high' },
      );
      const bad = { ...good, version: good.version + 1, status: 'exploded', requesterEmail: 'not-an-email' };
      await backend.admin.writeUnchecked('ticket', good.id, bad);
      const after = await backend.admin.updateTicket(neighbour.id, { priority: 'urgent' });

      await t.engine.pullNow();
      // The valid changes around it were applied...
      expect(t.cache.reader.getRecord('ticket', neighbour.id)).toEqual(after);
      // ...the bad one is kept aside with its reason and raw data, and the cache keeps the last good version.
      const problems = t.cache.reader.problems();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ kind: 'ticket', id: good.id, version: good.version + 1 });
      expect(problems[0]?.reason).toMatch(/status/);
      expect(problems[0]?.raw).toMatchObject({ data: bad });
      expect(t.events).toContainEqual(expect.objectContaining({ type: 'problem', id: good.id }));
      expect(t.cache.reader.getRecord('ticket', good.id)).toEqual(good);
      // The cursor moved past it: the cache is at the server's head.
      expect(t.cache.reader.syncState().cursor).toBe(await backend.admin.head());

      const fixed = { ...good, version: good.version + 2, status: 'open' as const };
      await backend.admin.writeUnchecked('ticket', good.id, fixed);
      await t.engine.pullNow();
      expect(t.cache.reader.problems()).toEqual([]);
      expect(t.cache.reader.getRecord('ticket', good.id)).toEqual(fixed);
      expect(cacheChecksums(t.cache)).toEqual(await backend.checksums());
    } finally {
      await t.close();
    }
  });

  it('keeps the pages it applied when the backend fails for good halfway through a read-ahead bootstrap', async () => {
    const t = engineFor(backend, { pageSize: 50, pagesPerCommit: 2, readAheadThreshold: 0 });
    try {
      const first = t.engine.pullNow();
      // Once some pages are committed, every answer becomes a 5xx: the reader's retries give up.
      await waitFor(() => t.events.some((e) => e.type === 'progress'), 10_000);
      backend.setFaults({ errorRate: 1 });
      await expect(first).rejects.toThrow(/HTTP 5\d\d/);
      const kept = t.cache.reader.syncState().cursor;
      const keptRecords = Object.values(cacheChecksums(t.cache)).reduce((n, c) => n + c.count, 0);
      const all = Object.values(await backend.checksums()).reduce((n, c) => n + c.count, 0);
      expect(kept).not.toBeNull();
      expect(keptRecords).toBeGreaterThan(0);
      expect(keptRecords).toBeLessThan(all);

      backend.setFaults({ errorRate: 0 });
      await t.engine.pullNow();
      expect(cacheChecksums(t.cache)).toEqual(await backend.checksums());
      expect(t.cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      backend.setFaults({ errorRate: 0 });
      await t.close();
    }
  });

  it.each(FEEDS)(
    'converges to the exact server state through errors, drops, truncations and latency ($feed)',
    async (f) => {
      const t = engineFor(backend, { pageSize: 150, pagesPerCommit: 3, readAheadThreshold: f.readAheadThreshold });
      try {
        backend.setFaults({ errorRate: 0.2, dropRate: 0.1, truncateRate: 0.15, latencyMs: 3, seed: 11 });
        // The engine's own timer retries after a failed pull; here the test drives the retries, bounded.
        let failures = 0;
        for (let round = 0; round < 20; round++) {
          try {
            await t.engine.pullNow();
            break;
          } catch {
            failures += 1;
          }
        }
        backend.setFaults({ errorRate: 0, dropRate: 0, truncateRate: 0, latencyMs: 0 });
        expect(cacheChecksums(t.cache)).toEqual(await backend.checksums());
        expect(failures).toBeLessThan(20);
        // The faults really happened: requests were retried (or whole pulls failed and were redone).
        const retried = t.events.reduce((n, e) => n + (e.type === 'pull-stats' ? e.retries : 0), 0);
        console.log(`faults: ${retried} retried requests, ${failures} failed pulls`);
        expect(retried + failures).toBeGreaterThan(5);
      } finally {
        backend.setFaults({ errorRate: 0, dropRate: 0, truncateRate: 0, latencyMs: 0 });
        await t.close();
      }
    },
  );
});
