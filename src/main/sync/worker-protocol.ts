/** Messages between startSyncWorker (parent) and sync-worker.ts. Plain data: they cross postMessage. */
import type { ActResult, TicketAction } from '../../shared/ipc.js';
import type { ResolveChoice } from '../db/outbox-types.js';
import type { DirectCall, DirectCallAnswer, DownloadedDocument } from './direct-calls.js';
import type { SyncEvent } from './events.js';

/** Engine settings that can cross a thread boundary (no callbacks). */
export interface WorkerEngineSettings {
  pageSize?: number;
  pagesPerCommit?: number;
  pushSilenceMs?: number;
  safetyPullMs?: number;
  searchChunkRows?: number;
  readAheadThreshold?: number;
  /** The built feed-reader-worker.js (a URL's href: a URL object does not cross postMessage). */
  feedReaderUrl?: string;
}

export interface SyncWorkerData {
  dbPath: string;
  baseUrl: string;
  login: string;
  password: string;
  token?: string;
  settings: WorkerEngineSettings;
}

/** Calls that need an answer carry a requestId; the worker answers each with a `reply` of the same id. */
export type WorkerRequest =
  | { type: 'act'; requestId: number; action: TicketAction }
  | { type: 'resolve-outbox'; requestId: number; actionId: string; choice: ResolveChoice }
  | { type: 'call'; requestId: number; call: DirectCall }
  | { type: 'download'; requestId: number; documentId: string; maxBytes: number };

export type ToWorker = { type: 'pull' } | { type: 'stop' } | WorkerRequest;

/** The value each request answers with. */
export interface WorkerResults {
  act: ActResult;
  'resolve-outbox': null;
  call: DirectCallAnswer;
  download: DownloadedDocument;
}

export type WorkerReply =
  | { type: 'reply'; requestId: number; ok: true; value: WorkerResults[WorkerRequest['type']] }
  | { type: 'reply'; requestId: number; ok: false; message: string };

export type FromWorker =
  | { type: 'event'; event: SyncEvent }
  | { type: 'started' }
  | { type: 'stopped' }
  | { type: 'fatal'; message: string }
  | WorkerReply;
