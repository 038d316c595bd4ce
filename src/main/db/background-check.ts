/**
 * The full `PRAGMA quick_check` of a large cache, after the start
 * (start-check.ts checked only its header, schema and small tables): 5.6–6.3 s
 * at 1M tickets, so it runs in a thread of its own, on a read-only
 * connection, at a lower priority, while the console works.
 *
 * The thread's code is plain JavaScript evaluated in the worker (no entry
 * file to build), and it loads the SQLite module from the path this module
 * resolves: the same package as the app's, with the same native binding.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { CACHE_CIPHER } from './cipher.js';

const CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const os = require('node:os');
// Linux sets the calling thread's nice value here (pid 0): the UI's reads go first.
try { os.setPriority(15); } catch {}
const Database = require(workerData.module);
let db = null;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, ...workerData.binding });
  // The key before any read, as on every connection of the app (src/main/db/cipher.ts).
  for (const pragma of workerData.keyPragmas) db.pragma(pragma);
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma('quick_check');
  const ok = rows.length === 1 && rows[0].quick_check === 'ok';
  parentPort.postMessage({ problem: ok ? null : rows.map((r) => r.quick_check).join('; ').slice(0, 500) });
} catch (err) {
  parentPort.postMessage({ error: { code: typeof err.code === 'string' ? err.code : null, message: String(err.message) } });
} finally {
  if (db !== null) db.close();
}
`;

type Answer = { problem: string | null } | { error: { code: string | null; message: string } };

/** What the check found. */
export type BackgroundCheckResult =
  | { sound: true }
  | { sound: false; problem: string }
  /** The check itself could not run (file gone, locked): says nothing about damage. */
  | { sound: null; error: string };

export interface BackgroundCheck {
  readonly result: Promise<BackgroundCheckResult>;
  /** Ends the thread (the console is stopping, or the file is being replaced); the result then says so. */
  stop(): Promise<void>;
}

/** `key`: the cache's key when it is encrypted (handed to the thread in memory, as to the sync worker). */
export function checkInBackground(file: string, key: Uint8Array | null = null): BackgroundCheck {
  const binding = process.env.SUPPORT_CONSOLE_SQLITE_BINDING;
  const worker = new Worker(CODE, {
    eval: true,
    workerData: {
      file,
      module: createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers'),
      keyPragmas: key === null ? [] : [`cipher = '${CACHE_CIPHER}'`, `key = "x'${Buffer.from(key).toString('hex')}'"`],
      binding: binding ? { nativeBinding: binding } : {},
    },
  });
  const result = new Promise<BackgroundCheckResult>((resolve) => {
    let answered = false;
    worker.once('message', (answer: Answer) => {
      answered = true;
      if ('problem' in answer)
        resolve(answer.problem === null ? { sound: true } : { sound: false, problem: answer.problem });
      else if (answer.error.code?.startsWith('SQLITE_CORRUPT') === true || answer.error.code === 'SQLITE_NOTADB')
        resolve({ sound: false, problem: answer.error.message });
      else resolve({ sound: null, error: answer.error.message });
    });
    worker.once('error', (err) => {
      answered = true;
      resolve({ sound: null, error: err.message });
    });
    worker.once('exit', (code) => {
      if (!answered) resolve({ sound: null, error: `the check's thread exited with code ${code}` });
    });
  });
  return {
    result,
    async stop() {
      await worker.terminate();
    },
  };
}
