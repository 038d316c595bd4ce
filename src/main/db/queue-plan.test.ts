import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../../shared/entities.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { buildCallbacksQuery, buildMessagesQuery, buildRecoveryQueueQuery } from './queue-queries.js';
import type { BuiltQuery } from './queue-queries.js';
import { makeTicket, queueWindow, tempDir, upsertTicket } from './test-fixtures.js';
import { buildViewWindow } from './views.js';
import type { ViewFilter } from './views.js';

let cache: Cache;
beforeAll(() => {
  cache = openCache(path.join(tempDir('plan'), 'cache.db'));
  cache.writer.applyChanges(
    Array.from({ length: 2000 }, (_, i) => upsertTicket(makeTicket(i))),
    [],
    'c',
    'history',
  );
  // Statistics make the planner's choice closer to what it does at 1M rows.
  cache.db.exec('ANALYZE');
});
afterAll(() => {
  cache.close();
});

function plan(q: BuiltQuery): string[] {
  return (cache.db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map(
    (r) => r.detail,
  );
}

const open = ['new', 'open', 'pending'] as const;

/** The queue windows the console asks for most during a first sync (the plans of every view: views.test.ts). */
const WINDOWS: Record<string, ViewFilter> = {
  'category, open statuses, newest': { view: 'all', categoryId: 'C1', statuses: open, me: null },
  'my tickets': { view: 'mine', categoryId: null, statuses: open, me: 'G1' },
  'all open': { view: 'all', categoryId: null, statuses: open, me: null },
  'level two': { view: 'escalated', categoryId: null, statuses: open, me: null },
};
const bulkWindow = (name: string): BuiltQuery => {
  const built = buildViewWindow(WINDOWS[name] as ViewFilter, 'updated', { offset: 0, limit: 100 }, true);
  if (built === null) throw new Error('no query');
  return built;
};

describe('list queries use an index in sort order', () => {
  const cases: [string, () => BuiltQuery | null][] = [
    ['recovery queue', () => buildRecoveryQueueQuery(['pending', 'info_requested'], 100)],
    ['callbacks of the day', () => buildCallbacksQuery('2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z')],
    ['an expert day', () => buildCallbacksQuery('2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', 'G1')],
    ['messages of a ticket', () => buildMessagesQuery('T0000001')],
  ];
  it.each(cases)('%s: no temporary B-tree, no full scan', (_name, build) => {
    const built = build();
    if (built === null) throw new Error('no query');
    const detail = plan(built);
    expect(detail.join(' | ')).not.toMatch(/TEMP B-TREE/);
    expect(detail.join(' | ')).not.toMatch(/\bSCAN (tickets|callbacks|messages|recovery_requests)\b(?! USING)/);
    expect(detail.some((d) => d.includes('USING INDEX') || d.includes('USING COVERING INDEX'))).toBe(true);
  });

  it('in bulk-load mode, the working queues still use (partial) indexes, and the full ones come back', () => {
    const countsBefore = cache.reader.counts();
    cache.writer.beginBulkLoad();
    expect(cache.writer.isBulkLoading()).toBe(true);
    try {
      for (const name of Object.keys(WINDOWS)) {
        expect(plan(bulkWindow(name)).join(' | '), name).toMatch(/USING (COVERING )?INDEX bulk_active_/);
        expect(plan(bulkWindow(name)).join(' | '), name).not.toMatch(/TEMP B-TREE/);
      }
      // Rows written meanwhile are counted once the triggers are back.
      cache.writer.applyChanges(
        [upsertTicket(makeTicket(5000, { status: 'closed', categoryId: 'C1' }))],
        [],
        'c',
        'history',
      );
    } finally {
      cache.writer.endBulkLoad();
    }
    expect(cache.writer.isBulkLoading()).toBe(false);
    const names = cache.db
      .prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'tickets' ORDER BY name")
      .pluck()
      .all();
    expect(names).toEqual(expect.arrayContaining(['tickets_category_queue', 'tickets_count_insert']));
    expect(names.filter((n) => String(n).startsWith('bulk_'))).toEqual([]);
    const closedC1 = (rows: { categoryId: string; status: string; n: number }[]): number =>
      rows.find((r) => r.categoryId === 'C1' && r.status === 'closed')?.n ?? 0;
    expect(closedC1(cache.reader.counts())).toBe(closedC1(countsBefore) + 1);
    cache.db.exec('ANALYZE');
  });

  it('in an urgent bulk load only the four small indexes remain, and every index and count comes back', () => {
    const schema = (): string[] =>
      cache.db
        .prepare("SELECT name || ':' || coalesce(sql, '') FROM sqlite_schema WHERE tbl_name = 'tickets' ORDER BY name")
        .pluck()
        .all() as string[];
    const before = schema();
    const countsBefore = cache.reader.counts();
    cache.writer.beginBulkLoad('urgent');
    expect(cache.writer.bulkLoadScope()).toBe('urgent');
    try {
      const indexes = cache.db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL")
        .pluck()
        .all() as string[];
      expect(indexes.sort()).toEqual([
        'bulk_active_assignee',
        'bulk_active_category',
        'bulk_active_level',
        'bulk_active_status',
      ]);
      expect(plan(bulkWindow('category, open statuses, newest')).join(' | ')).toMatch(
        /USING (COVERING )?INDEX bulk_active_category/,
      );
      cache.writer.applyChanges(
        [upsertTicket(makeTicket(5001, { status: 'open', categoryId: 'C1' }))],
        [],
        'c',
        'urgent',
      );
    } finally {
      cache.writer.endBulkLoad();
    }
    expect(cache.writer.bulkLoadScope()).toBe(null);
    expect(schema()).toEqual(before);
    const openC1 = (rows: { categoryId: string; status: string; n: number }[]): number =>
      rows.find((r) => r.categoryId === 'C1' && r.status === 'open')?.n ?? 0;
    expect(openC1(cache.reader.counts())).toBe(openC1(countsBefore) + 1);
    cache.db.exec('ANALYZE');
  });

  it('pages through a queue window by window without gaps or repeats, from both ends', () => {
    const query = { categoryId: 'C3', statuses: [...TICKET_STATUSES] };
    const total = queueWindow(cache, { ...query, limit: 1 }).total;
    const seen: string[] = [];
    // 17 does not divide the total: the last window is short, and past the middle windows are read from the end.
    for (let offset = 0; offset < total; offset += 17) {
      seen.push(...queueWindow(cache, { ...query, offset, limit: 17 }).rows.map((r) => r.id));
    }
    const expected = cache.db
      .prepare("SELECT id FROM tickets WHERE category_id = 'C3' ORDER BY updated_at DESC, rid DESC")
      .pluck()
      .all();
    expect(total % 17).not.toBe(0);
    expect(seen).toEqual(expected);
  });
});
