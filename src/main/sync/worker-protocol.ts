/**
 * What the parent (startSyncWorker, worker.ts) may ask of the sync worker
 * (sync-worker.ts), declared once, and the messages that carry it. Plain
 * data: they cross postMessage.
 */
import type { ActResult, TicketAction } from '../../shared/ipc.js';
import type { PresenceUpdate } from '../../shared/presence.js';
import type { ResolveChoice } from '../db/outbox-types.js';
import type { DirectCall, DirectCallAnswer, DownloadedDocument } from './direct-calls.js';
import type { SyncEvent } from './events.js';
import type { HttpTimeouts } from './http.js';
import type { SessionTokens } from './session-tokens.js';

/**
 * The calls that wait for the worker's answer. The engine implements them;
 * the parent's handle and the switchable handle (src/main/features/session) forward
 * them, with methods generated from SYNC_WORKER_CALLS.
 */
/** Which backend route holds the bytes: identity documents and ticket attachments have their own. */
export type DownloadSource = 'document' | 'attachment';

export interface SyncWorkerCalls {
  /** Applies the action to the cache and queues it for the backend, in one transaction in the worker. */
  act(action: TicketAction): Promise<ActResult>;
  /** The agent's answer to a refused action (conflict or rule): send it again on top of the current record, or drop it. */
  resolveOutbox(actionId: string, choice: ResolveChoice): Promise<void>;
  /** A mutation whose answer the person waits for (direct-calls.ts); its records are written on 200. */
  call(c: DirectCall): Promise<DirectCallAnswer>;
  /**
   * A document's bytes, at most `maxBytes`, with their sha256 (never written to disk here): an identity
   * document (`document`, verifiers, audited by the backend) or a ticket's attachment (`attachment`).
   */
  download(documentId: string, maxBytes: number, source?: DownloadSource): Promise<DownloadedDocument>;
  /** What the person is doing (ticket open, replying): told to the backend at once if it changed, then kept alive. */
  presence(update: PresenceUpdate): Promise<void>;
}

export type SyncWorkerCall = keyof SyncWorkerCalls;
export type CallArgs<M extends SyncWorkerCall> = Parameters<SyncWorkerCalls[M]>;
export type CallResult<M extends SyncWorkerCall> = Awaited<ReturnType<SyncWorkerCalls[M]>>;

/** Every method of SyncWorkerCalls, by name. */
export const SYNC_WORKER_CALLS = [
  'act',
  'resolveOutbox',
  'call',
  'download',
  'presence',
] as const satisfies readonly SyncWorkerCall[];
// The other direction: a method of SyncWorkerCalls left out of the list fails to compile here, with its name.
type Unlisted = Exclude<SyncWorkerCall, (typeof SYNC_WORKER_CALLS)[number]>;
const _everyCallListed: [Unlisted] extends [never] ? true : Unlisted = true;

/** A name that arrived in a message: a build of the parent and of the worker that disagree must get an answer. */
export function isSyncWorkerCall(name: unknown): name is SyncWorkerCall {
  return (SYNC_WORKER_CALLS as readonly unknown[]).includes(name);
}

/** Passes one call on: to the worker thread (worker.ts), to the worker running now (switchable-worker.ts). */
export type SendCall = <M extends SyncWorkerCall>(method: M, args: CallArgs<M>) => Promise<CallResult<M>>;

/** An object with every method of SyncWorkerCalls, each handing its name and arguments to `send`. */
export function forwardCalls(send: SendCall): SyncWorkerCalls {
  const forward =
    (method: SyncWorkerCall) =>
    (...args: CallArgs<typeof method>) =>
      send(method, args);
  // fromEntries cannot see that the list covers the interface; the two checks above do.
  return Object.fromEntries(SYNC_WORKER_CALLS.map((method) => [method, forward(method)])) as unknown as SyncWorkerCalls;
}

/** Runs `method` of `target` (the engine, the worker running now) with its arguments. */
export function invokeCall<M extends SyncWorkerCall>(
  target: SyncWorkerCalls,
  method: M,
  args: CallArgs<M>,
): Promise<CallResult<M>> {
  // TypeScript does not tie `target[method]` to `args` through the type parameter; CallArgs<M> does.
  const run = target[method] as (...a: CallArgs<M>) => Promise<CallResult<M>>;
  return run.apply(target, args);
}

/** Engine settings that can cross a thread boundary (no callbacks). */
export interface WorkerEngineSettings {
  pageSize?: number;
  pagesPerCommit?: number;
  pushSilenceMs?: number;
  safetyPullMs?: number;
  searchChunkRows?: number;
  readAheadThreshold?: number;
  /** The presence keep-alive (default PRESENCE_HEARTBEAT_MS): tests shorten it. */
  presenceKeepAliveMs?: number;
  /** HTTP time limits (the "slow" threshold, the whole-answer deadline): tests shorten them. */
  timeouts?: Partial<HttpTimeouts>;
  /** The built feed-reader-worker.js (a URL's href: a URL object does not cross postMessage). */
  feedReaderUrl?: string;
  /**
   * Tests only (the status bar's storage states, e2e/status-states.spec.ts): what a failing disk does to the
   * worker's connection, the one that writes. `maxPageCount` caps the file (SQLite's max_page_count, never
   * below its size now: SQLITE_FULL past it, as on a full disk); `readOnly` makes SQLite refuse every write
   * (query_only: SQLITE_READONLY, as on a disk remounted read-only).
   */
  diskFault?: { maxPageCount?: number; readOnly?: boolean };
}

export interface SyncWorkerData {
  dbPath: string;
  /** The cache's key (a Buffer arrives as a Uint8Array); only ever handed to openCache, never logged. */
  cacheKey?: Uint8Array;
  baseUrl: string;
  login: string;
  password: string;
  token?: string;
  expiresAt?: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
  /** The outbox journal's key (src/main/db/outbox-journal.ts); without it the worker journals nothing. */
  journalKey?: Uint8Array;
  settings: WorkerEngineSettings;
}

/** One of SyncWorkerCalls; the worker answers it with a `reply` of the same requestId. */
export interface WorkerRequest<M extends SyncWorkerCall = SyncWorkerCall> {
  type: 'call';
  requestId: number;
  method: M;
  args: CallArgs<M>;
}

/** `pull` and `stop` wait for no answer: events tell what happened. `tokens-saved` answers `tokens`. */
export type ToWorker =
  | { type: 'pull' }
  | { type: 'stop' }
  | { type: 'tokens-saved'; requestId: number; ok: boolean; message: string }
  | WorkerRequest;

export type WorkerReply =
  | { type: 'reply'; requestId: number; ok: true; value: CallResult<SyncWorkerCall> }
  | { type: 'reply'; requestId: number; ok: false; message: string };

export type FromWorker =
  | { type: 'event'; event: SyncEvent }
  /**
   * A renewed pair for main to keep (never a SyncEvent: events are logged and printed). The engine waits
   * for `tokens-saved` before using it.
   */
  | { type: 'tokens'; requestId: number; tokens: SessionTokens }
  | { type: 'started' }
  | { type: 'stopped' }
  | { type: 'fatal'; message: string }
  | WorkerReply;
