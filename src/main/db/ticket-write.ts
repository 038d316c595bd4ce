/**
 * Ticket writes that touch only what changed.
 *
 * SQLite rewrites the entry of every index whose columns appear in an
 * UPDATE's SET list, changed or not. The tickets table has some fifteen
 * indexes (one per queue shape), and a live change usually moves two or three
 * columns: naming only those spares the age, account and requester indexes,
 * the unique id index and the ~1 KB body row. New tickets take the plain
 * insert, so a bootstrap pays nothing for this.
 */
import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import { mainColumns, recordToParams, recordToSideParams, sideUpsertSql, TABLES } from './schema-map.js';
import type { SqlValue } from './schema-map.js';
import type { BulkCounts } from './bulk-counts.js';

/** Beyond this many distinct column sets, fall back to one statement that sets every column. */
const MAX_CACHED_STATEMENTS = 128;

export type TicketWrite = (record: object) => boolean;

/** While a bulk load runs without the insert triggers: `counts` gets every insert (bulk-counts.ts). */
export interface InsertCounting {
  active(): boolean;
  counts: BulkCounts;
}

export function createTicketWriter(db: Database, counting: InsertCounting): TicketWrite {
  const spec = TABLES.ticket;
  const columns = mainColumns(spec).map((c) => c.column);
  const idAt = columns.indexOf('id');
  const versionAt = columns.indexOf('version');
  const sideSql = sideUpsertSql(spec);
  if (idAt < 0 || versionAt < 0 || sideSql === null) throw new Error('tickets: unexpected table layout');

  // No RETURNING: `changes` and `lastInsertRowid` say the same, and RETURNING's result row costs ~1.5 µs per
  // insert (measured: 4.3 against 2.5-3.0 µs), a second and a half per million tickets of a bootstrap.
  const insert = db.prepare(
    `INSERT INTO tickets (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ` +
      'ON CONFLICT (id) DO NOTHING',
  );
  const current = db.prepare(`SELECT rid, ${columns.join(', ')} FROM tickets WHERE id = ?`).raw();
  const side = db.prepare(sideSql);
  const updates = new Map<string, Statement>();
  const allColumns = columns.map((_, i) => i).filter((i) => i !== idAt);

  function updateStatement(changed: number[]): { statement: Statement; columns: number[] } {
    const key = changed.join(',');
    let statement = updates.get(key);
    if (statement === undefined) {
      const set = updates.size < MAX_CACHED_STATEMENTS ? changed : allColumns;
      statement = db.prepare(
        `UPDATE tickets SET ${set.map((i) => `${columns[i] ?? ''} = ?`).join(', ')} WHERE rid = ?`,
      );
      if (set === changed) updates.set(key, statement);
      return { statement, columns: set };
    }
    return { statement, columns: changed };
  }

  return (record) => {
    const params = recordToParams(spec, record);
    const inserted = insert.run(params);
    if (inserted.changes === 1) {
      side.run(inserted.lastInsertRowid, ...recordToSideParams(spec, record));
      if (counting.active()) counting.counts.add(params);
      return true;
    }
    const row = current.get(params[idAt]) as SqlValue[] | undefined;
    if (row === undefined) return false;
    const rid = row[0];
    // Never let an older or repeated version overwrite what we hold.
    if (Number(row[versionAt + 1]) >= Number(params[versionAt])) return false;
    const changed = allColumns.filter((i) => row[i + 1] !== params[i]);
    const { statement, columns: set } = updateStatement(changed);
    // The update trigger's decrement must find the row its key is counted in.
    if (counting.active()) counting.counts.flush();
    statement.run(...set.map((i) => params[i] ?? null), rid);
    side.run(rid, ...recordToSideParams(spec, record));
    return true;
  };
}
