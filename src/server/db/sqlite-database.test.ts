/**
 * SqliteDatabase keeps the storage interface's promises on one synchronous
 * connection while calls interleave at every await: write transactions one
 * after the other, no read of a transaction's uncommitted rows, and a clear
 * error instead of a deadlock when a transaction is started inside another.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordStore } from '../store/records.js';
import { openBackendDb } from './schema.js';
import { SqliteDatabase } from './sqlite-database.js';

let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sqlite-database-'));
  db = new SqliteDatabase(openBackendDb(path.join(dir, 'backend.sqlite')));
});

afterEach(async () => {
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A promise and the function that resolves it: holds a transaction open until the test says so. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const metaCount = async (): Promise<number> =>
  (await db.get<{ n: number }>('SELECT count(*) AS n FROM backend_meta'))?.n ?? -1;

describe('SqliteDatabase', () => {
  it('lets a read outside a transaction wait for it: a rolled back row is never seen', async () => {
    const held = gate();
    const inserted = gate();
    const tx = db.transaction(async (t) => {
      await t.run("INSERT INTO backend_meta (key, value) VALUES ('probe', 'uncommitted')");
      inserted.open();
      await held.opened;
      throw new Error('changed my mind');
    });
    await inserted.opened;
    const read = metaCount();
    held.open();
    await expect(tx).rejects.toThrow('changed my mind');
    // On the one connection, a read not made to wait would have counted the uncommitted row.
    expect(await read).toBe(0);
  });

  it('runs write transactions one after the other, each seeing the one before', async () => {
    await db.run("INSERT INTO backend_meta (key, value) VALUES ('counter', '0')");
    const bump = () =>
      db.transaction(async (t) => {
        const row = await t.get<{ value: string }>("SELECT value FROM backend_meta WHERE key = 'counter'");
        // Another caller's turn, if anything let it in.
        await new Promise((resolve) => setTimeout(resolve, 5));
        await t.run("UPDATE backend_meta SET value = ? WHERE key = 'counter'", [String(Number(row?.value) + 1)]);
      });
    await Promise.all(Array.from({ length: 8 }, bump));
    expect((await db.get<{ value: string }>("SELECT value FROM backend_meta WHERE key = 'counter'"))?.value).toBe('8');
  });

  it('refuses a transaction started inside another, and one statement on the database there, instead of waiting forever', async () => {
    await expect(db.transaction(async () => db.transaction(() => Promise.resolve('inner')))).rejects.toThrow(
      /inside a transaction/,
    );
    await expect(db.transaction(async () => db.get('SELECT 1 AS one'))).rejects.toThrow(/use its tx session/);
    // Both outer transactions were rolled back and released: the database goes on.
    await expect(db.transaction(async (t) => t.get<{ one: number }>('SELECT 1 AS one'))).resolves.toEqual({ one: 1 });
  });

  it('hands out distinct seqs to concurrent record writes: the sequencer row ends at the last one', async () => {
    const records = await RecordStore.open(db);
    const heads: number[] = [];
    records.onCommit((head) => heads.push(head));
    const at = new Date('2026-03-02T08:00:00Z').toISOString();
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        records.write(async (w) =>
          w.put('category', {
            id: `c${String(i)}`,
            names: { fr: 'C', de: 'C', it: 'C', en: 'C' },
            position: i,
            version: 1,
            updatedAt: at,
          }),
        ),
      ),
    );
    expect(heads.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await records.headSeq()).toBe(6);
    expect(await records.bootstrapStart(['category'])).toEqual({ head: 6, total: 6 });
  });
});
