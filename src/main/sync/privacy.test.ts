/**
 * Personal data reaches only the roles whose work needs it (docs/openapi.yaml,
 * "Role scopes"): after a full sync with the console's real engine into a real
 * cache file, the bytes on disk of an agent's or an expert's console hold none
 * of the account-recovery requesters' e-mail addresses, phone numbers or
 * street addresses. A verifier's console needs them and keeps them, encrypted
 * at rest: the whole console (services, the sync worker on its own keyed
 * connection) runs as a verifier, and its cache file, WAL and log hold none
 * of them in a readable form, while the cache read with the key has them all.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import type { RecoveryRequest } from '../../shared/entities.js';
import { openCache } from '../db/connection.js';
import { createConsoleLog, LOG_LEVEL_ENV } from '../diagnostics/logger.js';
import { logSyncEvent } from '../diagnostics/handlers.js';
import { tempDir } from '../db/test-fixtures.js';
import { createMemoryVault } from '../features/session/vault.js';
import { createConsoleServices } from '../services/index.js';
import { backendOptions, engineFor, waitFor } from './test-support.js';

/** The kinds an agent or an expert receives, where a requester's detail may legitimately appear too. */
const SHARED_TABLES = ['rec_category', 'rec_agent', 'rec_account', 'rec_ticket', 'rec_message', 'rec_callback'];

interface RequesterDetails {
  /** The ids of the recovery requests. */
  ids: string[];
  /** Each requester's contact and reset e-mails, phone and street, as the seed wrote them. */
  all: string[];
  /**
   * Those found only in recovery requests. A requester who is a customer may ask to reset to an
   * address registered on their account, which agents see on the account; those are left out.
   */
  recoveryOnly: string[];
}

function requesterDetails(dbPath: string): RequesterDetails {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const requests = db
      .prepare<[], { data: string }>('SELECT data FROM rec_recovery')
      .all()
      .map((r) => JSON.parse(r.data) as RecoveryRequest);
    const ids = requests.map((r) => r.id);
    const values = new Set<string>();
    for (const { fields } of requests) {
      for (const v of [fields.contactEmail, fields.resetEmail, fields.phone, fields.street])
        if (v !== '') values.add(v);
    }
    const shared = SHARED_TABLES.map((t) =>
      db
        .prepare<[], { data: string }>(`SELECT data FROM ${t}`)
        .all()
        .map((r) => r.data)
        .join('\n'),
    ).join('\n');
    const all = [...values];
    return { ids, all, recoveryOnly: all.filter((v) => !shared.includes(v)) };
  } finally {
    db.close();
  }
}

interface ConsoleFiles {
  /** The cache file and its -wal, as they are on disk while the console runs. */
  cache: Buffer;
  log: Buffer;
}

/** A full sync (every page, then the search index) as `login`, with the sync log the services write. */
async function syncAs(backend: ReferenceBackend, login: string): Promise<ConsoleFiles> {
  const userDataDir = tempDir('user-data');
  const consoleLog = createConsoleLog({ userDataDir, level: 'trace' });
  const t = engineFor(backend, { login, password: 'demo' });
  try {
    await t.engine.pullNow();
    await t.engine.indexSearch();
    for (const event of t.events) logSyncEvent(consoleLog.log, event);
    expect(t.events.some((e) => e.type === 'caught-up')).toBe(true);
    const wal = `${t.file}-wal`;
    const cache = Buffer.concat([readFileSync(t.file), existsSync(wal) ? readFileSync(wal) : Buffer.alloc(0)]);
    consoleLog.close();
    const log = Buffer.concat(consoleLog.files().map((f) => readFileSync(f)));
    return { cache, log };
  } finally {
    await t.close();
  }
}

/** The cache file with its WAL and shared memory, and every log file, as they are on disk now. */
function consoleFilesOf(userDataDir: string): ConsoleFiles {
  const file = path.join(userDataDir, 'cache.sqlite');
  const cache = Buffer.concat(
    ['', '-wal', '-shm'].filter((s) => existsSync(file + s)).map((s) => readFileSync(file + s)),
  );
  const logs = path.join(userDataDir, 'logs');
  const log = Buffer.concat(readdirSync(logs).map((f) => readFileSync(path.join(logs, f))));
  return { cache, log };
}

function found(bytes: Buffer, values: readonly string[]): string[] {
  return values.filter((v) => bytes.includes(Buffer.from(v, 'utf8')));
}

let backend: ReferenceBackend;
let details: RequesterDetails;
beforeAll(async () => {
  const options = backendOptions(600);
  backend = await startReferenceBackend(options);
  details = requesterDetails(path.resolve(options.dbPath));
});
afterAll(async () => {
  await backend.close();
});

describe('requesters of account recovery, on the disk of each role', () => {
  it('the seed has requesters whose details appear nowhere but in their request', () => {
    // Enough of them for the checks below to mean something (60 requests, 4 details each).
    expect(details.recoveryOnly.length).toBeGreaterThan(100);
    console.log(`${details.recoveryOnly.length} of ${details.all.length} requester details appear only in requests`);
  });

  it.each([
    ['agent', 'marco'],
    ['expert', 'sophie'],
  ])("an %s's cache file, its WAL and the console log hold none of them", async (_role, login) => {
    const files = await syncAs(backend, login);
    expect(files.log.length).toBeGreaterThan(0);
    expect(found(files.cache, details.recoveryOnly)).toEqual([]);
    expect(found(files.log, details.all)).toEqual([]);
  });

  it("a verifier's console keeps them (their work) only encrypted: not in its cache file, WAL or log", async () => {
    const userDataDir = tempDir('verifier');
    const vault = createMemoryVault();
    const services = await createConsoleServices({
      userDataDir,
      vault,
      env: {
        SUPPORT_CONSOLE_BACKEND_URL: backend.url,
        SUPPORT_CONSOLE_LOGIN: 'jonas',
        SUPPORT_CONSOLE_PASSWORD: 'demo',
        [LOG_LEVEL_ENV]: 'trace',
      },
    });
    try {
      await waitFor(() => {
        const s = services.handlers['sync:status']();
        return 'phase' in s && s.phase === 'live' && s.searchReady;
      }, 60_000);
      // While it runs: the last commits are still in the WAL.
      const running = consoleFilesOf(userDataDir);
      expect(running.log.length).toBeGreaterThan(0);
      expect(found(running.cache, details.recoveryOnly)).toEqual([]);
      expect(found(running.log, details.all)).toEqual([]);
    } finally {
      await services.stop();
    }
    const stopped = consoleFilesOf(userDataDir);
    expect(found(stopped.cache, details.recoveryOnly)).toEqual([]);
    expect(found(stopped.log, details.all)).toEqual([]);

    // Read with the vault's key, the cache holds every request the verifier synced, details included.
    const cache = openCache(path.join(userDataDir, 'cache.sqlite'), { key: await vault.cacheKey() });
    try {
      expect(cache.health.rebuilt).toBe(false);
      const requests = details.ids.map((id) => cache.reader.getRecord('recovery', id));
      expect(requests.filter((r) => r === null)).toEqual([]);
      const readable = Buffer.from(JSON.stringify(requests), 'utf8');
      expect(found(readable, details.recoveryOnly)).toEqual(details.recoveryOnly);
    } finally {
      cache.close();
    }
  });
});
