import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import { tempDir } from '../db/test-fixtures.js';
import { createMemoryVault } from '../features/session/vault.js';
import type { SessionVault } from '../features/session/vault.js';
import { backendOptions, DEMO_LOGIN, waitFor } from '../sync/test-support.js';
import { createConsoleServices } from './index.js';
import type { ConsoleServices } from './index.js';

let backend: ReferenceBackend;
beforeAll(async () => {
  backend = await startReferenceBackend(backendOptions(200));
});
afterAll(async () => {
  await backend.close();
});

const start = (userDataDir: string, vault: SessionVault): Promise<ConsoleServices> =>
  createConsoleServices({
    userDataDir,
    vault,
    env: {
      SUPPORT_CONSOLE_BACKEND_URL: backend.url,
      SUPPORT_CONSOLE_LOGIN: DEMO_LOGIN.login,
      SUPPORT_CONSOLE_PASSWORD: DEMO_LOGIN.password,
    },
  });

async function live(services: ConsoleServices): Promise<void> {
  await waitFor(() => {
    const s = services.handlers['sync:status']();
    return 'phase' in s && s.phase === 'live' && s.lastPulledAt !== null;
  }, 30_000);
}

const ticketsIn = async (services: ConsoleServices): Promise<number> =>
  (await services.handlers['queue:counts']()).views.all;

describe("the cache's key across a sign-out and restarts", () => {
  it('after a sign-out and a new sign-in, the next start opens the cache with the vault key, nothing rebuilt', async () => {
    const userDataDir = tempDir('keyed');
    const vault = createMemoryVault();
    const first = await start(userDataDir, vault);
    await live(first);
    const keyBefore = Buffer.from(await vault.cacheKey());
    expect(await first.handlers['session:signOut']({ force: true })).toMatchObject({ ok: true });
    // The vault forgot the old key with the session; the wiped cache moved to its new one.
    expect((await vault.cacheKey()).equals(keyBefore)).toBe(false);
    expect(await first.handlers['session:signIn'](DEMO_LOGIN.login, DEMO_LOGIN.password)).toMatchObject({
      ok: true,
    });
    await live(first);
    const synced = await ticketsIn(first);
    expect(synced).toBeGreaterThan(0);
    await first.stop();

    const second = await start(userDataDir, vault);
    try {
      expect(second.handlers['sync:status']()).toMatchObject({ rebuiltBecause: null });
      // Served from the file before the worker pulled anything: the cache was kept, not rebuilt.
      expect(await ticketsIn(second)).toBe(synced);
      expect(readdirSync(userDataDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
    } finally {
      await second.stop();
    }
  });

  it('without a secure store the key lives for one run: the next start begins a new cache and deletes the old', async () => {
    const userDataDir = tempDir('keyed');
    const first = await start(userDataDir, createMemoryVault('none'));
    await live(first);
    await first.stop();
    const sealed = readFileSync(join(userDataDir, 'cache.sqlite'));
    expect(sealed.length).toBeGreaterThan(0);

    // A new run, a new key (the memory vault of a machine without safeStorage encryption).
    const second = await start(userDataDir, createMemoryVault('none'));
    try {
      const status = second.handlers['sync:status']();
      expect(status).toMatchObject({ rebuiltBecause: expect.stringMatching(/^cache key lost:/) as unknown });
      expect(await ticketsIn(second)).toBe(0);
      // Nobody can open the last run's file again: it is gone, not kept aside.
      expect(readdirSync(userDataDir).filter((f) => f.includes('.corrupt-'))).toEqual([]);
      expect(existsSync(join(userDataDir, 'cache.sqlite'))).toBe(true);
      await live(second);
      expect(await ticketsIn(second)).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });
});
