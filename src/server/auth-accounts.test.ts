/**
 * Which logins a backend has and how their passwords are kept: demo mode or
 * random passwords handed out once, and stronger hashes at the next good
 * login. On either storage; migration 004 (the tokens that never expired) is
 * SQLite's own and is tested in db/schema.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../shared/sync-protocol.js';
import { DEMO_COST } from './store/passwords.js';
import { call, login, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

let backend: TestBackend | null = null;
afterEach(async () => {
  await backend?.dispose();
  backend = null;
});

function status(url: string, user: string, password: string): Promise<number> {
  return call(url, 'POST', PATHS.login, { body: { login: user, password } }).then((a) => a.status);
}

/** The hash stored for `user`, read by the running backend's own storage. */
async function storedHash(b: TestBackend, user: string): Promise<string> {
  const row = await b.sql.get<{ password_hash: string }>('SELECT password_hash FROM credential WHERE login = ?', [
    user,
  ]);
  if (row === undefined) throw new Error(`no credential for ${user}`);
  return row.password_hash;
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
    expect(await backend.storedCopiesOf(lea ?? '-')).toEqual([]);

    const { database } = backend;
    await backend.close();
    const again = await startTestBackend({ ...database, demo: false, passwordCost: DEMO_COST });
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
    await expect(startTestBackend({ ...backend.database, demo: false, passwordCost: DEMO_COST })).rejects.toThrow(
      'holds demo logins (published passwords): start it in demo mode (--demo), or start a new database without it.',
    );
    const real = await startTestBackend({ demo: false, passwordCost: DEMO_COST });
    await real.close();
    try {
      await expect(startTestBackend({ ...real.database, demo: true })).rejects.toThrow(/random passwords/);
      // Nothing was lost: it still starts as it was made.
      const again = await startTestBackend({ ...real.database, demo: false, passwordCost: DEMO_COST });
      await again.close();
    } finally {
      await real.dispose();
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
    const { database } = backend;
    const before = await storedHash(backend, 'lea');
    expect(before).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect((await storedHash(backend, 'marco')).split('$')[4]).not.toBe(before.split('$')[4]);
    await backend.close();

    const stronger = await startTestBackend({ ...database, demo: true, passwordCost: { N: 8192, r: 8, p: 1 } });
    let upgraded: string;
    try {
      expect(await status(stronger.url, 'lea', 'wrong')).toBe(401);
      expect(await storedHash(stronger, 'lea')).toBe(before);
      await login(stronger.url, 'lea');
      expect(await storedHash(stronger, 'lea')).toMatch(/^scrypt\$8192\$8\$1\$/);
      await login(stronger.url, 'lea');
      upgraded = await storedHash(stronger, 'lea');
    } finally {
      await stronger.close();
    }
    const weaker = await startTestBackend({ ...database, demo: true });
    try {
      await login(weaker.url, 'lea');
      expect(await storedHash(weaker, 'lea')).toBe(upgraded);
    } finally {
      await weaker.close();
    }
  });
});
