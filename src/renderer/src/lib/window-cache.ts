/**
 * A bounded cache of queue rows by page. The virtual list asks for the rows of
 * its visible range; the cache says which pages are missing, and evicts the
 * least recently used pages beyond `maxPages`, so the renderer never holds
 * more than a few thousand rows of a queue that may have a million.
 */
import type { QueueRowView } from '../../../shared/ipc.js';

export interface PageRequest {
  page: number;
  offset: number;
  limit: number;
}

export class WindowCache {
  private readonly pages = new Map<number, QueueRowView[]>();
  private readonly stale = new Set<number>();
  private readonly inFlight = new Set<number>();

  constructor(
    readonly pageSize = 100,
    readonly maxPages = 30,
  ) {}

  get size(): number {
    return this.pages.size;
  }

  rowAt(index: number): QueueRowView | undefined {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  /** Pages covering [start, end] that are absent or stale and not already being fetched. */
  missing(start: number, end: number, total: number): PageRequest[] {
    if (total <= 0 || end < start) return [];
    const last = Math.min(end, total - 1);
    const requests: PageRequest[] = [];
    for (let page = Math.floor(Math.max(0, start) / this.pageSize); page * this.pageSize <= last; page += 1) {
      if (this.inFlight.has(page)) continue;
      if (this.pages.has(page) && !this.stale.has(page)) {
        this.touch(page);
        continue;
      }
      requests.push({ page, offset: page * this.pageSize, limit: this.pageSize });
    }
    return requests;
  }

  markInFlight(page: number): void {
    this.inFlight.add(page);
  }

  /** Stores a fetched page (callers drop answers for an older query before calling this). */
  put(page: number, rows: QueueRowView[]): void {
    this.inFlight.delete(page);
    this.stale.delete(page);
    this.pages.delete(page);
    this.pages.set(page, rows);
    this.evict();
  }

  fail(page: number): void {
    this.inFlight.delete(page);
  }

  /** Keeps the rows on screen (no flicker) but fetches them again on the next `missing`. */
  invalidate(): void {
    for (const page of this.pages.keys()) this.stale.add(page);
    this.inFlight.clear();
  }

  clear(): void {
    this.pages.clear();
    this.stale.clear();
    this.inFlight.clear();
  }

  /** Optimistic change of one ticket's row; returns the previous row to undo it. */
  patch(id: string, change: Partial<QueueRowView>): QueueRowView | null {
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      const row = rows[i];
      if (row === undefined) continue;
      const next = rows.slice();
      next[i] = { ...row, ...change };
      this.pages.set(page, next);
      return row;
    }
    return null;
  }

  /** Index of a ticket among the cached rows, or -1. */
  indexOf(id: string): number {
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i !== -1) return page * this.pageSize + i;
    }
    return -1;
  }

  private touch(page: number): void {
    const rows = this.pages.get(page);
    if (!rows) return;
    this.pages.delete(page);
    this.pages.set(page, rows);
  }

  /** Map keeps insertion order and `touch` re-inserts: the first key is the least recently used. */
  private evict(): void {
    while (this.pages.size > this.maxPages) {
      const oldest = this.pages.keys().next();
      if (oldest.done === true) return;
      this.pages.delete(oldest.value);
      this.stale.delete(oldest.value);
    }
  }
}
