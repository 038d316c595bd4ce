import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { openCache } from '../db/connection.js';
import type { Cache } from '../db/connection.js';
import { tempDir } from '../db/test-fixtures.js';
import type { SyncEvent } from './events.js';
import { backendOptions, DEMO_LOGIN, waitFor } from './test-support.js';
import { startSyncWorker } from './worker.js';
import type { SyncWorkerHandle } from './worker.js';

describe('outbox through the sync worker', () => {
  let backend: ReferenceBackend;
  let cache: Cache;
  let worker: SyncWorkerHandle;
  const events: SyncEvent[] = [];

  beforeAll(async () => {
    backend = await startReferenceBackend(backendOptions(300));
    const file = path.join(tempDir('outbox-worker'), 'cache.db');
    cache = openCache(file);
    worker = startSyncWorker({ dbPath: file, baseUrl: backend.url, ...DEMO_LOGIN, settings: { pushSilenceMs: 500 } });
    worker.events.subscribe((e) => events.push(e));
    await worker.started;
    await waitFor(() => events.some((e) => e.type === 'caught-up'), 30_000);
  });
  afterAll(async () => {
    await worker.stop();
    cache.close();
    await backend.close();
  });

  it('acts in the worker, answers with the result, and reports sign-in and outbox state', async () => {
    const id = cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' AND level = 1 LIMIT 1").pluck().get();
    if (typeof id !== 'string') throw new Error('no open ticket');
    const before = await backend.admin.get('ticket', id);
    const result = await worker.act({ type: 'escalate', ticketId: id, note: '' });
    expect(result.accepted).toBe(true);
    // The main thread reads the worker's committed write at once.
    expect(cache.reader.getRecord('ticket', id)?.level).toBe(2);
    await waitFor(async () => (await backend.admin.get('ticket', id))?.level === 2, 10_000);
    await waitFor(() => cache.reader.outboxCounts().pending === 0, 10_000);
    expect((await backend.admin.get('ticket', id))?.version).toBe((before?.version ?? 0) + 1);
    expect(events.some((e) => e.type === 'signed-in' && e.agent.name.length > 0)).toBe(true);
    // The worker commits before it posts the event: the cache can show the confirmation a moment before the event arrives.
    await waitFor(() => events.some((e) => e.type === 'outbox' && e.pending === 0 && e.ticketIds.includes(id)), 10_000);
    // A second escalation is refused locally, with its reason, and nothing is queued.
    expect(await worker.act({ type: 'escalate', ticketId: id, note: '' })).toMatchObject({
      accepted: false,
      reason: 'already_escalated',
    });
    await expect(worker.resolveOutbox('no-such-action', 'keep-theirs')).rejects.toThrow(/No outbox entry/);
  });
});
