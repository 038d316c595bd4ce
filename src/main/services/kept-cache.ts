/**
 * The cache as the services keep it across a rebuild. A file found damaged
 * while the console runs (a read fails with SQLITE_CORRUPT, the sync worker
 * reports `cache-damaged`, or the full check in the background fails) is
 * closed without being marked clean, moved aside and replaced by a fresh
 * cache, into which the outbox journal puts back the unsent actions. The
 * features keep the readers they were given at start: these forward each
 * call to the connection open now.
 */
import { checkInBackground } from '../db/background-check.js';
import type { BackgroundCheck, BackgroundCheckResult } from '../db/background-check.js';
import { rekeyCache } from '../db/cipher.js';
import { isCorruptionError, openCache } from '../db/connection.js';
import type { Cache } from '../db/connection.js';
import { createCacheReaders } from '../db/readers.js';
import type { CacheReaders } from '../db/readers.js';
import type { SessionVault } from '../features/session/vault.js';
import { forgetSealedCache } from './cache-key.js';

export interface KeptCacheOptions {
  file: string;
  vault: SessionVault;
  /** Above this many pages the start check is the cheap one (src/main/db/start-check.ts); tests lower it. */
  fullCheckMaxPages?: number;
}

export interface KeptCache {
  /** The connection open now (changes with a rebuild). */
  cache(): Cache;
  /** Readers that follow the rebuilds. */
  readonly readers: CacheReaders;
  /**
   * The vault, with a wipe that also takes the new cache key (sign-out forgets
   * the old one): the journal of the next session is written with it.
   */
  readonly vault: SessionVault;
  /** The cache's key, also its outbox journal's: for the sync worker. */
  journalKey(): Uint8Array;
  /** Closes the damaged file (never marked clean), moves it aside, opens a fresh cache. The worker must be stopped. */
  rebuild(reason: string): Cache;
  /**
   * The full check after the start, when the start check was the cheap one
   * (null otherwise); the caller rebuilds when it finds damage.
   */
  checkLater(): Promise<BackgroundCheckResult> | null;
  close(): Promise<void>;
}

/** An object with T's methods, each called on what `current()` returns at the time of the call. */
function following<T extends object>(current: () => T): T {
  return new Proxy({} as T, {
    get(_target, property) {
      const target = current();
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function'
        ? (...args: unknown[]): unknown => Reflect.apply(value as (...a: unknown[]) => unknown, target, args)
        : value;
    },
  });
}

export async function openKeptCache(o: KeptCacheOptions): Promise<KeptCache> {
  // One key for the cache file and its outbox journal: the vault's (see cache-key.ts for what it protects).
  let key = await o.vault.cacheKey();
  const open = (damaged?: string): Cache =>
    openCache(o.file, {
      owner: true,
      key,
      journalKey: key,
      ...(o.fullCheckMaxPages === undefined ? {} : { fullCheckMaxPages: o.fullCheckMaxPages }),
      ...(damaged === undefined ? {} : { damaged }),
    });
  let cache = open();
  forgetSealedCache(cache, o.vault);
  let readers = createCacheReaders(cache);
  let check: BackgroundCheck | null = null;
  const inner = o.vault;
  return {
    cache: () => cache,
    readers: {
      cache: following(() => readers.cache),
      views: following(() => readers.views),
      callbacks: following(() => readers.callbacks),
      audit: following(() => readers.audit),
    },
    vault: {
      get storage() {
        return inner.storage;
      },
      readSession: () => inner.readSession(),
      writeSession: (session, persist) => inner.writeSession(session, persist),
      forgetSession: () => inner.forgetSession(),
      cacheKey: () => inner.cacheKey(),
      async wipe() {
        await inner.wipe();
        // The sync worker is stopped by now (sign-out replaced it with none): the owner has the file.
        key = await inner.cacheKey();
        rekeyCache(cache.db, key);
      },
    },
    journalKey: () => key,
    rebuild(reason) {
      void check?.stop();
      check = null;
      cache.markDamaged();
      cache.close();
      cache = open(reason);
      readers = createCacheReaders(cache);
      return cache;
    },
    checkLater() {
      if (!cache.health.fullCheckPending) return null;
      check = checkInBackground(o.file, key);
      return check.result;
    },
    async close() {
      await check?.stop();
      cache.close();
    },
  };
}

/**
 * The same handlers, each calling `damaged` when it fails because the cache
 * file is damaged (the failure still goes on to the caller).
 */
export function watchForDamage<H extends object>(handlers: H, damaged: (err: unknown) => void): H {
  const wrapped: Record<string, unknown> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (...args: unknown[]) => unknown][]) {
    const failed = (error: unknown): never => {
      if (isCorruptionError(error)) damaged(error);
      throw error;
    };
    // Sync handlers stay sync (the harness reads `sync:status` directly).
    wrapped[channel] = (...args: unknown[]) => {
      try {
        const answer = handler(...args);
        return answer instanceof Promise ? answer.catch(failed) : answer;
      } catch (error) {
        return failed(error);
      }
    };
  }
  return wrapped as H;
}
