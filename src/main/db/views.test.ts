import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../shared/entities.js';
import type { TicketStatus } from '../../shared/entities.js';
import { HIGHLIGHT_START, QUEUE_SORTS, VIEW_IDS } from '../../shared/ipc.js';
import type { QueueWindowQuery, ViewId } from '../../shared/ipc.js';
import { effectiveSort } from '../../shared/queue-sort.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { toFtsQuery } from './fts.js';
import { makeTicket, tempDir, upsertTicket } from './test-fixtures.js';
import { buildSearchWindow, buildViewCounts, buildViewTotal, buildViewWindow, SORTS, todayBounds } from './views.js';
import type { ViewFilter } from './views.js';
import { createViewsReader } from './views-reader.js';
import type { ViewsReader } from './views-reader.js';

const ME = 'G1';
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** The fixture with every dimension a view filters on spread over the rows. */
function ticket(n: number) {
  return makeTicket(n, {
    priority: PRIORITIES[n % 4] ?? 'normal',
    channel: n % 5 === 0 ? 'chat' : 'portal',
    categoryId: n % 11 === 0 ? 'termination' : `C${n % 7}`,
    callbackPhone: n % 6 === 0 ? '+41 44 000 00 00' : null,
    // Creation order differs from update order, so "age" and "updated" really differ.
    createdAt: new Date(Date.UTC(2026, 0, 1) + ((n * 7919) % 3000) * 60_000).toISOString(),
  });
}

let cache: Cache;
let views: ViewsReader;
beforeAll(() => {
  cache = openCache(path.join(tempDir('views'), 'cache.db'));
  cache.writer.applyChanges(
    Array.from({ length: 1500 }, (_, i) => upsertTicket(ticket(i))),
    [],
    'c',
    'history',
  );
  // Calls today (two scheduled, one cancelled) and tomorrow, for "callbacks today".
  const [from, to] = todayBounds(new Date());
  const call = (id: string, ticketId: number, startsAt: string, status: 'scheduled' | 'cancelled') => {
    const record = {
      ...{
        id,
        ticketId: `T${String(ticketId).padStart(7, '0')}`,
        expertId: ME,
        startsAt,
        endsAt: startsAt,
        phone: '+41440000000',
      },
      ...{ status, attempts: 0, note: null, version: 1, createdAt: from, updatedAt: from },
    };
    return { op: 'upsert' as const, kind: 'callback' as const, id, version: 1, record };
  };
  cache.writer.applyChanges(
    [
      call('k1', 6, from, 'scheduled'),
      call('k2', 12, from, 'scheduled'),
      call('k3', 18, from, 'cancelled'),
      call('k4', 24, to, 'scheduled'),
    ],
    [],
    'c2',
    'live',
  );
  cache.writer.indexSearchChunk(10_000);
  cache.db.exec('ANALYZE');
  views = createViewsReader(cache.db);
});
afterAll(() => {
  cache.close();
});

