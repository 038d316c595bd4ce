/**
 * Opens the backend's storage from its options: a SQLite file (the embedded
 * default, one process) or a PostgreSQL database (any number of processes),
 * with the message bus that goes with it. PostgreSQL's modules load only when
 * asked for: the console's embedded backend never needs them.
 */
import type { MessageBus } from './bus/bus.js';
import { InProcessBus } from './bus/bus.js';
import { openBackendDb } from './db/schema.js';
import type { SqlDatabase } from './db/sql.js';
import { SqliteDatabase } from './db/sqlite-database.js';

export interface StorageOptions {
  /** The SQLite file. */
  dbPath?: string;
  /** Path of a better-sqlite3 build to load instead of node_modules' own (see src/main/backend/embedded.ts). */
  nativeBinding?: string;
  /** postgres://… : PostgreSQL instead of a file. */
  databaseUrl?: string;
  /**
   * TEST SWITCH for the concurrent-writers feed checker, never for production: PostgreSQL write
   * transactions do not lock the sequencer row first (db/postgres.ts).
   */
  unsafeSequencer?: boolean;
  /** The bus between processes; default: in-process (SQLite), LISTEN/NOTIFY (PostgreSQL). */
  bus?: MessageBus;
}

export interface Storage {
  db: SqlDatabase;
  bus: MessageBus;
  /** Names the database in messages, without a password. */
  label: string;
  close(): Promise<void>;
}

/** The URL without its password, for messages and logs. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return 'the PostgreSQL database';
  }
}

export async function openStorage(opts: StorageOptions): Promise<Storage> {
  if ((opts.dbPath === undefined) === (opts.databaseUrl === undefined)) {
    throw new Error('The backend needs exactly one database: a SQLite file (--db) or a PostgreSQL URL (--database).');
  }
  if (opts.databaseUrl === undefined) {
    const db = new SqliteDatabase(openBackendDb(opts.dbPath as string, opts.nativeBinding));
    const bus = opts.bus ?? new InProcessBus();
    return {
      db,
      bus,
      label: opts.dbPath as string,
      close: async () => {
        await bus.close();
        await db.close();
      },
    };
  }
  const url = opts.databaseUrl;
  if (!/^postgres(?:ql)?:\/\//.test(url)) {
    // Not echoed: what was given may hold a password in a shape redactedUrl cannot parse.
    throw new Error('--database takes a PostgreSQL URL: postgres://user:password@host:port/database.');
  }
  const [{ PostgresDatabase, postgresPool }, { migratePostgres }, { PostgresBus }] = await Promise.all([
    import('./db/postgres.js'),
    import('./db/schema-postgres.js'),
    import('./bus/postgres-bus.js'),
  ]);
  const pool = postgresPool({ url });
  try {
    await migratePostgres(pool);
    const bus = opts.bus ?? (await PostgresBus.start(pool, { url }));
    const db = new PostgresDatabase(pool, { unsafeSequencer: opts.unsafeSequencer });
    return {
      db,
      bus,
      label: redactedUrl(url),
      close: async () => {
        await bus.close();
        await db.close();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    // node-postgres says "connect ECONNREFUSED 127.0.0.1:5432": say which database it was about.
    const why = err instanceof Error ? err.message : 'unknown error';
    throw new Error(`Could not open the PostgreSQL database ${redactedUrl(url)}: ${why}`, { cause: err });
  }
}
