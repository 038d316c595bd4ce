/**
 * Personal data reaches only the roles whose work needs it (docs/openapi.yaml,
 * "Role scopes"): after a full sync with the console's real engine into a real
 * cache file, the bytes on disk of an agent's or an expert's console hold none
 * of the account-recovery requesters' e-mail addresses, phone numbers or
 * street addresses. A verifier's cache holds them, in plain text: the cache
 * is not encrypted at rest yet, which is a later step.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import type { RecoveryRequest } from '../../shared/entities.js';
import { createConsoleLog } from '../diagnostics/logger.js';
import { logSyncEvent } from '../diagnostics/handlers.js';
import { tempDir } from '../db/test-fixtures.js';
import { backendOptions, engineFor } from './test-support.js';

/** The kinds an agent or an expert receives, where a requester's detail may legitimately appear too. */
const SHARED_TABLES = ['rec_category', 'rec_agent', 'rec_account', 'rec_ticket', 'rec_message', 'rec_callback'];

interface RequesterDetails {
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
    return { all, recoveryOnly: all.filter((v) => !shared.includes(v)) };
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

describe('requesters of account recovery, on the disk of each role (cache not encrypted at rest yet)', () => {
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

  it("a verifier's cache holds them in plain text (their work), the console log none", async () => {
    const files = await syncAs(backend, 'jonas');
    expect(found(files.cache, details.recoveryOnly)).toEqual(details.recoveryOnly);
    expect(found(files.log, details.all)).toEqual([]);
  });
});