/** The same window by brute force: every row, sorted in JS. */
function naive(q: QueueWindowQuery): string[] {
  const rows = cache.db
    .prepare(
      'SELECT id, rid, status, category_id, assignee_id, level, callback_phone, channel, priority_rank, updated_at, created_at FROM tickets',
    )
    .all() as {
    id: string;
    rid: number;
    status: TicketStatus;
    category_id: string;
    assignee_id: string | null;
    level: number;
    callback_phone: string | null;
    channel: string;
    priority_rank: number;
    updated_at: string;
    created_at: string;
  }[];
  const today = new Set(
    cache.db
      .prepare("SELECT ticket_id FROM callbacks WHERE status = 'scheduled' AND starts_at >= ? AND starts_at < ?")
      .pluck()
      .all(...todayBounds(new Date())) as string[],
  );
  const inView: Record<ViewId, (r: (typeof rows)[number]) => boolean> = {
    all: () => true,
    unassigned: (r) => r.assignee_id === null,
    mine: (r) => r.assignee_id === ME,
    escalated: (r) => r.level === 2,
    callback: (r) => r.callback_phone !== null,
    'callbacks-today': (r) => today.has(r.id),
    'chat-termination': (r) => r.channel === 'chat' && r.category_id === 'termination',
  };
  const sort = effectiveSort(q.sort, q.statuses);
  const key = (r: (typeof rows)[number]): (string | number)[] =>
    sort === 'updated'
      ? [r.updated_at, r.rid]
      : sort === 'age'
        ? [r.created_at, r.rid]
        : [r.priority_rank, r.updated_at, r.rid];
  const cmp = (a: (string | number)[], b: (string | number)[]): number => {
    for (let i = 0; i < a.length; i++) {
      const x = a[i] ?? 0;
      const y = b[i] ?? 0;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  const dir = SORTS[sort].desc ? -1 : 1;
  return rows
    .filter(
      (r) =>
        q.statuses.includes(r.status) && inView[q.view](r) && (q.categoryId === null || r.category_id === q.categoryId),
    )
    .sort((a, b) => dir * cmp(key(a), key(b)))
    .map((r) => r.id);
}

const OPEN: TicketStatus[] = ['new', 'open', 'pending'];
const base = (over: Partial<QueueWindowQuery>): QueueWindowQuery => ({
  view: 'all',
  categoryId: null,
  statuses: OPEN,
  sort: 'updated',
  search: '',
  offset: 0,
  limit: 40,
  ...over,
});

function plan(sql: string, params: unknown[]): string {
  return (cache.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
    .map((r) => r.detail)
    .join(' | ');
}

describe('queue views', () => {
  const combos = VIEW_IDS.flatMap((view) =>
    QUEUE_SORTS.flatMap((sort) =>
      [null, 'C3', 'termination'].flatMap((categoryId) =>
        [OPEN, ['closed'] as TicketStatus[], [...TICKET_STATUSES]].map((statuses) => ({
          view,
          sort,
          categoryId,
          statuses,
        })),
      ),
    ),
  );

  it.each(VIEW_IDS.flatMap((v) => QUEUE_SORTS.map((s) => [v, s] as const)))(
    '%s × %s: each window (with and without category, from both ends) is one index scan, no temporary B-tree',
    (view, sort) => {
      for (const c of combos.filter((x) => x.view === view && x.sort === sort)) {
        const f: ViewFilter = { view, categoryId: c.categoryId, statuses: c.statuses, me: ME };
        for (const reverse of [false, true]) {
          const built = buildViewWindow(f, sort, { offset: 10, limit: 40, reverse });
          if (built === null) throw new Error('no query');
          const detail = plan(built.sql, built.params);
          // "Callbacks today" holds the few tickets with a call today (a list subquery): sorting them is cheap.
          if (view !== 'callbacks-today') expect(detail, JSON.stringify(c)).not.toMatch(/TEMP B-TREE/);
          expect(detail, JSON.stringify(c)).not.toMatch(/\bSCAN tickets\b(?! USING)/);
        }
      }
    },
  );

  it('finds "callbacks today" through the calls of the day, never by walking every open ticket', () => {
    const f: ViewFilter = { view: 'callbacks-today', categoryId: null, statuses: OPEN, me: ME };
    const counts = buildViewCounts(ME);
    const built = [buildViewTotal(f), buildViewWindow(f, 'age', { offset: 0, limit: 40 }), counts];
    for (const q of built) {
      if (q === null) throw new Error('no query');
      const detail = plan(q.sql, q.params);
      expect(detail).toMatch(/SEARCH tickets USING INTEGER PRIMARY KEY/);
      expect(detail).not.toMatch(/SEARCH tickets USING (COVERING )?INDEX/);
    }
  });

  it('counts the tickets with a call still scheduled today', () => {
    const open = (id: string) => OPEN.includes(cache.reader.getRecord('ticket', id)?.status ?? 'closed');
    expect(views.viewCounts(ME)['callbacks-today']).toBe(['T0000006', 'T0000012'].filter(open).length);
    expect(naive(base({ view: 'callbacks-today', statuses: [...TICKET_STATUSES] })).sort()).toEqual([
      'T0000006',
      'T0000012',
    ]);
  });

  it('search with filters walks the FTS index newest first and never sorts', () => {
    const f: ViewFilter = { view: 'mine', categoryId: 'C2', statuses: OPEN, me: ME };
    const built = buildSearchWindow(f, toFtsQuery('courriels') ?? '', { offset: 0, limit: 20 }, ['<', '>']);
    if (built === null) throw new Error('no query');
    expect(plan(built.sql, built.params)).not.toMatch(/TEMP B-TREE/);
  });

  it('windows match a brute-force sort for every view, sort, category and status set, at any offset', () => {
    for (const c of combos) {
      const expected = naive(base(c));
      const total = expected.length;
      for (const offset of [0, 7, Math.max(0, total - 5)]) {
        const got = views.queueWindow(base({ ...c, offset, limit: 30 }), ME);
        expect(got.total, JSON.stringify(c)).toBe(total);
        expect(
          got.rows.map((r) => r.id),
          `${JSON.stringify(c)} offset ${String(offset)}`,
        ).toEqual(expected.slice(offset, offset + 30));
      }
    }
  });

  it('counts open work per view, and keeps totals exact through updates, deletes and a bulk load', () => {
    const check = (): void => {
      const counts = views.viewCounts(ME);
      for (const view of VIEW_IDS) expect(counts[view], view).toBe(naive(base({ view, limit: 500 })).length);
      for (const statuses of [['closed'], [...TICKET_STATUSES]] as TicketStatus[][])
        expect(views.queueWindow(base({ view: 'unassigned', statuses }), ME).total).toBe(
          naive(base({ view: 'unassigned', statuses })).length,
        );
    };
    check();
    const t = ticket(12);
    cache.writer.applyChanges(
      [
        upsertTicket({
          ...t,
          version: 2,
          assigneeId: null,
          level: 2,
          callbackPhone: null,
          channel: 'chat',
          status: 'open',
        }),
        { op: 'delete', kind: 'ticket', id: ticket(13).id },
      ],
      [],
      'c2',
      'live',
    );
    check();
    cache.writer.beginBulkLoad();
    try {
      cache.writer.applyChanges([upsertTicket(ticket(5000)), upsertTicket(ticket(5001))], [], 'c3', 'history');
    } finally {
      cache.writer.endBulkLoad();
    }
    check();
    expect(views.viewCounts('nobody').mine).toBe(0);
    expect(views.viewCounts(null).mine).toBe(0);
  });

  it('search combines with filters and marks matches without HTML', () => {
    const got = views.queueWindow(base({ view: 'unassigned', categoryId: 'C1', search: 'courriels', limit: 500 }), ME);
    const expected = naive(base({ view: 'unassigned', categoryId: 'C1', limit: 500 }))
      .sort()
      .reverse();
    expect(
      got.rows
        .map((r) => r.id)
        .sort()
        .reverse(),
    ).toEqual(expected);
    expect(got.total).toBe(expected.length);
    expect(got.rows[0]?.snippet).toContain(HIGHLIGHT_START);
    expect(got.rows.every((r) => r.assigneeId === null && r.categoryId === 'C1')).toBe(true);
    const one = views.queueWindow(base({ search: 'exemple42.ch', statuses: [...TICKET_STATUSES] }), ME);
    expect(one.rows.map((r) => r.id)).toEqual([ticket(42).id]);
  });

  it('lists likely duplicates: same customer and category, close in time, similar text', () => {
    const a = makeTicket(9001, {
      accountId: 'A-dup',
      categoryId: 'C5',
      subject: 'Mon site ne répond plus',
      body: 'Le site exemple.ch affiche une erreur 500 depuis ce matin.',
    });
    const b = makeTicket(9002, {
      accountId: 'A-dup',
      categoryId: 'C5',
      subject: 'Site en panne',
      body: 'Toujours une erreur 500 sur exemple.ch depuis ce matin, merci.',
    });
    const other = makeTicket(9003, { accountId: 'A-dup', categoryId: 'C6', subject: a.subject, body: a.body });
    cache.writer.applyChanges([a, b, other].map(upsertTicket), [], 'c4', 'live');
    expect(views.duplicatesOf(a).map((r) => r.id)).toEqual([b.id]);
  });

  it('lists categories by position and agents by name', () => {
    expect(views.categories()).toEqual([]);
    expect(views.agents()).toEqual([]);
  });
});
