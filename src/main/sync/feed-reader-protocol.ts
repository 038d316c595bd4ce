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

export type FromFeedReader =
  { type: 'page'; page: ParsedPage } | { type: 'retry' } | { type: 'failed'; failure: FeedReaderFailure };
