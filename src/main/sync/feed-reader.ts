/**
 * The feed-reader thread, seen from the writer: `openThreadFeed` starts
 * feed-reader-worker.ts on a cursor and returns its pages in order, each
 * handed over already validated. The reader stays at most `depth` pages
 * ahead (each page the writer takes lets it read one more), so memory stays
 * bounded however slow the disk is.
 */
import { Worker } from 'node:worker_threads';
import type { FeedPages, ParsedPage } from './feed-pages.js';
import type { FeedReaderData, FeedReaderFailure, FromFeedReader, ToFeedReader } from './feed-reader-protocol.js';
import { HttpStatusError } from './http.js';
import type { HttpTimeouts } from './http.js';
import type { RetryPolicy } from './retry-policy.js';
import { workerEntry } from './worker-entry.js';

export interface ThreadFeedOptions {
  baseUrl: string;
  token: string;
  pageSize: number;
  timeouts: Partial<HttpTimeouts>;
  retry: RetryPolicy;
  /** Pages read ahead at most; 4 keeps the writer fed through a slow page. */
  depth?: number;
  /** Where the built feed-reader-worker.js is, when a bundler put it elsewhere (worker-entry.ts). */
  workerUrl?: URL;
  signal: AbortSignal;
  onRetry?: () => void;
  /** A page has been awaited for `slowAfterMs` in the reader thread (its HTTP client's onSlow). */
  onSlow?: (afterMs: number) => void;
  /** A page arrived within `slowAfterMs` in the reader thread (its HTTP client's onAnswer). */
  onAnswer?: () => void;
}

function rebuild(f: FeedReaderFailure): Error {
  if (f.http !== null) return new HttpStatusError(f.http.status, f.http.reason, f.http.detail, f.http.retryAfterMs);
  const err = new Error(f.message);
  err.name = f.name;
  return err;
}

type Arrival = { page: ParsedPage } | { error: Error };

export function openThreadFeed(o: ThreadFeedOptions, from: string | null): FeedPages {
  const entry = workerEntry('feed-reader-worker', o.workerUrl);
  const data: FeedReaderData = {
    baseUrl: o.baseUrl,
    token: o.token,
    from,
    pageSize: o.pageSize,
    depth: o.depth ?? 4,
    timeouts: o.timeouts,
    retry: o.retry,
  };
  const worker = new Worker(entry.source, { workerData: data, eval: entry.evalCode });
  const arrived: Arrival[] = [];
  let waiting: ((a: Arrival) => void) | null = null;
  let closed = false;
  const arrive = (a: Arrival): void => {
    if (waiting === null) arrived.push(a);
    else {
      const w = waiting;
      waiting = null;
      w(a);
    }
  };

  worker.on('message', (msg: FromFeedReader) => {
    if (msg.type === 'page') arrive({ page: msg.page });
    else if (msg.type === 'retry') o.onRetry?.();
    else if (msg.type === 'slow') o.onSlow?.(msg.afterMs);
    else if (msg.type === 'answer') o.onAnswer?.();
    else arrive({ error: rebuild(msg.failure) });
  });
  worker.on('error', (err) => {
    arrive({ error: new Error(`feed reader crashed: ${err.message}`) });
  });
  worker.on('exit', (code) => {
    if (!closed) arrive({ error: new Error(`feed reader stopped (exit code ${code})`) });
  });
  const close = (): void => {
    if (closed) return;
    closed = true;
    o.signal.removeEventListener('abort', onAbort);
    void worker.terminate();
  };
  const onAbort = (): void => {
    const err = new Error('the sync was stopped');
    err.name = 'AbortError';
    arrive({ error: err });
    close();
  };
  o.signal.addEventListener('abort', onAbort, { once: true });
  if (o.signal.aborted) onAbort();

  return {
    async next() {
      const a = arrived.shift() ?? (await new Promise<Arrival>((resolve) => (waiting = resolve)));
      if ('error' in a) {
        // The failure stays first in line: asking again gets it again, never a page after the gap.
        arrived.unshift(a);
        throw a.error;
      }
      if (!closed) worker.postMessage({ type: 'taken' } satisfies ToFeedReader);
      return a.page;
    },
    close,
  };
}
