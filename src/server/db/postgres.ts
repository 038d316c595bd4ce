/**
 * The storage interface (sql.ts) over PostgreSQL, for a desk that outgrows one
 * machine: any number of stateless backend processes share one database.
 *
 * Writers are serialised by the sequencer row: the first statement of every
 * write transaction locks `feed_head` (FOR UPDATE), and the lock is held until
 * COMMIT. So a transaction that hands out seq n+1 starts only after the one
 * that handed out n has committed and become visible (PostgreSQL removes a
 * transaction from the running set before it releases its locks), and a feed
 * reader can never see n+1 while n is still to come. docs/ARCHITECTURE.md,
 * "The change feed on PostgreSQL", has the whole argument.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { PoolClient, QueryResultRow } from 'pg';
import type { BulkWriter } from './bulk-writer.js';
import { openPostgresBulkWriter } from './postgres-bulk.js';
import type { SqlDatabase, SqlDialect, SqlParams, SqlRunResult, SqlSession } from './sql.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Every integer column is BIGINT here; ids, seqs and epoch milliseconds stay far below 2^53. */
type TypeParser = (value: string) => unknown;
const builtinParser = pg.types.getTypeParser.bind(pg.types) as (oid: number, format?: 'text' | 'binary') => TypeParser;
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary'): TypeParser =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : builtinParser(oid, format),
};

export const POSTGRES_DIALECT: SqlDialect = {
  name: 'postgres',
  bytes: (column) => `convert_to(${column}, 'UTF8')`,
};

/**
 * `?` placeholders become `$1…$n`. Question marks inside string literals,
 * quoted identifiers and comments are left alone.
 */
export function numberPlaceholders(sql: string): string {
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = sql.indexOf(c, i + 1);
      const stop = end === -1 ? sql.length : end + 1;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      const stop = end === -1 ? sql.length : end;
      out += sql.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Texts are translated once: the store modules reuse a handful of statements. */
const translated = new Map<string, string>();
function toPostgres(sql: string): string {
  let text = translated.get(sql);
  if (text === undefined) {
    text = numberPlaceholders(sql);
    translated.set(sql, text);
  }
  return text;
}

type Queryable = Pick<pg.Pool, 'query'> | PoolClient;

class PostgresSession implements SqlSession {
  readonly dialect = POSTGRES_DIALECT;
  constructor(
    private readonly on: Queryable,
    readonly lockedHead?: number,
  ) {}

  async all<T extends object>(sql: string, params: SqlParams = []): Promise<T[]> {
    const res = await this.on.query<QueryResultRow>(toPostgres(sql), params as unknown[]);
    return res.rows as T[];
  }

  async rows(sql: string, params: SqlParams = []): Promise<unknown[][]> {
    const res = await this.on.query<unknown[]>({
      text: toPostgres(sql),
      values: params as unknown[],
      rowMode: 'array',
    });
    return res.rows;
  }

  async get<T extends object>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    const rows = await this.all<T>(sql, params);
    return rows[0];
  }

  async run(sql: string, params: SqlParams = []): Promise<SqlRunResult> {
    const res = await this.on.query(toPostgres(sql), params as unknown[]);
    return { changes: res.rowCount ?? 0 };
  }
}

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (or a socket folder as `host`). */
  url: string;
  /** Connections of this process; default 10. */
  poolSize?: number;
  /**
   * TEST SWITCH, never for production: write transactions do not lock the
   * sequencer row first. Seqs are then taken before commit by racing writers
   * and can become visible out of order: the concurrent-writers feed checker
   * must catch it.
   */
  unsafeSequencer?: boolean;
}

/** Locks the sequencer row; every write transaction starts with it. */
const LOCK_SEQUENCER = 'SELECT seq FROM feed_head WHERE id = 1 FOR UPDATE';

async function lockSequencer(client: PoolClient): Promise<number> {
  const res = await client.query<{ seq: number }>(LOCK_SEQUENCER);
  const row = res.rows[0];
  if (row === undefined) throw new Error('The backend database has no sequencer row (migration 006).');
  return row.seq;
}

export class PostgresDatabase extends PostgresSession implements SqlDatabase {
  private readonly inTransaction = new AsyncLocalStorage<true>();
  private readonly unsafeSequencer: boolean;

  constructor(
    readonly pool: pg.Pool,
    opts: Pick<PostgresOptions, 'unsafeSequencer'> = {},
  ) {
    super(pool);
    this.unsafeSequencer = opts.unsafeSequencer === true;
  }

  async transaction<T>(fn: (tx: SqlSession) => Promise<T>): Promise<T> {
    if (this.inTransaction.getStore()) {
      throw new Error('SqlDatabase.transaction called inside a transaction: pass its `tx` down instead');
    }
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      // The lock's row is the newest committed head (a FOR UPDATE that waited reads the version its holder
      // committed); it is handed to the transaction so the record store does not read it a second time.
      const lockedHead = this.unsafeSequencer ? undefined : await lockSequencer(client);
      const value = await this.inTransaction.run(true, () => fn(new PostgresSession(client, lockedHead)));
      await client.query('COMMIT');
      return value;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        // The connection itself failed: it must not go back to the pool.
        broken = true;
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  openBulkWriter(): Promise<BulkWriter> {
    if (this.inTransaction.getStore()) throw new Error('openBulkWriter() called inside a transaction');
    return openPostgresBulkWriter(this.pool);
  }

  /**
   * A purged document's old row versions are removed from the table's pages now rather than at the next
   * autovacuum. PostgreSQL does not zero the space they leave (nor the WAL and its archives): docs/deploy.md
   * says what that means for backups.
   */
  async forgetDeleted(): Promise<void> {
    await this.pool.query('VACUUM document');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export function postgresPool(opts: PostgresOptions): pg.Pool {
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10, types });
  // An idle connection that dies (the database restarted) is dropped by the pool; without a listener the
  // 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}
