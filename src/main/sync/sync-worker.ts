/**
 * Worker-thread entry: runs the sync engine on its own SQLite connection so
 * the Electron main thread never executes a sync write (a 10-page commit
 * blocks for tens of milliseconds; the UI must not).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openCache } from '../db/connection.js';
import { createSyncEngine } from './engine.js';
import { errorMessage } from './events.js';
import type { FromWorker, SyncWorkerData, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (port === null) throw new Error('sync-worker.ts must run in a worker thread');
const post = (msg: FromWorker): void => {
  port.postMessage(msg);
};

const data = workerData as SyncWorkerData;
try {
  // The parent opened the file as owner (health check, migrations) before starting us.
  const cache = openCache(data.dbPath, { owner: false });
  const engine = createSyncEngine({
    cache,
    baseUrl: data.baseUrl,
    login: data.login,
    password: data.password,
    ...data.settings,
    onEvent: (event) => {
      post({ type: 'event', event });
    },
  });
  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'pull') void engine.pullNow().catch(() => undefined);
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
