/**
 * Pages of the change feed as the writer takes them: one after another,
 * each record already validated against the shared schema.
 *
 * Two sources. `inlineFeed` reads on the calling thread, one request ahead:
 * the writer's own thread for a live pull of a few pages. A bootstrap
 * switches to the feed-reader thread (feed-reader.ts), which runs the same
 * `inlineFeed` there, so pages are received, decoded, parsed and validated
 * while the writer writes the previous ones (at 1M tickets that is ~18 s of
 * a ~70 s bootstrap taken off the writer's thread).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChangePage, SyncPhase, ValidChange } from '../../shared/sync-protocol.js';
import { validChanges } from '../../shared/valid-changes.js';
import type { ProblemInput } from '../db/types.js';
import type { ApiClient } from './http.js';

/** Plain data: it crosses postMessage from the feed-reader thread. */
export interface ParsedPage {
  valid: ValidChange[];
  problems: ProblemInput[];
  cursor: string;
  phase: SyncPhase;
  hasMore: boolean;
  progress: ChangePage['progress'];
  /** Time spent validating this page, on whichever thread did it. */
  parseMs: number;
}

export function parsePage(page: ChangePage): ParsedPage {
  const start = performance.now();
  const { valid, refused } = validChanges(page.changes);
  return {
    valid,
    problems: refused,
    cursor: page.cursor,
    phase: page.phase,
    hasMore: page.hasMore,
    progress: page.progress,
    parseMs: performance.now() - start,
  };
}

/** Records the feed says are still to come after this page (0 when it does not say). */
export function remainingAfter(page: Pick<ParsedPage, 'progress'>): number {
  return page.progress === null ? 0 : page.progress.total - page.progress.done;
}

export interface FeedPages {
  /** The page after the previous one; rejects on a failure the HTTP client's retries did not overcome. */
  next(): Promise<ParsedPage>;
  /** Stops reading ahead; a request in flight is abandoned. */
  close(): void;
}

export interface InlineFeedOptions {
  api: ApiClient;
  token: string;
  pageSize: number;
  signal: AbortSignal;
}

/** Reads on this thread, one request ahead: page N+1 is asked for before page N is returned. */
export function inlineFeed(o: InlineFeedOptions, from: string | null): FeedPages {
  // Its own controller, so that close() abandons this feed's request without stopping the engine.
  const abandon = new AbortController();
  const signal = abandon.signal;
  const stop = (): void => {
    abandon.abort(o.signal.reason);
  };
  o.signal.addEventListener('abort', stop, { once: true });
  if (o.signal.aborted) stop();
  const fetch = (cursor: string | null): Promise<ChangePage> => {
    const p = o.api.changes(o.token, cursor, o.pageSize, signal);
    // Awaited later; without a handler now, a failure during a write would be reported as unhandled.
    p.catch(() => undefined);
    return p;
  };
  let inflight: Promise<ChangePage> | null = fetch(from);
  return {
    async next() {
      if (inflight === null) throw new Error('the feed has no page after its last one');
      const page = await inflight;
      // The next request goes out before this page is written: network and disk overlap.
      inflight = page.hasMore ? fetch(page.cursor) : null;
      // Let the request just dispatched reach the socket before the synchronous validation and write.
      await nextTurn();
      return parsePage(page);
    },
    close() {
      inflight = null;
      o.signal.removeEventListener('abort', stop);
      abandon.abort();
    },
  };
}
