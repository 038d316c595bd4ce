import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from '../connection.js';
import { suspendQueueIndexes } from '../bulk-indexes.js';
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

  it('upgrades a cache caught in a bulk load: the end of the load builds the new indexes, not the old ones', () => {
    const file = path.join(tempDir('mig'), 'cache.db');
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    runMigrations(raw, MIGRATIONS.slice(0, 6));
    raw.transaction(() => {
      suspendQueueIndexes(raw, 'history');
      // The version-6 build also suspended the full-size level index: put it in the stored list as it did.
      const level = raw
        .prepare("SELECT 'index' AS type, name, sql FROM sqlite_schema WHERE name = 'tickets_level_queue'")
        .get();
      raw.exec('DROP INDEX tickets_level_queue');
      const key = 'suspended_queue_indexes';
      const stored = JSON.parse(
        raw.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string,
      ) as unknown[];
      raw.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify([...stored, level]), key);
    })();
    expect(raw.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get('tickets_account')).toBeUndefined();
    raw.close();

    const cache = openCache(file);
    toClose.push(cache);
    expect(readUserVersion(cache.db)).toBe(SCHEMA_VERSION);
    expect(cache.writer.isBulkLoading()).toBe(true);
    cache.writer.endBulkLoad();
    const sql = (name: string): unknown =>
      cache.db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name);
    expect(sql('tickets_level_queue')).toBeUndefined();
    expect(sql('tickets_escalated_queue')).toMatch(/ON tickets \(status, updated_at\) WHERE level = 2/);
    expect(sql('tickets_account')).toMatch(/ON tickets \(account_id, created_at\)/);
  });

  it('rejects a list whose versions are out of order', () => {
    const db = new Database(':memory:');
    toClose.push(db);
    const first = MIGRATIONS[0];
    if (first === undefined) throw new Error('no migrations');
    expect(() => runMigrations(db, [{ ...first, version: 2 }])).toThrow(/out of order/);
  });
});
