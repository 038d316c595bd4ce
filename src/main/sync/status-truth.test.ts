/**
 * The status says what is wrong: a backend that answers late makes it "slow"
 * (and "online" again when answers come in time), a backend that trickles a
 * page is cut off by the whole-answer deadline and the pull is retried
 * instead of hanging, and a cache that cannot be written is a storage problem,
 * not "offline". The real engine, a real cache file, real HTTP to the
 * reference backend with its fault injection.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { NO_FAULTS } from '../../server/faults.js';
import { PATHS } from '../../shared/sync-protocol.js';
import { initialSyncStatus, reduceSyncStatus } from './sync-status.js';
import { backendOptions, engineFor, waitFor } from './test-support.js';

let backend: ReferenceBackend;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(100));
});
afterAll(async () => {
  await backend.close();
});

const kinds = (events: { type: string }[]): string[] => events.map((e) => e.type);

describe('the connection as the person should read it', () => {
  it('slow while answers take longer than slowAfterMs, online again when they come in time', async () => {
    // A second before "slow", answers 2.5 s late: a loaded machine's own delays stay on the "online" side.
    const t = engineFor(backend, { timeouts: { slowAfterMs: 1_000, answerDeadlineMs: 8_000 } });
    try {
      await t.engine.pullNow();
      expect(kinds(t.events)).toContain('online');
      expect(kinds(t.events)).not.toContain('slow');

      backend.setFaults({ ...NO_FAULTS, latencyMs: 2_500 });
      await backend.admin.createTicket();
      await t.engine.pullNow();
      const afterSlow = kinds(t.events);
      expect(afterSlow).toContain('slow');
      // Still answering: slow is never reported as offline.
      expect(afterSlow).not.toContain('offline');

      backend.setFaults(NO_FAULTS);
      await backend.admin.createTicket();
      await t.engine.pullNow();
      expect(kinds(t.events).slice(afterSlow.length)).toContain('online');
    } finally {
      backend.setFaults(NO_FAULTS);
      await t.close();
    }
  });

  it('a page that trickles in past the deadline is cut off and retried, and the pull fails instead of hanging', async () => {
    const t = engineFor(backend, {
      timeouts: { answerDeadlineMs: 400, slowAfterMs: 100, bodyTimeoutMs: 10_000 },
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 10, maxRetryAfterMs: 100 },
    });
    try {
      await t.engine.pullNow();
      await backend.admin.createTicket();
      // 200 bytes per second: a page of tickets would take minutes, each chunk well inside bodyTimeout.
      backend.setFaults({ ...NO_FAULTS, trickleBytesPerSecond: 200 });
      const started = Date.now();
      await expect(t.engine.pullNow()).rejects.toThrow(/no whole answer within 400 ms/);
      // Two attempts of 400 ms and a short backoff, not the minutes the trickle would take.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(kinds(t.events)).toContain('slow');
    } finally {
      backend.setFaults(NO_FAULTS);
      await t.close();
    }
  });
});

/**
 * A loopback proxy in front of the backend, for faults the backend's own injection does not make (it spares
 * the push stream, and acts on every feed request alike): `feedDelayMs(n)` holds the n-th change-feed request
 * (from 1) back that long before forwarding it; while `eventsStalled()` holds, the push stream's bytes are
 * swallowed (its headers too, for a stream opened meanwhile), as a proxy that keeps a dead stream open does.
 */
