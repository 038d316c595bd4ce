import { describe, expect, it } from 'vitest';
import type { QueueRowView } from '../../../shared/ipc.js';
import { WindowCache } from './window-cache.js';

function rows(offset: number, count: number): QueueRowView[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `t-${offset + i}`,
    subject: `Ticket ${offset + i}`,
    snippet: null,
    status: 'open',
    priority: 'normal',
    categoryId: 'hosting',
    assigneeId: null,
    requesterName: 'Anna Muster',
    channel: 'portal',
    level: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    pending: false,
    needsAttention: false,
    chatTermination: false,
    callbackRequested: false,
  }));
}

describe('WindowCache', () => {
  it('asks for the pages covering the visible range, clipped to the total', () => {
    const cache = new WindowCache(10, 5);
    expect(cache.missing(5, 25, 1_000_000).map((r) => r.offset)).toEqual([0, 10, 20]);
    expect(cache.missing(0, 50, 12)).toEqual([
      { page: 0, offset: 0, limit: 10 },
      { page: 1, offset: 10, limit: 10 },
    ]);
    expect(cache.missing(0, 10, 0)).toEqual([]);
  });

  it('does not ask twice for a page in flight or already cached', () => {
    const cache = new WindowCache(10, 5);
    cache.markInFlight(0);
    expect(cache.missing(0, 15, 100).map((r) => r.page)).toEqual([1]);
    cache.put(0, rows(0, 10));
    expect(cache.rowAt(3)?.id).toBe('t-3');
    expect(cache.missing(0, 9, 100)).toEqual([]);
  });

  it('keeps stale rows visible but fetches them again after invalidate', () => {
    const cache = new WindowCache(10, 5);
    cache.put(0, rows(0, 10));
    cache.invalidate();
    expect(cache.rowAt(0)?.id).toBe('t-0');
    expect(cache.missing(0, 9, 100).map((r) => r.page)).toEqual([0]);
  });

  it('evicts the least recently used pages: it never holds the whole set', () => {
    const cache = new WindowCache(10, 3);
    for (let p = 0; p < 3; p += 1) cache.put(p, rows(p * 10, 10));
    cache.missing(0, 9, 1000); // touches page 0
    cache.put(3, rows(30, 10));
    expect(cache.size).toBe(3);
    expect(cache.rowAt(0)).toBeDefined();
    expect(cache.rowAt(10)).toBeUndefined();
    for (let p = 4; p < 1000; p += 1) cache.put(p, rows(p * 10, 10));
    expect(cache.size).toBe(3);
  });

  it('patches one row and returns the previous one for undo', () => {
    const cache = new WindowCache(10, 3);
    cache.put(1, rows(10, 10));
    const before = cache.patch('t-12', { categoryId: 'mail', pending: true });
    expect(before?.categoryId).toBe('hosting');
    expect(cache.rowAt(12)).toMatchObject({ categoryId: 'mail', pending: true });
    expect(cache.indexOf('t-12')).toBe(12);
    expect(cache.patch('nope', { pending: true })).toBeNull();
  });
});
