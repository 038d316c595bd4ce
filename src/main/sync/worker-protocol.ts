/** Messages between startSyncWorker (parent) and sync-worker.ts. Plain data: they cross postMessage. */
import type { SyncEvent } from './events.js';

/** Engine settings that can cross a thread boundary (no callbacks). */
export interface WorkerEngineSettings {
  pageSize?: number;
  pagesPerCommit?: number;
  pushSilenceMs?: number;
  safetyPullMs?: number;
  searchChunkRows?: number;
}

export interface SyncWorkerData {
  dbPath: string;
  baseUrl: string;
  login: string;
  password: string;
  settings: WorkerEngineSettings;
}

export type ToWorker = { type: 'pull' } | { type: 'stop' };

export type FromWorker =
  { type: 'event'; event: SyncEvent } | { type: 'started' } | { type: 'stopped' } | { type: 'fatal'; message: string };