async function faultyProxy(
  target: string,
  o: { feedDelayMs?: (n: number) => number; eventsStalled?: () => boolean },
): Promise<{ url: string; eventStreams: () => number; close: () => Promise<void> }> {
  const to = new URL(target);
  let feedRequests = 0;
  let eventStreams = 0;
  const stalled = (): boolean => o.eventsStalled?.() === true;
  const server = http.createServer((req, res) => {
    const events = req.url?.startsWith(PATHS.events) === true;
    if (events) eventStreams += 1;
    const delayMs = req.url?.startsWith(PATHS.changes) === true ? (o.feedDelayMs?.((feedRequests += 1)) ?? 0) : 0;
    const forward = (): void => {
      const upstream = http.request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          let headed = false;
          const head = (): void => {
            if (headed) return;
            headed = true;
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.flushHeaders();
          };
          if (!events || !stalled()) head();
          answer.on('data', (chunk: Buffer) => {
            if (events && stalled()) return;
            head();
            res.write(chunk);
          });
          answer.on('end', () => res.end());
        },
      );
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    };
    setTimeout(forward, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
    eventStreams: () => eventStreams,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('a first sync read by the feed-reader thread', () => {
  it('is "slow" while that thread waits for late pages, and "online" again once they come in time', async () => {
    // The first page (read on the engine's own thread) comes at once; the 2nd and 3rd requests, made by the
    // feed-reader thread once the pull hands the rest of the bootstrap to it, are held back past slowAfterMs.
    const proxy = await faultyProxy(backend.url, { feedDelayMs: (n) => (n === 2 || n === 3 ? 700 : 0) });
    const t = engineFor(
      { url: proxy.url },
      { pageSize: 10, readAheadThreshold: 20, timeouts: { slowAfterMs: 200, answerDeadlineMs: 5_000 } },
    );
    try {
      await t.engine.pullNow();
      const seen = kinds(t.events);
      expect(seen).toContain('slow');
      // Late, never failed: the thread's pages were not "offline".
      expect(seen).not.toContain('offline');
      // The pages after the late ones came in time: the status went back to online before the pull ended.
      expect(seen.slice(seen.indexOf('slow'))).toContain('online');
      expect(seen).toContain('caught-up');
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});

describe('a push stream that goes silent', () => {
  it('is noticed: the status leaves "online", the console reconnects, and is online again once the stream talks', async () => {
    let stalled = false;
    const proxy = await faultyProxy(backend.url, { eventsStalled: () => stalled });
    // The backend's heartbeats come every 200 ms (backendOptions): 500 ms of silence is a dead stream.
    const t = engineFor({ url: proxy.url }, { push: true, pushSilenceMs: 500 });
    try {
      await t.engine.start();
      await waitFor(() => kinds(t.events).includes('online'), 10_000);
      const beforeStall = t.events.length;
      const streamsBeforeStall = proxy.eventStreams();
      stalled = true;
      await waitFor(() => t.events.slice(beforeStall).some((e) => e.type === 'offline'), 5_000);
      const offline = t.events.slice(beforeStall).find((e) => e.type === 'offline');
      // Said as a dead connection (undici's body timeout on the stream), not as something the person did.
      expect(offline).toMatchObject({ type: 'offline', reason: expect.stringMatching(/timeout/i) as unknown });
      // The status the window shows, folded from the same events: no longer "online".
      const shown = t.events.reduce(reduceSyncStatus, initialSyncStatus({ kind: 'remote', url: proxy.url }, null));
      expect(shown.connection).toBe('offline');
      // Still silent: the console keeps trying new streams rather than waiting on the dead one.
      await waitFor(() => proxy.eventStreams() >= streamsBeforeStall + 2, 5_000);
      const beforeRecovery = t.events.length;
      stalled = false;
      await waitFor(() => t.events.slice(beforeRecovery).some((e) => e.type === 'online'), 10_000);
    } finally {
      await t.close();
      await proxy.close();
    }
  });
});

describe('a cache that cannot be written', () => {
  it('a full disk is reported as such, not as the backend being offline', async () => {
    const t = engineFor(backend);
    try {
      await t.engine.pullNow();
      // The file may not grow by one page: what SQLite says when the disk is full (SQLITE_FULL).
      const pages = t.cache.db.pragma('page_count', { simple: true }) as number;
      t.cache.db.pragma(`max_page_count = ${String(pages)}`);
      for (let i = 0; i < 300; i += 1)
        await backend.admin.createTicket({ subject: `Voller Datenträger ${'x'.repeat(400)}` });
      await expect(t.engine.pullNow()).rejects.toThrow();
      expect(t.events.find((e) => e.type === 'storage')).toMatchObject({ type: 'storage', problem: 'full' });
      expect(kinds(t.events)).not.toContain('offline');
    } finally {
      await t.close();
    }
  });

  it('from the start: the engine starts anyway, says so, and syncs once the disk takes writes again', async () => {
    // A new cache records its backend at the engine's start: the first write of all.
    const t = engineFor(backend);
    try {
      t.cache.db.pragma('query_only = ON');
      await t.engine.start();
      await waitFor(() => t.events.some((e) => e.type === 'storage'), 5_000);
      expect(t.events.find((e) => e.type === 'storage')).toMatchObject({ type: 'storage', problem: 'read-only' });
      t.cache.db.pragma('query_only = OFF');
      await t.engine.pullNow();
      expect(kinds(t.events)).toContain('caught-up');
      expect(t.cache.reader.syncState().backend).toBe(backend.url);
    } finally {
      t.cache.db.pragma('query_only = OFF');
      await t.close();
    }
  });

  it('is reported as a storage problem, not as the backend being offline', async () => {
    const t = engineFor(backend);
    try {
      await t.engine.pullNow();
      // The engine's connection writes through this handle: make SQLite refuse further writes.
      t.cache.db.pragma('query_only = ON');
      await backend.admin.createTicket();
      await expect(t.engine.pullNow()).rejects.toThrow();
      const storage = t.events.find((e) => e.type === 'storage');
      expect(storage).toMatchObject({ type: 'storage', problem: 'read-only' });
      expect(kinds(t.events)).not.toContain('offline');
    } finally {
      t.cache.db.pragma('query_only = OFF');
      await t.close();
    }
  });
});
