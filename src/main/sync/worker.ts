/** Starts the sync engine in a worker thread and relays its events. */
import { Worker } from 'node:worker_threads';
import type { SyncEvent, SyncEventListener } from './events.js';
import type { FromWorker, SyncWorkerData, ToWorker, WorkerEngineSettings } from './worker-protocol.js';

export interface SyncWorkerOptions {
  dbPath: string;
  baseUrl: string;
  login: string;
  password: string;
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
  stop(): Promise<void>;
}

/**
 * How to start the worker entry. From source (tests, the CLI under tsx) the
 * worker must load TypeScript: `execArgv: ['--import', 'tsx']` is ignored by
 * workers on Node 20.20 ("Unknown file extension .ts"), so a two-line eval
 * bootstrap registers tsx's ESM hooks inside the worker, then imports the
 * entry. A build runs sync-worker.js directly.
 */
function workerSource(override: URL | undefined): { source: string | URL; evalCode: boolean } {
  if (override !== undefined) return { source: override, evalCode: false };
  if (!import.meta.url.endsWith('.ts'))
    return { source: new URL('./sync-worker.js', import.meta.url), evalCode: false };
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./sync-worker.ts', import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { source: code, evalCode: true };
}

export function startSyncWorker(opts: SyncWorkerOptions): SyncWorkerHandle {
  const entry = workerSource(opts.workerUrl);
  const data: SyncWorkerData = {
    dbPath: opts.dbPath,
    baseUrl: opts.baseUrl,
    login: opts.login,
    password: opts.password,
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

  worker.on('message', (msg: FromWorker) => {
    if (msg.type === 'event') dispatch(msg.event);
    else if (msg.type === 'started') resolveStarted();
    else if (msg.type === 'fatal') {
      dispatch({ type: 'error', message: msg.message });
      rejectStarted(new Error(msg.message));
    }
  });
  worker.on('error', (err) => {
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
