/**
 * The switchable handle with a real sync worker behind it (the reference
 * backend on 127.0.0.1): each call goes to the worker running when it is
 * made, events come through while it runs, and signed out every call is
 * refused with SignedOutError.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import { openCache } from '../../db/connection.js';
import type { Cache } from '../../db/connection.js';
import { tempDir } from '../../db/test-fixtures.js';
import type { SyncEvent } from '../../sync/events.js';
import { backendOptions, DEMO_LOGIN, waitFor } from '../../sync/test-support.js';
import { startSyncWorker } from '../../sync/worker.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import { createSwitchableWorker, SignedOutError } from './switchable-worker.js';
import type { SwitchableWorker } from './switchable-worker.js';

let backend: ReferenceBackend;
let cache: Cache;
let file: string;
let switchable: SwitchableWorker;
const events: SyncEvent[] = [];

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(100));
  file = path.join(tempDir('switchable'), 'cache.db');
  cache = openCache(file);
  switchable = createSwitchableWorker(null);
  switchable.events.subscribe((e) => events.push(e));
});

afterAll(async () => {
  await switchable.stop();
  cache.close();
  await backend.close();
});

/** Every call of the handle, with arguments that would reach the backend if a worker were running. */
const everyCall = (s: SyncWorkerHandle): Promise<unknown>[] => [
  s.act({ type: 'escalate', ticketId: '1', note: '' }),
  s.resolveOutbox('no-such-action', 'keep-theirs'),
  s.call({ mutation: 'decideRecovery', recordId: 'no-such-request', body: {}, idempotencyKey: 'k' }),
  s.download('no-such-document', 10),
];

describe('switchable sync worker', () => {
  it('refuses every call with SignedOutError while signed out', async () => {
    expect(switchable.running).toBe(false);
    for (const refused of everyCall(switchable)) await expect(refused).rejects.toBeInstanceOf(SignedOutError);
  });

  it('hands each call to the worker running now, and its events to the subscribers', async () => {
    const worker = startSyncWorker({
      dbPath: file,
      baseUrl: backend.url,
      ...DEMO_LOGIN,
      settings: { pushSilenceMs: 500 },
    });
    await switchable.replace(worker);
    await switchable.started;
    await waitFor(() => events.some((e) => e.type === 'caught-up'), 30_000);
    expect(switchable.running).toBe(true);

    const id = cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' AND level = 1 LIMIT 1").pluck().get();
    if (typeof id !== 'string') throw new Error('no open ticket');
    expect(await switchable.act({ type: 'escalate', ticketId: id, note: '' })).toMatchObject({ accepted: true });
    expect(cache.reader.getRecord('ticket', id)?.level).toBe(2);
    await expect(switchable.resolveOutbox('no-such-action', 'keep-theirs')).rejects.toThrow(/No outbox entry/);
    await expect(switchable.download('no-such-document', 10)).rejects.toThrow(/HTTP 404/);
    const answer = await switchable.call({
      mutation: 'decideRecovery',
      recordId: 'no-such-request',
      body: {},
      idempotencyKey: 'switchable-1',
    });
    expect(answer.ok).toBe(false);
  });

  it('after sign-out, stops the worker it ran and refuses calls again', async () => {
    await switchable.replace(null);
    expect(switchable.running).toBe(false);
    const seen = events.length;
    for (const refused of everyCall(switchable)) await expect(refused).rejects.toBeInstanceOf(SignedOutError);
    switchable.pullNow();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.length).toBe(seen);
  });
});
