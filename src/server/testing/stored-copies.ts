/**
 * Where a backend's database still holds a text (a password, a purged document's marker): the tests that
 * check something is stored only hashed, or gone, ask this on either storage.
 *
 * SQLite: the file and its WAL, as bytes, which also finds what a delete left in free pages.
 * PostgreSQL: every text, JSON and bytea column of every table of the backend's schema, read with SQL.
 * The server's own files (dead row versions before VACUUM reuses them, its WAL) are out of a client's reach:
 * the cluster may be on another machine, and keeping them is the operator's (backups, retention).
 */
import fs from 'node:fs';
import type { SqlSession } from '../db/sql.js';

/** The files holding `text` (SQLite), or the `table.column`s of rows holding it (PostgreSQL); empty when none. */
export async function storedCopiesOf(
  db: SqlSession,
  storage: { dbPath: string } | { databaseUrl: string },
  text: string,
): Promise<string[]> {
  if ('dbPath' in storage) {
    const files = [storage.dbPath, `${storage.dbPath}-wal`];
    return files.filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(text));
  }
  return postgresColumnsHolding(db, text);
}

const TEXT_TYPES = ['text', 'character varying', 'character', 'json', 'jsonb'];

async function postgresColumnsHolding(db: SqlSession, text: string): Promise<string[]> {
  const columns = await db.all<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
  );
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    // Names from the catalog, quoted as identifiers; the text itself is a parameter.
    const name = `"${table.replaceAll('"', '""')}"."${column.replaceAll('"', '""')}"`;
    const test =
      type === 'bytea'
        ? `position(?::bytea in ${name}) > 0`
        : TEXT_TYPES.includes(type)
          ? `strpos(${name}::text, ?) > 0`
          : null;
    if (test === null) continue; // numbers, timestamps: no text to hold
    const param = type === 'bytea' ? Buffer.from(text) : text;
    const hit = await db.get(`SELECT 1 AS hit FROM "${table.replaceAll('"', '""')}" WHERE ${test} LIMIT 1`, [param]);
    if (hit !== undefined) found.push(`${table}.${column}`);
  }
  return found;
}
