/**
 * What a feature's handlers get from the services: the cache's readers (the
 * features never hold the connection), the sync worker (the single writer,
 * which also makes the direct calls and downloads), who is signed in, the
 * clock, and the event pump. Features never open the cache or the network
 * themselves.
 */
import type { CacheReaders } from '../db/readers.js';
import type { EventPump } from '../ipc/event-pump.js';
import type { SyncWorkerHandle } from '../sync/worker.js';
import type { StoredAgent } from './session/stored-session.js';

export interface FeatureDeps {
  readers: CacheReaders;
  sync: SyncWorkerHandle;
  /** Who "me" is (waits for the first sign-in). */
  currentAgent(): Promise<StoredAgent>;
  userDataDir: string;
  now(): Date;
  pump: EventPump;
}
