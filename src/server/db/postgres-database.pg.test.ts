/**
 * The PostgreSQL storage on a real cluster (SUPPORT_CONSOLE_TEST_POSTGRES; run by the `postgres` vitest
 * project only): placeholders, rollback, and the sequencer lock that serialises writers across connections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempPostgresDatabase } from '../testing/postgres.js';
import type { TempPostgresDatabase } from '../testing/postgres.js';
import { numberPlaceholders, PostgresDatabase, postgresPool } from './postgres.js';
import { migratePostgres, POSTGRES_SCHEMA_VERSION } from './schema-postgres.js';

let temp: TempPostgresDatabase;
let db: PostgresDatabase;
let unsafe: PostgresDatabase;

beforeAll(async () => {
  temp = await createTempPostgresDatabase();
  const pool = postgresPool({ url: temp.url });
  // Three processes starting at once: one applies the migrations, the others find them applied.
  await Promise.all([migratePostgres(pool), migratePostgres(pool), migratePostgres(pool)]);
  db = new PostgresDatabase(pool);
  unsafe = new PostgresDatabase(postgresPool({ url: temp.url }), { unsafeSequencer: true });
  await db.run('CREATE TABLE probe (id INTEGER PRIMARY KEY, value TEXT NOT NULL)');
  await db.run("INSERT INTO probe (id, value) VALUES (1, 'start')");
});

afterAll(async () => {
  await db.close();
  await unsafe.close();
  await temp.drop();
});

/** Resolves once a backend connection is waiting on a lock. */
async function someoneWaitsOnALock(): Promise<void> {
  for (;;) {
    const row = await db.get<{ n: number }>(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A write transaction on `on` that has updated the probe row and stays open until `release()`. */
async function heldWrite(on: PostgresDatabase): Promise<{ release: () => void; done: Promise<void> }> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const done = on.transaction(async (tx) => {
    await tx.run("UPDATE probe SET value = 'first' WHERE id = 1");
    wrote();
    await held;
  });
  await written;
  return { release, done };
}

describe('PostgresDatabase', () => {
  it('numbers ? placeholders, leaving literals, quoted names and comments alone', () => {
    expect(numberPlaceholders(`SELECT '?', "a?b", ? -- what?\n, ?`)).toBe(`SELECT '?', "a?b", $1 -- what?\n, $2`);
  });

  it('migrates once, even when several processes start together', async () => {
    const rows = await db.all<{ version: number }>('SELECT version FROM schema_migration ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual(Array.from({ length: POSTGRES_SCHEMA_VERSION }, (_, i) => i + 1));
    expect(await db.get('SELECT seq FROM feed_head WHERE id = ?', [1])).toEqual({ seq: 0 });
  });

  it('reads integers as numbers and text as bytes when asked', async () => {
    const rows = await db.rows(`SELECT seq, ${db.dialect.bytes("'grüezi'")} FROM feed_head`);
    expect(rows).toEqual([[0, Buffer.from('grüezi')]]);
  });

  it('rolls a failed transaction back, and refuses a transaction inside a transaction', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.run("UPDATE probe SET value = 'lost' WHERE id = 1");
        throw new Error('rule refused');
      }),
    ).rejects.toThrow('rule refused');
    expect(await db.get('SELECT value FROM probe WHERE id = 1')).toEqual({ value: 'start' });
    await expect(db.transaction(() => db.transaction(() => Promise.resolve(1)))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('serialises write transactions: the second starts after the first committed, and sees its write', async () => {
    const first = await heldWrite(db);
    const second = db.transaction(async (tx) => tx.get<{ value: string }>('SELECT value FROM probe WHERE id = 1'));
    await someoneWaitsOnALock();
    first.release();
    await first.done;
    expect(await second).toEqual({ value: 'first' });
  });

  it('with the unsafe sequencer (test switch), a second writer runs beside the first and reads the old value', async () => {
    await db.run("UPDATE probe SET value = 'start' WHERE id = 1");
    const first = await heldWrite(unsafe);
    const second = await unsafe.transaction(async (tx) =>
      tx.get<{ value: string }>('SELECT value FROM probe WHERE id = 1'),
    );
    first.release();
    await first.done;
    expect(second).toEqual({ value: 'start' });
  });
});
