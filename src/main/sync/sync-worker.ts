/**
 * Worker-thread entry: runs the sync engine on its own SQLite connection so
 * the Electron main thread never executes a sync write (a 10-page commit
 * blocks for tens of milliseconds; the UI must not).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import { errorMessage } from './events.js';
import type { SessionTokens } from './session-tokens.js';
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
const { feedReaderUrl, diskFault, ...settings } = data.settings;
// Background work: the main thread's cache reads (the UI) go first when both want a core.
lowerThisThreadPriority();
// Renewed pairs waiting for the parent to say they are kept, by id.
const saving = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
let nextSaveId = 1;
const saveTokens = (tokens: SessionTokens): Promise<void> =>
  new Promise((resolve, reject) => {
    const requestId = nextSaveId++;
    saving.set(requestId, { resolve, reject });
    post({ type: 'tokens', requestId, tokens });
  });

try {
  // The parent opened the file as owner (health check, migrations) before starting us.
  const cache = openCache(data.dbPath, {
    owner: false,
    ...(data.journalKey === undefined ? {} : { journalKey: data.journalKey }),
    ...(data.cacheKey === undefined ? {} : { key: data.cacheKey }),
  });
  // A full or read-only disk, made on purpose (tests): on this connection only, after the open's own writes.
  if (diskFault?.maxPageCount !== undefined) cache.db.pragma(`max_page_count = ${String(diskFault.maxPageCount)}`);
  if (diskFault?.readOnly === true) cache.db.pragma('query_only = ON');
  const engine = createSyncEngine({
    cache,
    baseUrl: data.baseUrl,
    login: data.login,
    password: data.password,
    ...(data.token === undefined ? {} : { token: data.token }),
    ...(data.expiresAt === undefined ? {} : { expiresAt: data.expiresAt }),
    ...(data.refreshToken === undefined ? {} : { refreshToken: data.refreshToken }),
    ...(data.refreshExpiresAt === undefined ? {} : { refreshExpiresAt: data.refreshExpiresAt }),
    saveTokens,
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
    else if (msg.type === 'tokens-saved') {
      const waiting = saving.get(msg.requestId);
      saving.delete(msg.requestId);
      if (msg.ok) waiting?.resolve();
      else waiting?.reject(new Error(msg.message));
    } else if (msg.type === 'pull') void engine.pullNow().catch(() => undefined);
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
