import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { inlineFeed } from './feed-pages.js';
import type { FeedPages, ParsedPage } from './feed-pages.js';
import { openThreadFeed } from './feed-reader.js';
import type { ThreadFeedOptions } from './feed-reader.js';
import { createApiClient, HttpStatusError, login } from './http.js';
import { backendOptions, DEMO_LOGIN, FAST_RETRY, threadNiceValues, waitFor } from './test-support.js';
import { READ_AHEAD_NICE } from './thread-priority.js';

let backend: ReferenceBackend;
let token: string;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(1500));
  token = (await login(backend.url, DEMO_LOGIN.login, DEMO_LOGIN.password)).token;
});
afterAll(async () => {
  await backend.close();
});

/** Every page to the end of the feed, without the per-page timing. */
async function readAll(feed: FeedPages): Promise<Omit<ParsedPage, 'parseMs'>[]> {
  const pages: Omit<ParsedPage, 'parseMs'>[] = [];
  try {
    for (;;) {
      const { parseMs, ...page } = await feed.next();
      expect(parseMs).toBeGreaterThanOrEqual(0);
      pages.push(page);
      if (!page.hasMore) return pages;
    }
  } finally {
    feed.close();
  }
}

function threadOptions(over: Partial<ThreadFeedOptions> = {}): ThreadFeedOptions {
  return {
    baseUrl: backend.url,
    token,
    pageSize: 100,
    timeouts: {},
    retry: FAST_RETRY,
    signal: new AbortController().signal,
    ...over,
  };
}

/** A loopback proxy in front of the backend that counts the change-feed requests it forwards. */
async function countingProxy(): Promise<{ url: string; feedRequests: () => number; close: () => Promise<void> }> {
  const target = new URL(backend.url);
  let count = 0;
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/v1/changes') === true) count += 1;
    const upstream = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    feedRequests: () => count,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('the feed-reader thread', () => {
  it('hands over the pages reading on this thread gives, an invalid record set aside with its reason', async () => {
    const victim = await backend.admin.createTicket();
    await backend.admin.writeUnchecked('ticket', victim.id, {
      ...victim,
      version: victim.version + 1,
      status: 'exploded',
    });

    const api = createApiClient(backend.url, { retry: FAST_RETRY });
    const here = await readAll(inlineFeed({ api, token, pageSize: 100, signal: new AbortController().signal }, null));
    await api.close();
    const first = here[0];
    if (first === undefined) throw new Error('empty feed');
    const there = await readAll(openThreadFeed(threadOptions(), first.cursor));

    expect(here.length).toBeGreaterThan(10);
    expect(there).toEqual(here.slice(1));
    const problems = there.flatMap((p) => p.problems);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'ticket', id: victim.id });
    expect(problems[0]?.reason).toMatch(/status/);
    expect(there.at(-1)?.cursor).toBe(await backend.admin.head());
  });

  it('reads at most `depth` pages ahead of the writer, at a priority below it', async () => {
    const proxy = await countingProxy();
    const feed = openThreadFeed(threadOptions({ baseUrl: proxy.url, pageSize: 20, depth: 2 }), null);
    try {
      await feed.next();
      // The reader thread runs below the writer (thread-priority.ts), which is what sets a bootstrap's pace.
      if (process.platform === 'linux') expect([...threadNiceValues().values()]).toContain(READ_AHEAD_NICE);
      // Taken: 1; handed over and waiting: 2; one more read and held until the writer takes another.
      await waitFor(() => proxy.feedRequests() >= 4, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(proxy.feedRequests()).toBe(4);
      await feed.next();
      await waitFor(() => proxy.feedRequests() >= 5, 10_000);
      await new Promise((r) => setTimeout(r, 300));
      expect(proxy.feedRequests()).toBe(5);
    } finally {
      feed.close();
      await proxy.close();
    }
  });

  it("passes the backend's refusal on as an HttpStatusError, and keeps it", async () => {
    const feed = openThreadFeed(threadOptions({ token: 'not-a-token' }), null);
    try {
      await expect(feed.next()).rejects.toSatisfy(
        (err: unknown) => err instanceof HttpStatusError && err.status === 401,
      );
      await expect(feed.next()).rejects.toBeInstanceOf(HttpStatusError);
    } finally {
      feed.close();
    }
  });

  it('stops when the sync is stopped', async () => {
    const proxy = await countingProxy();
    backend.setFaults({ latencyMs: 2_000 });
    const stop = new AbortController();
    const feed = openThreadFeed(threadOptions({ baseUrl: proxy.url, signal: stop.signal }), null);
    try {
      const waiting = feed.next();
      setTimeout(() => {
        stop.abort();
      }, 100);
      await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      backend.setFaults({ latencyMs: 0 });
      feed.close();
      await proxy.close();
    }
  });
});
