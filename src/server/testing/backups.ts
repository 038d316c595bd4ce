/**
 * Databases a test keeps across backend restarts, and their backups: a copy taken while no backend runs on a
 * database, later put back in its place, as an operator restores a backup. One implementation per storage, so a
 * test of what a restore does (history.test.ts) is one test on both; `testDatabases()` picks the storage of this
 * run (testing/harness.ts, BACKEND_TEST_STORAGE).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isPostgresRun } from './harness.js';
import { createTempPostgresDatabase, onCluster, testPostgresUrl } from './postgres.js';
import type { TempPostgresDatabase } from './postgres.js';

/** What names a database to `startTestBackend` (and to `startReferenceBackend`). */
export type DatabaseOptions = { dbPath: string } | { databaseUrl: string };

export interface TestDatabases {
  /** A new empty database; a backend started on it (`startTestBackend({ ...db })`) leaves it when disposed. */
  create(): Promise<DatabaseOptions>;
  /** A backup of `db`: a new database holding what `db` holds now. No backend may run on `db`. */
  backup(db: DatabaseOptions): Promise<DatabaseOptions>;
  /** Restores `backup` in `db`'s place: `db`, under its own name, holds what the backup holds. No backend runs on either. */
  restore(backup: DatabaseOptions, db: DatabaseOptions): Promise<void>;
  /** Removes every database made here. */
  dispose(): Promise<void>;
}

/** The databases of this run's storage: SQLite files, or PostgreSQL databases in vitest's `postgres` project. */
export function testDatabases(): TestDatabases {
  return isPostgresRun() ? postgresDatabases() : sqliteDatabases();
}

/** SQLite: files in a temp folder; a backup is a copy of the file of a closed backend. */
export function sqliteDatabases(): TestDatabases {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'test-databases-'));
  let made = 0;
  const fileOf = (db: DatabaseOptions): string => {
    if (!('dbPath' in db)) throw new Error('not a SQLite database of this run');
    return db.dbPath;
  };
  // The last connection's close folds the WAL into the file; a -wal or -shm left at the target would belong
  // to the old content, and SQLite would replay it over the copy.
  const copy = (from: string, to: string): void => {
    for (const suffix of ['-wal', '-shm']) fs.rmSync(to + suffix, { force: true });
    fs.copyFileSync(from, to);
  };
  return {
    create: () => Promise.resolve({ dbPath: path.join(dir, `database-${++made}.sqlite`) }),
    backup(db) {
      const to = path.join(dir, `backup-${++made}.sqlite`);
      copy(fileOf(db), to);
      return Promise.resolve({ dbPath: to });
    },
    restore(backup, db) {
      copy(fileOf(backup), fileOf(db));
      return Promise.resolve();
    },
    dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/**
 * PostgreSQL: fresh databases on the test cluster (testing/postgres.ts). A backup is `CREATE DATABASE … TEMPLATE`
 * of the stopped backend's database, a restore drops that database and makes it again, under its name, from the
 * backup: what PostgreSQL holds, copied by PostgreSQL, as pg_dump and pg_restore would give it back.
 */
export function postgresDatabases(adminUrl = testPostgresUrl()): TestDatabases {
  const made = new Map<string, TempPostgresDatabase>();
  const tempOf = (db: DatabaseOptions): TempPostgresDatabase => {
    const temp = 'databaseUrl' in db ? made.get(db.databaseUrl) : undefined;
    if (temp === undefined) throw new Error('not a PostgreSQL database made by these test databases');
    return temp;
  };
  const keep = (temp: TempPostgresDatabase): DatabaseOptions => {
    made.set(temp.url, temp);
    return { databaseUrl: temp.url };
  };
  return {
    create: async () => keep(await createTempPostgresDatabase(adminUrl)),
    backup: async (db) => keep(await createTempPostgresDatabase(adminUrl, tempOf(db))),
    async restore(backup, db) {
      const from = tempOf(backup);
      const to = tempOf(db);
      if (adminUrl === undefined) throw new Error('no PostgreSQL cluster to restore on');
      // Names made by createTempPostgresDatabase from hex only: identifiers, never input.
      await onCluster(adminUrl, async (c) => {
        await c.query(`DROP DATABASE ${to.name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${to.name} TEMPLATE ${from.name}`);
      });
    },
    async dispose() {
      for (const temp of made.values()) await temp.drop();
      made.clear();
    },
  };
}
