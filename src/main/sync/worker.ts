/** Starts the sync engine in a worker thread and relays its events. */
import { Worker } from 'node:worker_threads';
import type { SyncEvent, SyncEventListener } from './events.js';
import type { SessionTokens } from './session-tokens.js';
import { workerEntry } from './worker-entry.js';
import { forwardCalls } from './worker-protocol.js';
import type {
  CallArgs,
  CallResult,
  FromWorker,
  SyncWorkerCall,
  SyncWorkerCalls,
  SyncWorkerData,
  ToWorker,
  WorkerEngineSettings,
  WorkerReply,
} from './worker-protocol.js';

export interface SyncWorkerOptions {
  dbPath: string;
  /** The key the cache is encrypted with (the owner's); goes to the worker in its workerData only. */
  cacheKey?: Uint8Array;
  baseUrl: string;
  login: string;
  /** Empty with `token`: the worker then never logs in by itself (engine.ts). */
  password: string;
  token?: string;
  expiresAt?: string;
  refreshToken?: string;
  refreshExpiresAt?: string;
  /** The outbox journal's key (the cache key): every outbox change is journaled beside the cache with it. */
  journalKey?: Uint8Array;
  /**
   * Keeps a pair the worker renewed (the session's vault). The worker waits
   * for it before using the pair; without it the pair lives in the worker only.
   */
  saveTokens?: (tokens: SessionTokens) => Promise<void>;
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

/** The sync worker as the main process sees it: the calls of SyncWorkerCalls, plus its life and its events. */
export interface SyncWorkerHandle extends SyncWorkerCalls {
  events: SyncEventStream;
  /** Resolves once the engine has started (or rejects if it could not). */
  started: Promise<void>;
  /** Asks for a pull to the head; what happens comes as events. */
  pullNow(): void;
  stop(): Promise<void>;
}

export function startSyncWorker(opts: SyncWorkerOptions): SyncWorkerHandle {
  const entry = workerEntry('sync-worker', opts.workerUrl);
  const data: SyncWorkerData = {
    dbPath: opts.dbPath,
    ...(opts.cacheKey === undefined ? {} : { cacheKey: opts.cacheKey }),
    baseUrl: opts.baseUrl,
    login: opts.login,
    password: opts.password,
    ...(opts.token === undefined ? {} : { token: opts.token }),
    ...(opts.expiresAt === undefined ? {} : { expiresAt: opts.expiresAt }),
    ...(opts.refreshToken === undefined ? {} : { refreshToken: opts.refreshToken }),
    ...(opts.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: opts.refreshExpiresAt }),
    ...(opts.journalKey === undefined ? {} : { journalKey: opts.journalKey }),
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
  const request = async <M extends SyncWorkerCall>(method: M, args: CallArgs<M>): Promise<CallResult<M>> => {
    if (gone !== null) throw new Error(`sync worker is not running (${gone})`);
    const requestId = nextRequestId++;
    const value = await new Promise<unknown>((resolve, reject) => {
      waiting.set(requestId, { resolve, reject });
      send({ type: 'call', requestId, method, args });
    });
    // The worker answers `method` with what the engine's method returned (sync-worker.ts).
    return value as CallResult<M>;
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

  const saveTokens = (requestId: number, tokens: SessionTokens): void => {
    const saved = opts.saveTokens?.(tokens) ?? Promise.resolve();
    saved.then(
      () => {
        send({ type: 'tokens-saved', requestId, ok: true, message: '' });
      },
      (err: unknown) => {
        send({ type: 'tokens-saved', requestId, ok: false, message: err instanceof Error ? err.message : String(err) });
      },
    );
  };

  worker.on('message', (msg: FromWorker) => {
    if (msg.type === 'event') dispatch(msg.event);
    else if (msg.type === 'tokens') saveTokens(msg.requestId, msg.tokens);
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
    ...forwardCalls(request),
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
