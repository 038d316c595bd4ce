/**
 * The sync worker's end of the protocol, spoken to with raw messages as a
 * parent would post them: each call of SyncWorkerCalls reaches the engine
 * with its arguments, and a call the worker does not have (a parent built
 * from other sources) is answered with a clear error instead of silence.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { openCache } from '../db/connection.js';
import type { Cache } from '../db/connection.js';
import { tempDir } from '../db/test-fixtures.js';
import { backendOptions, DEMO_LOGIN, waitFor } from './test-support.js';
import { workerEntry } from './worker-entry.js';
import type { FromWorker, SyncWorkerData, WorkerReply } from './worker-protocol.js';

let backend: ReferenceBackend;
let cache: Cache;
let worker: Worker;
const received: FromWorker[] = [];

beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(100));
  const file = path.join(tempDir('sync-worker'), 'cache.db');
  cache = openCache(file);
  const data: SyncWorkerData = {
    dbPath: file,
    baseUrl: backend.url,
    ...DEMO_LOGIN,
    settings: { pushSilenceMs: 500 },
  };
  const entry = workerEntry('sync-worker', undefined);
  worker = new Worker(entry.source, { workerData: data, eval: entry.evalCode });
  worker.on('message', (msg: FromWorker) => received.push(msg));
  await waitFor(() => received.some((m) => m.type === 'event' && m.event.type === 'caught-up'), 30_000);
});

afterAll(async () => {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.postMessage({ type: 'stop' });
  await exited;
  cache.close();
  await backend.close();
});

let nextRequestId = 1;
/** Posts a call as the parent would, with any method name, and returns the worker's reply to it. */
async function ask(method: string, args: unknown[]): Promise<WorkerReply> {
  const requestId = nextRequestId++;
  worker.postMessage({ type: 'call', requestId, method, args });
  await waitFor(() => received.some((m) => m.type === 'reply' && m.requestId === requestId), 10_000);
  const reply = received.find((m): m is WorkerReply => m.type === 'reply' && m.requestId === requestId);
  if (reply === undefined) throw new Error('no reply');
  return reply;
}

/** The message of a refused call; fails the test if the call was answered. */
function refusal(reply: WorkerReply): string {
  if (reply.ok) throw new Error(`expected a refusal, got ${JSON.stringify(reply.value)}`);
  return reply.message;
}

describe('the sync worker, spoken to in messages', () => {
  it('answers a call it does not have with an error that names it, and goes on answering', async () => {
    expect(await ask('dropTables', [])).toMatchObject({
      ok: false,
      message: 'Error: the sync worker has no call named "dropTables"',
    });
    expect(refusal(await ask('toString', []))).toMatch(/no call named "toString"/);

    const id = cache.db.prepare("SELECT id FROM tickets WHERE status = 'open' AND level = 1 LIMIT 1").pluck().get();
    if (typeof id !== 'string') throw new Error('no open ticket');
    expect(await ask('act', [{ type: 'escalate', ticketId: id, note: '' }])).toMatchObject({
      ok: true,
      value: { accepted: true },
    });
    expect(cache.reader.getRecord('ticket', id)?.level).toBe(2);
  });

  it("passes each call's arguments to the engine and its refusal back as the reply's message", async () => {
    expect(refusal(await ask('download', ['no-such-document', 10]))).toMatch(/HTTP 404/);
    expect(refusal(await ask('resolveOutbox', ['no-such-action', 'keep-theirs']))).toMatch(/No outbox entry/);
    const answer = await ask('call', [
      { mutation: 'decideRecovery', recordId: 'no-such-request', body: {}, idempotencyKey: 'key-1' },
    ]);
    expect(answer).toMatchObject({ ok: true, value: { ok: false } });
  });
});
