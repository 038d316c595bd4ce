/** Messages between openThreadFeed (feed-reader.ts) and feed-reader-worker.ts. Plain data: they cross postMessage. */
import type { HttpTimeouts } from './http.js';
import type { ParsedPage } from './feed-pages.js';
import type { RetryPolicy } from './retry-policy.js';

export interface FeedReaderData {
  baseUrl: string;
  token: string;
  /** The cursor to read after; null: from the start. */
  from: string | null;
  pageSize: number;
  /** Pages read ahead of the writer at most (each ~0.4-0.7 MB once parsed). */
  depth: number;
  timeouts: Partial<HttpTimeouts>;
  retry: RetryPolicy;
}

/** The writer took a page: the reader may read one more. */
export interface ToFeedReader {
  type: 'taken';
}

/** A failure the HTTP client gave up on; an HttpStatusError keeps its status, reason and Retry-After. */
export interface FeedReaderFailure {
  message: string;
  name: string;
  http: { status: number; reason: string | null; detail: string; retryAfterMs: number | undefined } | null;
}

/**
 * `slow`: a page has been awaited for `afterMs` (the HTTP client's onSlow); `answer`: a page came in time
 * (its onAnswer). The writer's engine turns them into the status's `slow` / `online`, as for its own requests.
 */
export type FromFeedReader =
  | { type: 'page'; page: ParsedPage }
  | { type: 'retry' }
  | { type: 'slow'; afterMs: number }
  | { type: 'answer' }
  | { type: 'failed'; failure: FeedReaderFailure };
