/**
 * The cache opened with the vault's key, and the key kept in step with the
 * vault. Sign-out wipes the vault (a new key is made on next use) after
 * emptying the cache: the emptied cache moves to that new key at once, or the
 * next start would find a file its key cannot open and throw away whatever
 * the next session left in the outbox.
 *
 * Without a secure store (no safeStorage encryption, or Linux's basic_text
 * with its hard-coded password) the vault keeps the key in memory only: the
 * cache is readable for this run and unreadable after it. So each start finds
 * the last run's cache sealed and starts a new one (a full sync; actions that
 * were not sent before quitting are lost, which is the price of never leaving
 * a readable copy of customers' data beside a key anyone could read). The
 * sealed file is deleted rather than kept aside: nobody can ever open it.
 */
import { rmSync } from 'node:fs';
import { CACHE_KEY_LOST, openCache, rekeyCache } from '../db/index.js';
import type { Cache } from '../db/index.js';
import type { SessionVault } from '../features/session/vault.js';

export interface KeyedCache {
  cache: Cache;
  /** The key the cache is encrypted with now (for the sync worker's connection). */
  key(): Uint8Array;
  /** The vault to hand the session: its wipe also moves the (emptied) cache to the vault's next key. */
  vault: SessionVault;
}

export async function openKeyedCache(file: string, vault: SessionVault): Promise<KeyedCache> {
  let key = await vault.cacheKey();
  const cache = openCache(file, { owner: true, key });
  const { movedTo, reason } = cache.health;
  if (vault.storage !== 'secure' && movedTo !== null && reason?.startsWith(CACHE_KEY_LOST) === true) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(movedTo + suffix, { force: true });
  }
  return {
    cache,
    key: () => key,
    vault: {
      storage: vault.storage,
      readSession: () => vault.readSession(),
      writeSession: (session, persist) => vault.writeSession(session, persist),
      forgetSession: () => vault.forgetSession(),
      cacheKey: () => vault.cacheKey(),
      async wipe() {
        await vault.wipe();
        // The sync worker is stopped by now (sign-out replaced it with none): the owner has the file.
        key = await vault.cacheKey();
        rekeyCache(cache.db, key);
      },
    },
  };
}
