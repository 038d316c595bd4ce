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
import { CACHE_KEY_LOST } from '../db/cipher.js';
import type { Cache } from '../db/connection.js';
import type { SessionVault } from '../features/session/vault.js';

/**
 * After the open: without a secure store, a cache the last run's key sealed (moved aside as 'cache key
 * lost') is deleted, not kept: nobody can ever open it. The open itself and the rekey at sign-out live in
 * kept-cache.ts, with the rebuilds.
 */
export function forgetSealedCache(cache: Cache, vault: SessionVault): void {
  const { movedTo, reason } = cache.health;
  if (vault.storage !== 'secure' && movedTo !== null && reason?.startsWith(CACHE_KEY_LOST) === true) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(movedTo + suffix, { force: true });
  }
}
