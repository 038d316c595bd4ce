/**
 * What a feature's IPC handlers (src/main/recovery, src/main/callbacks, ...)
 * get from the services: the cache's read side, the sync worker (the single
 * writer, which also makes the direct calls and downloads), who is signed in,
 * the clock, and the event pump. Features never open the cache or the
 * network themselves.
 */
import type { Database } from 'better-sqlite3';
import type { CacheReader } from '../db/types.js';
import type { SyncWorkerHandle } from '../sync/worker.js';
import type { EventPump } from './event-pump.js';
import type { StoredAgent } from '../features/session/stored-session.js';

export interface FeatureDeps {
  /** The owner connection, read-only use: features read through their own repository functions. */
  db: Database;
  reader: CacheReader;
  sync: SyncWorkerHandle;
  /** Who "me" is (waits for the first sign-in). */
  currentAgent(): Promise<StoredAgent>;
  userDataDir: string;
  now(): Date;
  pump: EventPump;
}
