/**
 * Where the seed writes: the backend's bulk sink (store/bulk.ts) in
 * production, a collecting or counting sink in tests and measurements.
 */
import type { SeedSink } from '../store/bulk.js';

export type { SeedSink };
export type SeedAgentRow = Parameters<SeedSink['agents']>[0][number];
export type SeedDocumentRow = Parameters<SeedSink['documents']>[0][number];

/** Hands rows to the sink in fixed-size batches, so memory stays flat at a million tickets. */
export class Batcher<T> {
  private rows: T[] = [];

  constructor(
    private readonly flush: (rows: T[]) => void,
    private readonly size = 1000,
  ) {}

  push(row: T): void {
    this.rows.push(row);
    if (this.rows.length >= this.size) this.end();
  }

  end(): void {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.flush(rows);
  }
}
