import { describe, expect, it } from 'vitest';
import { initialSyncStatus, reduceSyncStatus } from './sync-status.js';
import type { SyncEvent } from './events.js';

const start = initialSyncStatus({ kind: 'embedded', url: 'http://127.0.0.1:1' }, null);
const fold = (events: SyncEvent[]) => events.reduce(reduceSyncStatus, start);

describe('reduceSyncStatus', () => {
  it('shows bootstrap progress, then a live, caught-up console', () => {
    const during = fold([{ type: 'online' }, { type: 'progress', phase: 'urgent', done: 10, total: 100 }]);
    expect(during).toMatchObject({
      online: true,
      phase: 'urgent',
      progress: { done: 10, total: 100 },
      urgentReady: false,
    });
    const after = reduceSyncStatus(reduceSyncStatus(during, { type: 'urgent-ready' }), {
      type: 'caught-up',
      at: '2026-11-26T08:00:00.000Z',
    });
    expect(after).toMatchObject({
      phase: 'live',
      progress: null,
      urgentReady: true,
      lastPulledAt: '2026-11-26T08:00:00.000Z',
    });
  });

  it('counts kept-aside records and goes offline when the engine says so', () => {
    const s = fold([
      { type: 'online' },
      { type: 'problem', kind: 'ticket', id: '7', reason: 'bad e-mail' },
      { type: 'problem', kind: 'ticket', id: '8', reason: 'bad e-mail' },
      { type: 'offline', reason: 'ECONNREFUSED' },
    ]);
    expect(s.problems).toBe(2);
    expect(s.online).toBe(false);
  });

  it('forgets readiness when the cache is rebuilt from the backend', () => {
    const s = fold([
      { type: 'urgent-ready' },
      { type: 'search-ready' },
      { type: 'rebootstrap', reason: 'other backend' },
    ]);
    expect(s).toMatchObject({ urgentReady: false, searchReady: false, phase: 'urgent' });
  });

  it('says "connecting", not "offline", until the backend first answers', () => {
    expect(start).toMatchObject({ connection: 'connecting', online: false });
    expect(fold([{ type: 'online' }])).toMatchObject({ connection: 'online', online: true });
  });

  it('tells slow from offline, and back to online', () => {
    const slow = fold([{ type: 'online' }, { type: 'slow', afterMs: 8000 }]);
    expect(slow).toMatchObject({ connection: 'slow', online: true });
    expect(reduceSyncStatus(slow, { type: 'online' }).connection).toBe('online');
    expect(reduceSyncStatus(slow, { type: 'offline', reason: 'timeout' }).connection).toBe('offline');
  });

  it('keeps a storage problem apart from the connection, until a pull writes again', () => {
    const full = fold([{ type: 'online' }, { type: 'storage', problem: 'full', detail: 'SQLITE_FULL' }]);
    expect(full).toMatchObject({ connection: 'online', storage: { problem: 'full' } });
    expect(reduceSyncStatus(full, { type: 'caught-up', at: '2026-12-02T08:00:00.000Z' }).storage).toBeNull();
  });

  it('a damaged cache says so and why while main rebuilds it', () => {
    const reason = 'SqliteError: database disk image is malformed';
    const damaged = fold([{ type: 'online' }, { type: 'cache-damaged', reason }]);
    expect(damaged).toMatchObject({ storage: { problem: 'damaged', detail: reason }, rebuiltBecause: reason });
  });

  it('a rebuild for damage says the storage problem until the new cache caught up; a lost key is no disk problem', () => {
    const backend = { kind: 'remote', url: 'http://127.0.0.1:1' } as const;
    const reason = 'corrupt cache file: quick_check: database disk image is malformed';
    // What main starts from after moving a damaged file aside (at start, or when found while running).
    const rebuilding = initialSyncStatus(backend, reason);
    expect(rebuilding).toMatchObject({ storage: { problem: 'damaged', detail: reason }, rebuiltBecause: reason });
    const progressing = reduceSyncStatus(rebuilding, { type: 'progress', phase: 'urgent', done: 10, total: 100 });
    expect(progressing.storage).toMatchObject({ problem: 'damaged' });
    const caughtUp = reduceSyncStatus(progressing, { type: 'caught-up', at: '2026-12-02T08:00:00.000Z' });
    expect(caughtUp).toMatchObject({ storage: null, rebuiltBecause: null });
    const keyLost = initialSyncStatus(backend, 'cache key lost: the file does not open with the key in the vault');
    expect(keyLost).toMatchObject({
      storage: null,
      rebuiltBecause: expect.stringMatching(/^cache key lost/) as unknown,
    });
  });

  it('starts from what the cache file says: last sync, search index, kept-aside records', () => {
    const restarted = initialSyncStatus({ kind: 'remote', url: 'http://127.0.0.1:1' }, null, {
      lastPulledAt: '2026-12-01T17:00:00.000Z',
      searchReady: true,
      problems: 3,
    });
    expect(restarted).toMatchObject({ lastPulledAt: '2026-12-01T17:00:00.000Z', searchReady: true, problems: 3 });
  });

  it('names why the cache is being rebuilt until the rebuild has caught up', () => {
    const s = fold([{ type: 'online' }, { type: 'rebootstrap', reason: 'bad_cursor' }]);
    expect(s.rebuiltBecause).toBe('bad_cursor');
    expect(reduceSyncStatus(s, { type: 'caught-up', at: '2026-12-02T08:00:00.000Z' }).rebuiltBecause).toBeNull();
  });
});
