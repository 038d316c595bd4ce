/**
 * Pulls the change feed from a cursor to the server's head.
 *
 * Pipelined: pages are read ahead of the writer (feed-pages.ts: one request
 * ahead on this thread, or, for a bootstrap, several pages ahead in the
 * feed-reader thread) and each page is written as it arrives inside a
 * transaction that commits every few pages (10 pages per commit synced 1M
 * tickets in 111 s against 197 s at one page per commit, on two cores). The
 * cursor is only ever written together with the changes of every page up to
 * it, so a crash or a failed request never lets it pass data that was not
 * applied.
 */
import type { EntityKind } from '../../shared/entities.js';
import type { SyncPhase } from '../../shared/sync-protocol.js';
import type { ApplyResult, CacheWriter, WriteSession } from '../db/types.js';
import type { SyncEvent } from './events.js';
import { remainingAfter } from './feed-pages.js';
import type { FeedPages, ParsedPage } from './feed-pages.js';

const MAX_IDS_PER_KIND = 500;

export interface PullOptions {
  writer: CacheWriter;
  cursor: string | null;
  /** Reads on this thread (feed-pages.ts inlineFeed). */
  inlineFeed: (from: string | null) => FeedPages;
  /**
   * A pull with at least `threshold` records still to come after a page
   * reads the rest in the feed-reader thread (feed-reader.ts); null: never.
   */
  readAhead: { threshold: number; open: (from: string) => FeedPages } | null;
  pagesPerCommit: number;
  /** Also commit once this many changes are waiting, whatever the page count (bounds transaction size). */
  maxChangesPerCommit: number;
  emit: (event: SyncEvent) => void;
  /** A history phase with at least this many records still to come loads without the full queue indexes. */
  bulkLoadThreshold: number;
  /** Called once the urgent phase is known to be fully applied. */
  onUrgentDone: () => void;
  signal: AbortSignal;
  now: () => Date;
}

export interface PullResult {
  pages: number;
  applied: number;
  waitMs: number;
  parseMs: number;
  applyMs: number;
  /** Rebuilding the queue indexes after a bulk load. */
  indexMs: number;
  cursor: string | null;
  phase: SyncPhase | null;
}

function changedEvent(touched: ApplyResult['touched']): SyncEvent | null {
  const ids: Partial<Record<EntityKind, string[]>> = {};
  const many: EntityKind[] = [];
  for (const [kind, list] of Object.entries(touched) as [EntityKind, string[]][]) {
    if (list.length > MAX_IDS_PER_KIND) many.push(kind);
    else ids[kind] = list;
  }
  return Object.keys(ids).length === 0 && many.length === 0 ? null : { type: 'changed', ids, many };
}

export async function pullToHead(o: PullOptions): Promise<PullResult> {
  const result: PullResult = {
    pages: 0,
    applied: 0,
    waitMs: 0,
    parseMs: 0,
    applyMs: 0,
    indexMs: 0,
    cursor: o.cursor,
    phase: null,
  };
  let session: WriteSession | null = null;
  // What a commit needs of each page in it; not the records, which would otherwise live (and be
  // promoted by the garbage collector) until the commit, several pages later.
  let sessionPages: Omit<ParsedPage, 'valid'>[] = [];
  let sessionChanges = 0;

  /** Commits the open session with the cursor of its last page, then tells the UI what changed. */
  const commit = (): void => {
    const last = sessionPages.at(-1);
    if (session === null || last === undefined) return;
    const pages = sessionPages;
    const start = performance.now();
    const open = session;
    session = null;
    sessionPages = [];
    sessionChanges = 0;
    let applied: ApplyResult;
    try {
      applied = open.commit(last.cursor, last.phase);
    } catch (err) {
      // A failed COMMIT (disk full, I/O error) may leave the transaction open: end it, keep the old cursor.
      open.rollback();
      throw err;
    }
    result.applyMs += performance.now() - start;
    result.cursor = last.cursor;
    result.phase = last.phase;
    result.applied += applied.upserts + applied.deletes;
    for (const p of pages.flatMap((pg) => pg.problems))
      o.emit({ type: 'problem', kind: p.kind, id: p.id, reason: p.reason });
    const changed = changedEvent(applied.touched);
    if (changed !== null) o.emit(changed);
    o.emit({
      type: 'progress',
      phase: last.phase,
      done: last.progress?.done ?? result.applied,
      total: last.progress?.total ?? null,
    });
  };

  // A function: TypeScript does not see the closures above reassigning `session`.
  const sessionOpen = (): boolean => session !== null;

  const apply = (page: ParsedPage): void => {
    const start = performance.now();
    session ??= o.writer.beginSession();
    try {
      session.apply(page.valid, page.problems);
    } catch (err) {
      // A write that fails (disk full, corruption) must not commit half a session with a cursor.
      session.rollback();
      session = null;
      sessionPages = [];
      throw err;
    }
    result.applyMs += performance.now() - start;
    const { valid: _written, ...mark } = page;
    sessionPages.push(mark);
    sessionChanges += page.valid.length + page.problems.length;
  };

  /**
   * Large phases load without most queue indexes (bulk-indexes.ts): the
   * urgent phase without any but four small ones, rebuilt before the queues
   * count as usable; the history phase without the full-size ones, back
   * before live changes or at the head.
   */
  const bulkLoad = (page: ParsedPage): void => {
    const remaining = remainingAfter(page);
    if (page.phase !== 'urgent' && o.writer.bulkLoadScope() === 'urgent') finishBulkLoad();
    const large = remaining >= o.bulkLoadThreshold && !o.writer.isBulkLoading();
    if (large && page.phase === 'urgent') o.writer.beginBulkLoad('urgent');
    if (large && page.phase === 'history') o.writer.beginBulkLoad('history');
    if (page.phase === 'live') finishBulkLoad();
  };
  const finishBulkLoad = (): void => {
    if (!o.writer.isBulkLoading()) return;
    const start = performance.now();
    o.writer.endBulkLoad();
    result.indexMs += performance.now() - start;
  };

  let feed = o.inlineFeed(o.cursor);
  let readingAhead = false;
  try {
    for (;;) {
      const waitStart = performance.now();
      const parsed = await feed.next();
      result.waitMs += performance.now() - waitStart;
      result.parseMs += parsed.parseMs;
      result.pages += 1;
      if (!readingAhead && o.readAhead !== null && parsed.hasMore && remainingAfter(parsed) >= o.readAhead.threshold) {
        // A bootstrap: the rest is read, decoded and validated in the feed-reader thread while this one writes.
        feed.close();
        feed = o.readAhead.open(parsed.cursor);
        readingAhead = true;
      }
      if (sessionPages.length > 0 && sessionPages[0]?.phase !== parsed.phase) commit();
      // Schema changes in their own transaction, between sessions (the phase change above committed).
      if (!sessionOpen()) bulkLoad(parsed);
      // The feed goes urgent -> history -> live: a page of a later phase means urgent is complete and committed
      // (and its indexes rebuilt, just above).
      if (parsed.phase !== 'urgent') o.onUrgentDone();
      apply(parsed);
      if (!parsed.hasMore || sessionPages.length >= o.pagesPerCommit || sessionChanges >= o.maxChangesPerCommit)
        commit();
      if (!parsed.hasMore) break;
    }
  } catch (err) {
    // Pages already applied are sound: commit them with their cursor before reporting the failure.
    try {
      commit();
    } catch {
      // The original failure is the one worth reporting; the cursor stayed where the data is.
    }
    throw err;
  } finally {
    feed.close();
  }
  finishBulkLoad();
  return result;
}
