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
import { backendOptions, engineFor } from './test-support.js';

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
    const t = engineFor(backend, { timeouts: { slowAfterMs: 150, answerDeadlineMs: 5_000 } });
    try {
      await t.engine.pullNow();
      expect(kinds(t.events)).toContain('online');
      expect(kinds(t.events)).not.toContain('slow');

      backend.setFaults({ ...NO_FAULTS, latencyMs: 400 });
      backend.admin.createTicket();
      await t.engine.pullNow();
      const afterSlow = kinds(t.events);
      expect(afterSlow).toContain('slow');
      // Still answering: slow is never reported as offline.
      expect(afterSlow).not.toContain('offline');

      backend.setFaults(NO_FAULTS);
      backend.admin.createTicket();
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
      backend.admin.createTicket();
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
 * A loopback proxy in front of the backend that holds back the change-feed requests `slow(n)` picks (n: the
 * feed request's number, from 1) by `delayMs` before forwarding them: late pages at chosen moments of a pull.
 */
async function delayingProxy(
  target: string,
  slow: (n: number) => boolean,
  delayMs: number,
): Promise<{ url: string; close: () => Promise<void> }> {
  const to = new URL(target);
  let feedRequests = 0;
  const server = http.createServer((req, res) => {
    const late = req.url?.startsWith('/v1/changes') === true && slow((feedRequests += 1));
    const forward = (): void => {
      const upstream = http.request(
        { host: to.hostname, port: to.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (late) setTimeout(forward, delayMs);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${String(port)}`,
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
    const proxy = await delayingProxy(backend.url, (n) => n === 2 || n === 3, 700);
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

describe('a cache that cannot be written', () => {
  it('a full disk is reported as such, not as the backend being offline', async () => {
    const t = engineFor(backend);
    try {
      await t.engine.pullNow();
      // The file may not grow by one page: what SQLite says when the disk is full (SQLITE_FULL).
      const pages = t.cache.db.pragma('page_count', { simple: true }) as number;
      t.cache.db.pragma(`max_page_count = ${String(pages)}`);
      for (let i = 0; i < 300; i += 1) backend.admin.createTicket({ subject: `Voller Datenträger ${'x'.repeat(400)}` });
      await expect(t.engine.pullNow()).rejects.toThrow();
      expect(t.events.find((e) => e.type === 'storage')).toMatchObject({ type: 'storage', problem: 'full' });
      expect(kinds(t.events)).not.toContain('offline');
    } finally {
      await t.close();
    }
  });

  it('is reported as a storage problem, not as the backend being offline', async () => {
    const t = engineFor(backend);
    try {
      await t.engine.pullNow();
      // The engine's connection writes through this handle: make SQLite refuse further writes.
      t.cache.db.pragma('query_only = ON');
      backend.admin.createTicket();
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
