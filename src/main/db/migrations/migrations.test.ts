import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../connection.js';
import { tempDir } from '../test-fixtures.js';
import { CacheTooNewError, MIGRATIONS, SCHEMA_VERSION, readUserVersion, runMigrations } from './index.js';
import type { Migration } from './index.js';

const toClose: { close(): void }[] = [];
afterEach(() => {
  for (const c of toClose.splice(0)) c.close();
});

describe('migrations', () => {
  it('brings a new file to the newest version and is a no-op on reopen', () => {
    const file = path.join(tempDir('mig'), 'cache.db');
    const first = openCache(file);
    expect(readUserVersion(first.db)).toBe(SCHEMA_VERSION);
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    first.close();
    const again = openCache(file);
    toClose.push(again);
    expect(runMigrations(again.db)).toEqual([]);
    expect(readUserVersion(again.db)).toBe(SCHEMA_VERSION);
  });

  it('refuses a file written by a newer app, with a clear error, and leaves it untouched', () => {
    const file = path.join(tempDir('mig'), 'cache.db');
    openCache(file).close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openCache(file)).toThrow(CacheTooNewError);
    expect(() => openCache(file)).toThrow(
      new RegExp(`schema version ${SCHEMA_VERSION + 5}.*only knows up to ${SCHEMA_VERSION}`),
    );
    const check = new Database(file);
    toClose.push(check);
    expect(readUserVersion(check)).toBe(SCHEMA_VERSION + 5);
  });

  it('runs all pending migrations in one transaction: a failing step leaves the previous version', () => {
    const db = new Database(':memory:');
    toClose.push(db);
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        name: 'adds-a-table',
        up: (d) => d.exec('CREATE TABLE later (x INTEGER)'),
      },
      { version: MIGRATIONS.length + 2, name: 'fails', up: (d) => d.exec('THIS IS NOT SQL') },
    ];
    runMigrations(db);
    expect(() => runMigrations(db, broken)).toThrow();
    expect(readUserVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 'later'").get()).toBeUndefined();
  });

  it('rejects a list whose versions are out of order', () => {
    const db = new Database(':memory:');
    toClose.push(db);
    const first = MIGRATIONS[0];
    if (first === undefined) throw new Error('no migrations');
    expect(() => runMigrations(db, [{ ...first, version: 2 }])).toThrow(/out of order/);
  });
});
