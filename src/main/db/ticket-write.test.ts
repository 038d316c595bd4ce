import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { makeTicket, queueWindow, tempDir, upsertTicket } from './test-fixtures.js';

let cache: Cache;
beforeEach(() => {
  cache = openCache(path.join(tempDir('ticket-write'), 'cache.db'));
});
afterEach(() => {
  cache.close();
});

describe('ticket updates that name only the changed columns', () => {
  it('leaves the record exactly as the backend sent it, in every queue and in search', () => {
    const v1 = makeTicket(1, { priority: 'low', status: 'open', body: 'Le certificat SSL a expiré' });
    cache.writer.applyChanges([upsertTicket(v1)], [], 'c1', 'live');
    cache.writer.indexSearchChunk(100);
    // Several shapes of change in turn, each touching a different set of columns.
    const v2 = { ...v1, version: 2, priority: 'urgent' as const, updatedAt: '2026-03-16T10:00:00.000Z' };
    const v3 = { ...v2, version: 3, status: 'pending' as const, assigneeId: 'ag-lea', categoryId: 'cat-2' };
    const v4 = { ...v3, version: 4, body: 'Le renouvellement du domaine a échoué', subject: 'Domaine' };
    for (const [i, t] of [v2, v3, v4].entries()) {
      expect(cache.writer.applyChanges([upsertTicket(t)], [], `c${i + 2}`, 'live')).toMatchObject({ upserts: 1 });
      expect(cache.reader.getRecord('ticket', t.id)).toEqual(t);
    }
    expect(cache.reader.counts()).toEqual([{ categoryId: 'cat-2', status: 'pending', n: 1 }]);
    expect(queueWindow(cache, { view: 'mine', statuses: ['pending'] }, 'ag-lea').rows.map((r) => r.id)).toEqual([
      v1.id,
    ]);
    expect(queueWindow(cache, { categoryId: 'cat-2', sort: 'priority' }).rows.map((r) => r.priority)).toEqual([
      'urgent',
    ]);
    expect(queueWindow(cache, { search: 'renouvellement' }).rows.map((r) => r.id)).toEqual([v1.id]);
    expect(queueWindow(cache, { search: 'certificat' }).rows).toEqual([]);
    expect(cache.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('ignores an older version arriving after a newer one', () => {
    const v3 = makeTicket(7, { version: 3, subject: 'newest' });
    cache.writer.applyChanges([upsertTicket(v3)], [], 'c1', 'live');
    const result = cache.writer.applyChanges([upsertTicket({ ...v3, version: 2, subject: 'older' })], [], 'c2', 'live');
    expect(result).toMatchObject({ upserts: 0, stale: 1 });
    expect(cache.reader.getRecord('ticket', v3.id)).toEqual(v3);
  });
});
