/** Starts the sync engine in a worker thread and relays its events. */
import { Worker } from 'node:worker_threads';
import type { ActResult, TicketAction } from '../../shared/ipc.js';
import type { ResolveChoice } from '../db/outbox-types.js';
import type { DirectCall, DirectCallAnswer, DownloadedDocument } from './direct-calls.js';
import type { SyncEvent, SyncEventListener } from './events.js';
import { workerEntry } from './worker-entry.js';
import type { FromWorker, SyncWorkerData, ToWorker, WorkerEngineSettings, WorkerReply } from './worker-protocol.js';

export interface SyncWorkerOptions {
  dbPath: string;
  baseUrl: string;
  login: string;
  /** Empty with `token`: the worker then never logs in by itself (engine.ts). */
  password: string;
  token?: string;
  settings?: WorkerEngineSettings;
  /**
   * The worker entry. Defaults to sync-worker.ts next to this file (run with
   * tsx, for tests and the CLI) or sync-worker.js in a build; a bundler that
   * emits the worker elsewhere passes its URL.
   */
  workerUrl?: URL;
}

export interface SyncEventStream {
  /** Returns an unsubscribe function. */
  subscribe(listener: SyncEventListener): () => void;
}

export interface SyncWorkerHandle {
  events: SyncEventStream;
  /** Resolves once the engine has started (or rejects if it could not). */
  started: Promise<void>;
  pullNow(): void;
  /** Applies the action to the cache and queues it for the backend, in one transaction in the worker. */
  act(action: TicketAction): Promise<ActResult>;
  /** The agent's answer to a refused action (conflict or rule). */
  resolveOutbox(actionId: string, choice: ResolveChoice): Promise<void>;
  /** A mutation whose answer the person waits for (direct-calls.ts). */
  call(c: DirectCall): Promise<DirectCallAnswer>;
  /** A document's bytes, at most `maxBytes`, with their sha256 (never written to disk here). */
  download(documentId: string, maxBytes: number): Promise<DownloadedDocument>;
  stop(): Promise<void>;
}

export function startSyncWorker(opts: SyncWorkerOptions): SyncWorkerHandle {
  const entry = workerEntry('sync-worker', opts.workerUrl);
  const data: SyncWorkerData = {
    dbPath: opts.dbPath,
    baseUrl: opts.baseUrl,
    login: opts.login,
    password: opts.password,
    ...(opts.token === undefined ? {} : { token: opts.token }),
    settings: opts.settings ?? {},
  };
  const worker = new Worker(entry.source, { workerData: data, eval: entry.evalCode });
  const listeners = new Set<SyncEventListener>();
  const send = (msg: ToWorker): void => {
    worker.postMessage(msg);
  };
  const dispatch = (event: SyncEvent): void => {
    for (const l of listeners) l(event);
  };

  let resolveStarted: () => void = () => undefined;
  let rejectStarted: (err: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    resolveStarted = resolve;
    rejectStarted = reject;
  });
  started.catch(() => undefined);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      resolve();
    }),
  );

  // Requests waiting for the worker's reply, by id; all fail if the worker goes away.
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextRequestId = 1;
  let gone: string | null = null;
  const request = (make: (requestId: number) => ToWorker): Promise<unknown> => {
    if (gone !== null) return Promise.reject(new Error(`sync worker is not running (${gone})`));
    const requestId = nextRequestId++;
    return new Promise((resolve, reject) => {
      waiting.set(requestId, { resolve, reject });
      send(make(requestId));
    });
  };
  const settleReply = (msg: WorkerReply): void => {
    const w = waiting.get(msg.requestId);
    if (w === undefined) return;
    waiting.delete(msg.requestId);
    if (msg.ok) w.resolve(msg.value);
    else w.reject(new Error(msg.message));
  };
  const failWaiting = (why: string): void => {
    gone ??= why;
    for (const w of waiting.values()) w.reject(new Error(`sync worker is not running (${why})`));
    waiting.clear();
  };
  worker.once('exit', (code) => {
    failWaiting(`exited with code ${code}`);
  });

  worker.on('message', (msg: FromWorker) => {
    if (msg.type === 'event') dispatch(msg.event);
    else if (msg.type === 'reply') settleReply(msg);
    else if (msg.type === 'started') resolveStarted();
    else if (msg.type === 'fatal') {
      dispatch({ type: 'error', message: msg.message });
      rejectStarted(new Error(msg.message));
    }
  });
  worker.on('error', (err) => {
    failWaiting(`crashed: ${err.message}`);
    dispatch({ type: 'error', message: `sync worker crashed: ${err.message}` });
    rejectStarted(err);
  });

  let stopping: Promise<void> | null = null;
  return {
    events: {
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    started,
    pullNow() {
      send({ type: 'pull' });
    },
    async act(action) {
      // The worker answers an act request with the engine's ActResult (worker-protocol.ts WorkerResults).
      return (await request((requestId) => ({ type: 'act', requestId, action }))) as ActResult;
    },
    async resolveOutbox(actionId, choice) {
      await request((requestId) => ({ type: 'resolve-outbox', requestId, actionId, choice }));
    },
    async call(c) {
      return (await request((requestId) => ({ type: 'call', requestId, call: c }))) as DirectCallAnswer;
    },
    async download(documentId, maxBytes) {
      return (await request((requestId) => ({
        type: 'download',
        requestId,
        documentId,
        maxBytes,
      }))) as DownloadedDocument;
    },
    stop() {
      stopping ??= (async () => {
        send({ type: 'stop' });
        // A worker stuck in a long transaction still gets ~10 s to finish it cleanly.
        const timer = setTimeout(() => void worker.terminate(), 10_000);
        await exited;
        clearTimeout(timer);
        listeners.clear();
      })();
      return stopping;
    },
  };
}
