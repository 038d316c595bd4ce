/**
 * The one storage interface of the reference backend. Two implementations keep
 * the same behaviour: SQLite (one file, one process: the embedded default and
 * the demo) and PostgreSQL (a database the provider already operates, any
 * number of stateless backend processes).
 *
 * Queries are written once, in the SQL both speak, with `?` placeholders; an
 * implementation translates what differs (PostgreSQL numbers its placeholders).
 * What cannot be written portably is a method of `SqlDialect`, never an `if` on
 * the dialect's name in a store module.
 */
import type { BulkWriter } from './bulk-writer.js';

/** A parameter: integers as numbers (ids and seqs stay below 2^53), bytes as Uint8Array. */
export type SqlValue = string | number | null | Uint8Array;
export type SqlParams = readonly SqlValue[];

export interface SqlRunResult {
  /** Rows inserted, updated or deleted by the statement. */
  readonly changes: number;
}

export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** An expression that reads a TEXT column as its UTF-8 bytes (a Buffer in JS): feed pages are concatenated bytes. */
  bytes(column: string): string;
}

/** Where a statement runs: the database outside any transaction, or one transaction. */
export interface SqlSession {
  readonly dialect: SqlDialect;
  all<T extends object>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Rows as arrays in column order: the feed's hot path builds no objects. */
  rows(sql: string, params?: SqlParams): Promise<unknown[][]>;
  get<T extends object>(sql: string, params?: SqlParams): Promise<T | undefined>;
  run(sql: string, params?: SqlParams): Promise<SqlRunResult>;
  /**
   * In a write transaction that locked the sequencer row as its first
   * statement (PostgreSQL), the `feed_head` seq that statement returned: the
   * head as this transaction sees it until it writes the row, so the record
   * store needs no second round trip to read it. Undefined elsewhere (SQLite,
   * whose reads cost no round trip, and the unsafe test switch).
   */
  readonly lockedHead?: number;
}

export interface SqlDatabase extends SqlSession {
  /**
   * Runs fn in one write transaction, committed when it resolves and rolled
   * back when it throws. Write transactions are serialised, across processes
   * too: SQLite by its one writer (BEGIN IMMEDIATE, one connection per
   * process); PostgreSQL by the sequencer row, locked by the transaction's
   * first statement. So every read that decides a write (a version check, an
   * idempotency key, a free slot) belongs inside, through `tx`, and sees every
   * transaction committed before it. Never call it again from inside fn.
   */
  transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T>;
  /**
   * The seed's bulk load into an empty database (store/bulk.ts), the
   * database's fastest way in (bulk-writer.ts). Nothing else writes until it
   * commits or rolls back.
   */
  openBulkWriter(): Promise<BulkWriter>;
  /**
   * After personal data was deleted (purged identity documents): whatever the
   * database keeps of deleted rows beside its tables goes too (SQLite: the WAL
   * is checkpointed into the zeroed pages of the file).
   */
  forgetDeleted(): Promise<void>;
  close(): Promise<void>;
}
