/**
 * Worker-thread entry: reads the change feed ahead of the writer. It
 * receives, decodes, parses and validates each page, then hands it over
 * (structured clone, ~2 ms for a 1,000-record page on the writer's side
 * against ~10 ms to read and validate it there). It writes nothing and keeps
 * no state, so a crash or a kill loses only pages the writer never had.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createApiClient, HttpStatusError } from './http.js';
import { inlineFeed } from './feed-pages.js';
import type { FeedReaderData, FeedReaderFailure, FromFeedReader, ToFeedReader } from './feed-reader-protocol.js';
import { lowerThisThreadPriority, READ_AHEAD_NICE } from './thread-priority.js';

const port = parentPort;
if (port === null) throw new Error('feed-reader-worker.ts must run in a worker thread');
const post = (msg: FromFeedReader): void => {
  port.postMessage(msg);
};
const data = workerData as FeedReaderData;
// Background work, below even the writer: the UI's reads on the main thread go first, and when the writer (the
// bootstrap's critical path) and this thread want the same core, the writer goes first. This thread still gets
// every cycle the writer leaves, which is enough to stay ahead of it.
lowerThisThreadPriority(READ_AHEAD_NICE);

let credit = data.depth;
let wake: (() => void) | null = null;
// The only message in: the writer took a page.
port.on('message', (_msg: ToFeedReader) => {
  credit += 1;
  wake?.();
  wake = null;
});
const creditAvailable = (): Promise<void> =>
  credit > 0 ? Promise.resolve() : new Promise((resolve) => (wake = resolve));

function failure(err: unknown): FeedReaderFailure {
  const e = err instanceof Error ? err : new Error(String(err));
  const http =
    err instanceof HttpStatusError
      ? { status: err.status, reason: err.reason, detail: err.detail, retryAfterMs: err.retryAfterMs }
      : null;
  return { message: e.message, name: e.name, http };
}

const api = createApiClient(data.baseUrl, {
  timeouts: data.timeouts,
  retry: data.retry,
  onRetry: () => {
    post({ type: 'retry' });
  },
  // The bootstrap's pages are read here, not by the engine's client: without these, a backend that answers
  // late during a first sync would leave the status "online".
  onSlow: (afterMs) => {
    post({ type: 'slow', afterMs });
  },
  onAnswer: () => {
    post({ type: 'answer' });
  },
});

// The same reading as a live pull's (one request ahead, then validation), gated by the writer's credit.
const feed = inlineFeed(
  { api, token: data.token, pageSize: data.pageSize, signal: new AbortController().signal },
  data.from,
);
try {
  for (;;) {
    await creditAvailable();
    const page = await feed.next();
    credit -= 1;
    post({ type: 'page', page });
    if (!page.hasMore) break;
  }
} catch (err) {
  post({ type: 'failed', failure: failure(err) });
}
// The thread then idles until the writer, having taken the last page or the failure, terminates it.
await api.close();
