/**
 * Migration 003 on a database written before it: the documents already there
 * are linked to their requests, and a decided request's documents carry the
 * decision's time, so the purge job deletes them by the same rule as new ones.
 * Migration 004 on one: the tokens that never expired end.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../../shared/sync-protocol.js';
import { call, login, reasonOf, startTestBackend } from '../testing/harness.js';
import { openBackendDb, SCHEMA_VERSION } from './schema.js';

let dir = '';
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A database as schema 2 left it: 006's, 005's, 004's tables and 003's columns, indexes and table removed, user_version 2. */
function schemaTwo(file: string): void {
  const db = openBackendDb(file);
  db.exec(`
    DROP TABLE auth_token;
    DROP TABLE auth_session;
    DROP TABLE login_failure;
    DROP TABLE login_streak;
    DROP TABLE backend_meta;
    DROP TABLE history;
    DROP TABLE feed_head;
    DROP TABLE record_count;
    CREATE TABLE token (hash TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES credential(login), created_at TEXT NOT NULL);
    DROP TABLE document_view;
    DROP INDEX document_recovery;
    DROP INDEX document_due;
    ALTER TABLE document DROP COLUMN recovery_id;
    ALTER TABLE document DROP COLUMN decided_at;
    ALTER TABLE document DROP COLUMN purged_at;`);
  db.pragma('user_version = 2');
  const request = (id: string, status: string, decidedAt: string | null, docs: string[]) =>
    JSON.stringify({
      id,
      status,
      documents: docs.map((d) => ({ id: d })),
      decision: decidedAt === null ? null : { decidedAt },
    });
  const insert = db.prepare('INSERT INTO rec_recovery (id, seq, version, urgent, data) VALUES (?, ?, 1, 0, ?)');
  insert.run('1', 1, request('1', 'pending', null, ['doc-a']));
  insert.run('2', 2, request('2', 'rejected', '2026-01-05T10:00:00.000Z', ['doc-b', 'doc-c']));
  insert.run('3', 3, request('3', 'info_requested', '2026-01-06T10:00:00.000Z', ['doc-d']));
  const doc = db.prepare("INSERT INTO document (id, bytes, size, sha256) VALUES (?, x'25504446', 4, 'x')");
  for (const id of ['doc-a', 'doc-b', 'doc-c', 'doc-d', 'att-1']) doc.run(id);
  db.close();
}

describe('backend schema 003 (document retention)', () => {
  it('links existing documents to their request and stamps those of decided requests', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-schema-'));
    const file = path.join(dir, 'b.sqlite');
    schemaTwo(file);
    const db = openBackendDb(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(
        db
          .prepare('SELECT id, recovery_id, decided_at, purged_at, length(bytes) AS kept FROM document ORDER BY id')
          .all(),
      ).toEqual([
        { id: 'att-1', recovery_id: null, decided_at: null, purged_at: null, kept: 4 },
        { id: 'doc-a', recovery_id: '1', decided_at: null, purged_at: null, kept: 4 },
        { id: 'doc-b', recovery_id: '2', decided_at: '2026-01-05T10:00:00.000Z', purged_at: null, kept: 4 },
        { id: 'doc-c', recovery_id: '2', decided_at: '2026-01-05T10:00:00.000Z', purged_at: null, kept: 4 },
        // A request for information leaves the request open: no retention yet.
        { id: 'doc-d', recovery_id: '3', decided_at: null, purged_at: null, kept: 4 },
      ]);
      expect(db.prepare('SELECT count(*) FROM document_view').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });
});

// SQLite's own: no PostgreSQL database predates 004 (schema-postgres.ts starts from the sum of 001–006).
describe('backend schema 004 (sessions)', () => {
  it('ends the tokens that never expired; their holders sign in again', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-schema-'));
    const file = path.join(dir, 'b.sqlite');
    await (await startTestBackend({ dbPath: file, demo: true })).dispose();
    // Back to the database as schema 003 left it: the token table of 001, with a token of lea's.
    const oldToken = 'A'.repeat(43);
    const db = new Database(file);
    db.exec(`
      DROP TABLE auth_token; DROP TABLE auth_session; DROP TABLE login_failure; DROP TABLE login_streak;
      DROP TABLE backend_meta; DROP TABLE history; DROP TABLE feed_head; DROP TABLE record_count;
      CREATE TABLE token (hash TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES credential(login), created_at TEXT NOT NULL);
      PRAGMA user_version = 3;`);
    db.prepare("INSERT INTO token VALUES (?, 'lea', '2026-01-01T00:00:00.000Z')").run(
      createHash('sha256').update(oldToken).digest('hex'),
    );
    db.close();

    // Every login made before 004 had a published password: the database now counts as a demo one.
    await expect(startTestBackend({ dbPath: file, demo: false })).rejects.toThrow(/demo logins/);
    const backend = await startTestBackend({ dbPath: file, demo: true });
    try {
      const migrated = new Database(file, { readonly: true });
      expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(migrated.prepare("SELECT name FROM sqlite_master WHERE name = 'token'").get()).toBeUndefined();
      migrated.close();
      const refused = await call(backend.url, 'GET', PATHS.me, { token: oldToken });
      expect(refused.status).toBe(401);
      expect(reasonOf(refused)).toBe('unauthenticated');
      expect((await call(backend.url, 'GET', PATHS.me, { token: await login(backend.url, 'lea') })).status).toBe(200);
    } finally {
      await backend.dispose();
    }
  });
});
