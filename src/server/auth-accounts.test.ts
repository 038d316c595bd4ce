/**
 * Which logins a backend has and how their passwords are kept: demo mode or
 * random passwords handed out once, stronger hashes at the next good login,
 * and the migration that ends the tokens that never expired.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../shared/sync-protocol.js';
import { SCHEMA_VERSION } from './db/schema.js';
import { DEMO_COST } from './store/passwords.js';
import { call, login, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

let backend: TestBackend | null = null;
afterEach(async () => {
  await backend?.dispose();
  backend = null;
});

function status(url: string, user: string, password: string): Promise<number> {
  return call(url, 'POST', PATHS.login, { body: { login: user, password } }).then((a) => a.status);
}

function storedHash(dbPath: string, user: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare('SELECT password_hash FROM credential WHERE login = ?').get(user) as { password_hash: string })
      .password_hash;
  } finally {
    db.close();
  }
}

describe('demo mode', () => {
  it('without it, the seeded people and the portal get random passwords, handed out once', async () => {
    // The demo cost keeps the test short; the default outside demo mode is STRONG_COST.
    backend = await startTestBackend({ demo: false, passwordCost: DEMO_COST });
    expect(await status(backend.url, 'lea', 'demo')).toBe(401);
    expect(await status(backend.url, 'portal', 'portal')).toBe(401);
    const { lea, portal } = backend.initialPasswords;
    expect(Object.keys(backend.initialPasswords).sort()).toEqual(['jonas', 'lea', 'marco', 'portal', 'sophie']);
    expect(lea).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(new Set(Object.values(backend.initialPasswords)).size).toBe(5);
    expect(await status(backend.url, 'lea', lea ?? '')).toBe(200);
    expect(await status(backend.url, 'portal', portal ?? '')).toBe(200);
    // Stored only hashed.
    const files = [backend.dbPath, `${backend.dbPath}-wal`].filter((f) => fs.existsSync(f));
    for (const file of files) expect(fs.readFileSync(file).includes(Buffer.from(lea ?? '-'))).toBe(false);

    const { dbPath } = backend;
    await backend.close();
    const again = await startTestBackend({ dbPath, demo: false, passwordCost: DEMO_COST });
    try {
      expect(again.initialPasswords).toEqual({});
      expect(await status(again.url, 'lea', lea ?? '')).toBe(200);
    } finally {
      await again.close();
    }
  });

  it('a database keeps its kind: a demo one is refused without demo mode, and the other way round', async () => {
    backend = await startTestBackend({ demo: true });
    await backend.close();
    await expect(startTestBackend({ dbPath: backend.dbPath, demo: false, passwordCost: DEMO_COST })).rejects.toThrow(
      'holds demo logins (published passwords): start it in demo mode (--demo), or start a new database without it.',
    );
    const real = await startTestBackend({ demo: false, passwordCost: DEMO_COST });
    await real.close();
    try {
      await expect(startTestBackend({ dbPath: real.dbPath, demo: true })).rejects.toThrow(/random passwords/);
      // Nothing was lost: it still starts as it was made.
      const again = await startTestBackend({ dbPath: real.dbPath, demo: false, passwordCost: DEMO_COST });
      await again.close();
    } finally {
      fs.rmSync(real.dir, { recursive: true, force: true });
    }
  });

  it('with it, the published demo logins work and nothing is handed out', async () => {
    backend = await startTestBackend({ demo: true });
    expect(backend.initialPasswords).toEqual({});
    expect(await status(backend.url, 'lea', 'demo')).toBe(200);
    expect(await status(backend.url, 'portal', 'portal')).toBe(200);
  });
});

describe('password hashes', () => {
  it('are salted scrypt with their cost, and a cheaper one is replaced at the next good login, never made cheaper', async () => {
    backend = await startTestBackend({ demo: true });
    const { dbPath } = backend;
    const before = storedHash(dbPath, 'lea');
    expect(before).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(storedHash(dbPath, 'marco').split('$')[4]).not.toBe(before.split('$')[4]);
    await backend.close();

    const stronger = await startTestBackend({ dbPath, demo: true, passwordCost: { N: 8192, r: 8, p: 1 } });
    try {
      expect(await status(stronger.url, 'lea', 'wrong')).toBe(401);
      expect(storedHash(dbPath, 'lea')).toBe(before);
      await login(stronger.url, 'lea');
      expect(storedHash(dbPath, 'lea')).toMatch(/^scrypt\$8192\$8\$1\$/);
      await login(stronger.url, 'lea');
    } finally {
      await stronger.close();
    }
    const upgraded = storedHash(dbPath, 'lea');
    const weaker = await startTestBackend({ dbPath, demo: true });
    try {
      await login(weaker.url, 'lea');
      expect(storedHash(dbPath, 'lea')).toBe(upgraded);
    } finally {
      await weaker.close();
    }
  });
});

describe('migration 004', () => {
  it('ends the tokens that never expired; their holders sign in again', async () => {
    const first = await startTestBackend({ demo: true });
    await first.close();
    try {
      // Back to the database as schema 003 left it: the token table of 001, with a token of lea's.
      const oldToken = 'A'.repeat(43);
      const db = new Database(first.dbPath);
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
      await expect(startTestBackend({ dbPath: first.dbPath, demo: false })).rejects.toThrow(/demo logins/);
      backend = await startTestBackend({ dbPath: first.dbPath, demo: true });
      const migrated = new Database(first.dbPath, { readonly: true });
      expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(migrated.prepare("SELECT name FROM sqlite_master WHERE name = 'token'").get()).toBeUndefined();
      migrated.close();
      const refused = await call(backend.url, 'GET', PATHS.me, { token: oldToken });
      expect(refused.status).toBe(401);
      expect(reasonOf(refused)).toBe('unauthenticated');
      expect((await call(backend.url, 'GET', PATHS.me, { token: await login(backend.url, 'lea') })).status).toBe(200);
    } finally {
      fs.rmSync(first.dir, { recursive: true, force: true });
    }
  });
});
