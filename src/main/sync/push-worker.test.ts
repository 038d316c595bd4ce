import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { isDeepStrictEqual } from 'node:util';
import { readlinkSync } from 'node:fs';
import { openCache } from '../db/connection.js';
import type { Cache } from '../db/connection.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { queueWindow, tempDir } from '../db/test-fixtures.js';
import type { SyncEvent } from './events.js';
import { createApiClient } from './http.js';
import { startPushListener } from './push.js';
import { abortableSleep } from './retry-policy.js';
import { DEMO_LOGIN, FAST_RETRY, backendOptions, threadNiceValues, waitFor } from './test-support.js';
import { startSyncWorker } from './worker.js';
import type { SyncWorkerHandle } from './worker.js';

describe('push channel, through the sync worker', () => {
  let backend: ReferenceBackend;
  let cache: Cache;
  let worker: SyncWorkerHandle;
  const events: SyncEvent[] = [];

  beforeAll(async () => {
    backend = await startReferenceBackend(backendOptions(1500, { heartbeatMs: 200 }));
    const file = path.join(tempDir('push'), 'cache.db');
    // The main thread owns the file (health, migrations) and only reads; the worker writes.
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

  it.runIf(process.platform === 'linux')('runs below the priority of the thread that reads for the UI', () => {
    const nice = threadNiceValues();
    const self = String(readlinkSync('/proc/thread-self').split('/').pop());
    const lowered = [...nice].filter(([, n]) => n >= 10 && n > (nice.get(self) ?? 0)).map(([tid]) => tid);
    expect(lowered.length).toBeGreaterThanOrEqual(1);
    expect(lowered).not.toContain(self);
  });

  it('starts with the server state and reports online', async () => {
    expect(cacheChecksums(cache)).toEqual(await backend.checksums());
    expect(events.some((e) => e.type === 'online')).toBe(true);
    expect(events.some((e) => e.type === 'urgent-ready')).toBe(true);
  });

  it('an update, a recategorisation and a delete reach the cache within 1 s each', async () => {
    const [a, b, c] = queueWindow(cache, { limit: 3 }).rows;
    if (a === undefined || b === undefined || c === undefined) throw new Error('not enough tickets');

    const updated = await backend.admin.updateTicket(a.id, { status: 'solved', priority: 'urgent' });
    const updateMs = await waitFor(() => isDeepStrictEqual(cache.reader.getRecord('ticket', a.id), updated), 1000);

    const category = cache.reader.counts().find((row) => row.categoryId !== b.categoryId)?.categoryId;
    if (category === undefined) throw new Error('one category only');
    const moved = await backend.admin.recategorise(b.id, category);
    const recategoriseMs = await waitFor(() => cache.reader.getRecord('ticket', b.id)?.categoryId === category, 1000);
    expect(cache.reader.getRecord('ticket', b.id)).toEqual(moved);

    expect(await backend.admin.deleteRecord('ticket', c.id)).toBe(true);
    const deleteMs = await waitFor(() => cache.reader.getRecord('ticket', c.id) === null, 1000);

    console.log(
      `push latency: update ${updateMs.toFixed(0)} ms, recategorise ${recategoriseMs.toFixed(0)} ms, delete ${deleteMs.toFixed(0)} ms`,
    );
    for (const ms of [updateMs, recategoriseMs, deleteMs]) expect(ms).toBeLessThan(1000);
    await waitFor(async () => isDeepStrictEqual(cacheChecksums(cache), await backend.checksums()), 2000);
    expect(events).toContainEqual({ type: 'changed', ids: { ticket: [a.id] }, many: [] });
  });
});

describe('push listener', () => {
  it('treats a silent connection as dead and reconnects', async () => {
    let connections = 0;
    // A server that answers, sends one event, then says nothing (a proxy that swallowed the stream).
    const server = http.createServer((_req, res) => {
      connections += 1;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('event: changes\ndata: {"head":"x"}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const api = createApiClient(url);
    const reasons: string[] = [];
    let changes = 0;
    const listener = startPushListener({
      open: (signal) => api.openEvents('t'.repeat(20), 150, signal),
      onChanges: () => (changes += 1),
      onConnected: () => undefined,
      onDisconnected: (r) => reasons.push(r),
      policy: FAST_RETRY,
      random: () => 0.5,
      sleep: abortableSleep,
    });
    try {
      await waitFor(() => connections >= 3, 3000);
      expect(reasons[0]).toMatch(/timeout/i);
      // One pull per connection, plus one per "changes" event.
      expect(changes).toBeGreaterThanOrEqual(4);
    } finally {
      await listener.stop();
      await api.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
