/**
 * `SqlDatabase` (sql.ts) over one better-sqlite3 connection, opened by
 * `openBackendDb` (schema.ts). better-sqlite3 is synchronous; the interface is
 * not, so two requests of one process interleave at every `await`:
 *
 * - a write transaction holds an in-process lock from BEGIN IMMEDIATE to
 *   COMMIT/ROLLBACK, so a second one waits its turn instead of starting
 *   inside the first (one connection has one transaction);
 * - a statement outside any transaction waits while one is open: on the same
 *   connection it would otherwise read that transaction's uncommitted rows
 *   (a feed page could hand out a seq that is then rolled back);
 * - a `transaction`, or a statement on the database rather than on `tx`, made
 *   from inside a transaction would wait for itself forever: it throws
 *   instead, found with AsyncLocalStorage.
 *
 * Statements are prepared once per SQL text and kept (the feed's hot path).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Database as Db, Statement } from 'better-sqlite3';
import type { BulkWriter } from './bulk-writer.js';
import { openSqliteBulkWriter } from './sqlite-bulk.js';
import type { SqlDatabase, SqlDialect, SqlParams, SqlRunResult, SqlSession, SqlValue } from './sql.js';

export const SQLITE_DIALECT: SqlDialect = {
  name: 'sqlite',
  bytes: (column) => `CAST(${column} AS BLOB)`,
};

type Bound = string | number | null | Buffer;

/** better-sqlite3 binds Buffers: a plain Uint8Array is viewed as one, without a copy. */
function bind(params: SqlParams | undefined): Bound[] {
  if (params === undefined) return [];
  return params.map((p: SqlValue) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p,
  );
}

/** The statements of one connection, prepared once per SQL text (and once more in raw mode for `rows`). */
class StatementCache {
  private readonly objects = new Map<string, Statement>();
  private readonly arrays = new Map<string, Statement>();

  constructor(private readonly raw: Db) {}

  object(sql: string): Statement {
    let stmt = this.objects.get(sql);
    if (stmt === undefined) {
      stmt = this.raw.prepare(sql);
      this.objects.set(sql, stmt);
    }
    return stmt;
  }

  array(sql: string): Statement {
    let stmt = this.arrays.get(sql);
    if (stmt === undefined) {
      stmt = this.raw.prepare(sql).raw(true);
      this.arrays.set(sql, stmt);
    }
    return stmt;
  }
}

/** Runs statements synchronously on the connection; the promise is only the interface's shape. */
class Executor {
  constructor(private readonly stmts: StatementCache) {}

  all(sql: string, params?: SqlParams): object[] {
    return this.stmts.object(sql).all(...bind(params)) as object[];
  }

  rows(sql: string, params?: SqlParams): unknown[][] {
    return this.stmts.array(sql).all(...bind(params)) as unknown[][];
  }

  get(sql: string, params?: SqlParams): object | undefined {
    return this.stmts.object(sql).get(...bind(params)) as object | undefined;
  }

  run(sql: string, params?: SqlParams): SqlRunResult {
    return { changes: this.stmts.object(sql).run(...bind(params)).changes };
  }
}

/** One transaction's session: usable until its transaction ends. */
class TransactionSession implements SqlSession {
  readonly dialect = SQLITE_DIALECT;
  open = true;

  constructor(private readonly exec: Executor) {}

  private check(): void {
    if (!this.open) throw new Error('SqliteDatabase: this transaction has ended; its session cannot run statements.');
  }

  all<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    this.check();
    return Promise.resolve(this.exec.all(sql, params) as T[]);
  }

  rows(sql: string, params?: SqlParams): Promise<unknown[][]> {
    this.check();
    return Promise.resolve(this.exec.rows(sql, params));
  }

  get<T extends object>(sql: string, params?: SqlParams): Promise<T | undefined> {
    this.check();
    return Promise.resolve(this.exec.get(sql, params) as T | undefined);
  }

  run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    this.check();
    return Promise.resolve(this.exec.run(sql, params));
  }
}

export class SqliteDatabase implements SqlDatabase {
  readonly dialect = SQLITE_DIALECT;
  private readonly stmts: StatementCache;
  private readonly exec: Executor;
  /** Resolves when the open write transaction ends; null when none is open. */
  private busy: Promise<void> | null = null;
  /** The transaction the current async call chain runs in, if any. */
  private readonly inside = new AsyncLocalStorage<TransactionSession>();

  constructor(
    /** The connection; only db/ code touches it directly (migrations, the bulk load). */
    readonly raw: Db,
  ) {
    this.stmts = new StatementCache(raw);
    this.exec = new Executor(this.stmts);
  }

  private refuseInside(what: string): void {
    if (this.inside.getStore() !== undefined) {
      throw new Error(
        `SqliteDatabase: ${what} called inside a transaction would wait for that transaction to end; use its tx session instead.`,
      );
    }
  }

  async all<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    this.refuseInside('a statement on the database');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    return this.exec.all(sql, params) as T[];
  }

  async rows(sql: string, params?: SqlParams): Promise<unknown[][]> {
    this.refuseInside('a statement on the database');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    return this.exec.rows(sql, params);
  }

  async get<T extends object>(sql: string, params?: SqlParams): Promise<T | undefined> {
    this.refuseInside('a statement on the database');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    return this.exec.get(sql, params) as T | undefined;
  }

  async run(sql: string, params?: SqlParams): Promise<SqlRunResult> {
    this.refuseInside('a statement on the database');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    return this.exec.run(sql, params);
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    this.refuseInside('transaction()');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    let release = (): void => undefined;
    this.busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    const session = new TransactionSession(this.exec);
    try {
      this.exec.run('BEGIN IMMEDIATE');
      try {
        const value = await this.inside.run(session, () => fn(session));
        this.exec.run('COMMIT');
        return value;
      } catch (err) {
        if (this.raw.inTransaction) this.exec.run('ROLLBACK');
        throw err;
      }
    } finally {
      session.open = false;
      this.busy = null;
      release();
    }
  }

  /**
   * The seed's bulk load: one write transaction on the connection, held until
   * the writer commits or rolls back (nothing else writes meanwhile).
   */
  async openBulkWriter(): Promise<BulkWriter> {
    this.refuseInside('openBulkWriter()');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    let release = (): void => undefined;
    this.busy = new Promise<void>((resolve) => {
      release = resolve;
    });
    const done = (): void => {
      this.busy = null;
      release();
    };
    try {
      return openSqliteBulkWriter(this.raw, done);
    } catch (err) {
      done();
      throw err;
    }
  }

  /**
   * After deleting personal data (purged documents): `secure_delete` zeroed the
   * pages, and a checkpoint folds the WAL, which may still hold them, into the file.
   */
  async forgetDeleted(): Promise<void> {
    this.refuseInside('forgetDeleted()');
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    this.raw.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    // Inline, not in a helper: the statement must run in the same turn that found no transaction open.
    while (this.busy !== null) await this.busy;
    if (this.raw.open) this.raw.close();
  }
}
