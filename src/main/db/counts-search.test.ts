import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../shared/entities.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/ipc.js';
import type { QueueWindowQuery } from '../../shared/ipc.js';
import { makeTicket, queueWindow, tempDir, upsertTicket } from './test-fixtures.js';
import { SEARCH_CAP } from './views.js';

let cache: Cache;
beforeEach(() => {
  cache = openCache(path.join(tempDir('cs'), 'cache.db'));
});
afterEach(() => {
  cache.close();
});

/** Small deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random inserts, updates (status, category, assignee, level, channel, phone), stale repeats and deletes. */
function randomWorkload(seed: number, rounds: number, apply: (changes: ValidChange[], round: number) => void): void {
  const rnd = prng(seed);
  const versions = new Map<number, number>();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  for (let round = 0; round < rounds; round++) {
    const changes: ValidChange[] = [];
    for (let i = 0; i < 50; i++) {
      const n = Math.floor(rnd() * 400);
      const roll = rnd();
      if (roll < 0.15) {
        changes.push({ op: 'delete', kind: 'ticket', id: makeTicket(n).id });
        versions.delete(n);
        continue;
      }
      // Sometimes replay an old version: the guard must keep counts right too.
      const current = versions.get(n) ?? 0;
      const version = roll < 0.25 && current > 1 ? current - 1 : current + 1;
      if (version > current) versions.set(n, version);
      changes.push(
        upsertTicket(
          makeTicket(n, {
            version,
            status: pick(TICKET_STATUSES),
            categoryId: `C${Math.floor(rnd() * 5)}`,
            assigneeId: pick([null, 'G1', 'G2']),
            level: pick([1, 2]),
            channel: pick(['portal', 'chat', 'email'] as const),
            callbackPhone: pick([null, '+41441234567']),
          }),
        ),
      );
    }
    apply(changes, round);
  }
}

function expectCountsExact(c: Cache): void {
  const grouped = c.db
    .prepare('SELECT category_id AS categoryId, status, count(*) AS n FROM tickets GROUP BY 1, 2 ORDER BY 1, 2')
    .all();
  expect(c.reader.counts().filter((r) => r.n !== 0)).toEqual(grouped);
  expect(grouped.length).toBeGreaterThan(10);
  const facets = c.db
    .prepare(
      'SELECT category_id, status, assignee_id, level, callback, chat, n FROM ticket_facets WHERE n <> 0 ORDER BY 1, 2, 3, 4, 5, 6',
    )
    .all();
  const facetsGrouped = c.db
    .prepare(
      "SELECT category_id, status, coalesce(assignee_id, '') AS assignee_id, level, callback_phone IS NOT NULL AS callback, channel = 'chat' AS chat, count(*) AS n FROM tickets GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6",
    )
    .all();
  expect(facets).toEqual(facetsGrouped);
}

describe('ticket counts', () => {
  it('stay equal to a GROUP BY through random inserts, updates, stale repeats and deletes', () => {
    randomWorkload(42, 40, (changes, round) => cache.writer.applyChanges(changes, [], `c${round}`, 'live'));
    expectCountsExact(cache);
  });

  it('stay exact through a bulk load without the insert triggers, across a restart in the middle', () => {
    const file = cache.db.name;
    cache.writer.beginBulkLoad('history');
    randomWorkload(7, 40, (changes, round) => {
      if (round === 20) {
        // The worker restarts mid-load (crash or quit): a new writer finds the load under way and counts on.
        cache.close();
        cache = openCache(file);
        expect(cache.writer.isBulkLoading()).toBe(true);
      }
      cache.writer.applyChanges(changes, [], `c${round}`, 'history');
    });
    cache.writer.endBulkLoad();
    expectCountsExact(cache);
  });
});

/** What the queue screen shows for `text` typed over a list of every status: ids, the snippets, and whether complete. */
function search(text: string) {
  const window = queueWindow(cache, { search: text, statuses: [...TICKET_STATUSES] });
  return {
    ids: window.rows.map((r) => r.id),
    snippets: window.rows.map((r) => r.snippet),
    complete: window.searchComplete,
  };
}

