/**
 * Worker-thread entry: runs the sync engine on its own SQLite connection so
 * the Electron main thread never executes a sync write (a 10-page commit
 * blocks for tens of milliseconds; the UI must not).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import { errorMessage } from './events.js';
import { lowerThisThreadPriority } from './thread-priority.js';
import { invokeCall, isSyncWorkerCall } from './worker-protocol.js';
import type {
  CallResult,
  FromWorker,
  SyncWorkerCall,
  SyncWorkerCalls,
  SyncWorkerData,
  ToWorker,
  WorkerRequest,
} from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('sync-worker.ts must run in a worker thread');
const post = (msg: FromWorker): void => {
  port.postMessage(msg);
};

const data = workerData as SyncWorkerData;
const { feedReaderUrl, ...settings } = data.settings;
// Background work: the main thread's cache reads (the UI) go first when both want a core.
lowerThisThreadPriority();
try {
  // The parent opened the file as owner (health check, migrations) before starting us.
  const cache = openCache(data.dbPath, { owner: false });
  const engine = createSyncEngine({
    cache,
    baseUrl: data.baseUrl,
    login: data.login,
    password: data.password,
    ...(data.token === undefined ? {} : { token: data.token }),
    ...settings,
    ...(feedReaderUrl === undefined ? {} : { feedReaderUrl: new URL(feedReaderUrl) }),
    onEvent: (event) => {
      post({ type: 'event', event });
    },
  });
  // The engine is the handler of every call the parent may make.
  const handlers: SyncWorkerCalls = engine;
  const answer = ({ requestId, method, args }: WorkerRequest): void => {
    const reply = new Promise<CallResult<SyncWorkerCall>>((resolve) => {
      // A parent built from other sources may ask for a call this worker does not have: it gets an answer.
      if (!isSyncWorkerCall(method)) throw new Error(`the sync worker has no call named ${JSON.stringify(method)}`);
      resolve(invokeCall(handlers, method, args));
    });
    reply.then(
      (value) => {
        post({ type: 'reply', requestId, ok: true, value });
      },
      (err: unknown) => {
        post({ type: 'reply', requestId, ok: false, message: errorMessage(err) });
      },
    );
  };
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'call') answer(msg);
    else if (msg.type === 'pull') void engine.pullNow().catch(() => undefined);
    else {
      void engine.stop().finally(() => {
        cache.close();
        post({ type: 'stopped' });
        port.close();
      });
    }
  });
  await engine.start();
  post({ type: 'started' });
} catch (err) {
  post({ type: 'fatal', message: errorMessage(err) });
  port.close();
}