describe('search in the queue', () => {
  it('finds a body word only once indexed, folds accents, and follows later edits', () => {
    const tickets = Array.from({ length: 120 }, (_, i) => makeTicket(i));
    const special = makeTicket(500, {
      body: 'Ich möchte meinen Vertrag kündigen, bitte bestätigen Sie die Kündigung.',
    });
    cache.writer.applyChanges([...tickets, special].map(upsertTicket), [], 'c', 'history');
    expect(search('kundigung')).toEqual({ ids: [], snippets: [], complete: false });

    let progress = cache.writer.indexSearchChunk(50);
    expect(progress.ready).toBe(false);
    for (let guard = 0; guard < 10 && !progress.ready; guard++) progress = cache.writer.indexSearchChunk(50);
    expect(progress.ready).toBe(true);

    const result = search('kundigung');
    expect(result.complete).toBe(true);
    expect(result.ids).toEqual([special.id]);
    expect(result.snippets[0]).toContain(`${HIGHLIGHT_START}Kündigung${HIGHLIGHT_END}`);

    // Rows at or below the watermark are kept right by the triggers.
    cache.writer.applyChanges(
      [upsertTicket({ ...special, version: 2, body: 'Le domaine ne répond plus.' })],
      [],
      'c2',
      'live',
    );
    expect(search('kündigung').ids).toEqual([]);
    expect(search('repond').ids).toEqual([special.id]);
    cache.writer.applyChanges([{ op: 'delete', kind: 'ticket', id: special.id }], [], 'c3', 'live');
    expect(search('repond').ids).toEqual([]);

    // The deleted row had the highest rid, so the next insert reuses it: at the watermark, indexed by the trigger.
    cache.writer.applyChanges([upsertTicket(makeTicket(901, { subject: 'Rechnung doppelt' }))], [], 'c4', 'live');
    expect(search('rechnung').ids).toEqual([makeTicket(901).id]);
    // The next one lands above the watermark: not searchable until the indexer reaches it.
    cache.writer.applyChanges([upsertTicket(makeTicket(900, { subject: 'Zertifikat abgelaufen' }))], [], 'c5', 'live');
    expect(search('zertifikat')).toEqual({ ids: [], snippets: [], complete: false });
    cache.writer.indexSearchChunk(50);
    expect(search('zertifikat')).toEqual({
      ids: [makeTicket(900).id],
      snippets: [`${HIGHLIGHT_START}Zertifikat${HIGHLIGHT_END} abgelaufen`],
      complete: true,
    });
    // Subject and body changed together on an indexed row: the index follows both.
    const both = makeTicket(3);
    cache.writer.applyChanges(
      [upsertTicket({ ...both, version: 2, subject: 'Sauvegarde manquante', body: 'Le backup de la nuit a échoué.' })],
      [],
      'c6',
      'live',
    );
    expect(search('sauvegarde echoue').ids).toEqual([both.id]);
    expect(search('exemple3.ch').ids).toEqual([]);
    // Throws SQLITE_CORRUPT_VTAB if the index and the rows ever disagree.
    expect(() =>
      cache.db.prepare("INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')").run(),
    ).not.toThrow();
  });

  it("with filters, follows every change made through this connection or through the sync worker's", () => {
    const worker = openCache(cache.db.name, { owner: false });
    const views: { over: Partial<QueueWindowQuery>; where: string }[] = [
      { over: { categoryId: 'C1' }, where: "category_id = 'C1' AND status IN ('new', 'open', 'pending')" },
      { over: { view: 'unassigned', statuses: ['closed'] }, where: "assignee_id IS NULL AND status = 'closed'" },
      { over: { view: 'mine', statuses: [...TICKET_STATUSES] }, where: "assignee_id = 'G1'" },
      {
        over: { view: 'escalated', statuses: ['pending', 'solved'] },
        where: "level = 2 AND status IN ('pending', 'solved')",
      },
    ];
    try {
      randomWorkload(11, 12, (changes, round) => {
        // Even rounds write through the reading connection only (data_version stays), odd ones through the other.
        const writer = (round % 2 === 0 ? cache : worker).writer;
        writer.applyChanges(changes, [], `c${round}`, 'live');
        writer.indexSearchChunk(1000);
        for (const { over, where } of views) {
          // Every subject says "messagerie": the search holds the view's tickets, newest first.
          const expected = cache.db.prepare(`SELECT id FROM tickets WHERE ${where} ORDER BY rid DESC`).pluck().all();
          const got = queueWindow(cache, { ...over, search: 'messagerie', limit: 500 }, 'G1');
          expect(
            got.rows.map((r) => r.id),
            `round ${String(round)} ${where}`,
          ).toEqual(expected);
          expect(got.total).toBe(expected.length);
          // Pages of 5: the total counts past a full window, stops at a short one, and holds beyond the end.
          for (const offset of [0, 5, Math.max(0, expected.length - 3), expected.length + 10]) {
            const page = queueWindow(cache, { ...over, search: 'messagerie', offset, limit: 5 }, 'G1');
            expect(
              page.rows.map((r) => r.id),
              `offset ${String(offset)} ${where}`,
            ).toEqual(expected.slice(offset, offset + 5));
            expect(page.total, `offset ${String(offset)} ${where}`).toBe(expected.length);
          }
        }
      });
    } finally {
      worker.close();
    }
  });

  it(`stops counting at ${String(SEARCH_CAP)} matches and shows nothing past them, with or without filters`, () => {
    const n = SEARCH_CAP + 60;
    cache.writer.applyChanges(
      Array.from({ length: n }, (_, i) => upsertTicket(makeTicket(i))),
      [],
      'c',
      'history',
    );
    cache.writer.indexSearchChunk(n);
    const every = { search: 'messagerie', statuses: [...TICKET_STATUSES] };
    // makeTicket spreads the five statuses evenly: open work is three fifths of the tickets, under the cap.
    const open = cache.db
      .prepare("SELECT count(*) FROM tickets WHERE status IN ('new', 'open', 'pending')")
      .pluck()
      .get();
    expect(queueWindow(cache, { search: 'messagerie' }).total).toBe(open);
    expect(queueWindow(cache, every).total).toBe(SEARCH_CAP);
    const nearCap = queueWindow(cache, { ...every, offset: SEARCH_CAP - 40, limit: 100 });
    expect(nearCap.total).toBe(SEARCH_CAP);
    expect(nearCap.rows[0]?.id).toBe(makeTicket(n - 1 - (SEARCH_CAP - 40)).id);
    expect(queueWindow(cache, { ...every, offset: SEARCH_CAP, limit: 100 })).toMatchObject({
      total: SEARCH_CAP,
      rows: [],
    });
    expect(queueWindow(cache, { ...every, categoryId: 'C1', offset: 20, limit: 100 }).total).toBe(
      cache.db.prepare("SELECT count(*) FROM tickets WHERE category_id = 'C1'").pluck().get(),
    );
  });

  it('treats query syntax as text', () => {
    cache.writer.applyChanges([upsertTicket(makeTicket(1))], [], 'c', 'history');
    cache.writer.indexSearchChunk(100);
    for (const q of ['"', 'AND OR NOT', 'a:b (c', '*', 'NEAR(x y)', '']) {
      expect(() => search(q), q).not.toThrow();
    }
    expect(search('messag').ids).toEqual([makeTicket(1).id]);
  });
});
