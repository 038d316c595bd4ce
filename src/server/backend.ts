/**
 * Composition root of the reference backend: opens the database, seeds it
 * when empty, wires stores and routes, listens. index.ts binds the real seed;
 * tests may pass a small fixture seeder instead.
 */
import type { Database } from 'better-sqlite3';
import { BackendAdmin } from './admin.js';
import { buildApp } from './app.js';
import type { BackendContext } from './context.js';
import { openBackendDb } from './db/schema.js';
import { FaultInjector } from './faults.js';
import type { FaultConfig } from './faults.js';
import { Authenticator } from './http/auth.js';
import { PushHub } from './push.js';
import { openSeedSink } from './store/bulk.js';
import type { SeedSink } from './store/bulk.js';
import type { Checksums } from './store/checksums.js';
import { Credentials } from './store/credentials.js';
import { liveCursor } from './store/cursor.js';
import { Documents } from './store/documents.js';
import { Feed } from './store/feed.js';
import { IdempotencyStore } from './store/idempotency.js';
import { RecordStore } from './store/records.js';

export interface BackendOptions<S> {
  dbPath: string;
  /** Path of a better-sqlite3 build to load instead of node_modules' own (see src/main/backend/embedded.ts). */
  nativeBinding?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Seeds the database when it holds no record yet. */
  seed?: S | false;
  faults?: Partial<FaultConfig>;
  /** SSE heartbeat period, default 15 000 ms. */
  heartbeatMs?: number;
  /** Commits within this window produce one push event, default 25 ms. */
  pushDebounceMs?: number;
  /** Largest accepted intake document, default 10 MiB. */
  maxUploadBytes?: number;
  /** Registers /v1/_test/* (no auth): tests and benchmarks only. */
  testEndpoints?: boolean;
  /** The server clock (tests of business hours and entitlements). Default: the real clock. */
  now?: () => Date;
  /**
   * How long the identity documents of a decided request keep their bytes, in ms. Default 0: deleted
   * in the decision's transaction. The purge job applies it at start and every hour.
   */
  documentRetentionMs?: number;
  /** How often the purge job runs, default hourly (tests shorten it). */
  purgeIntervalMs?: number;
}

export interface ReferenceBackend {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  setFaults(f: Partial<FaultConfig>): void;
  admin: BackendAdmin;
  checksums(): Checksums;
}

export type Seeder<S> = (sink: SeedSink, opts: S) => void;

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** How often the purge job looks for documents past their retention. */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes the bytes of documents past their retention, now and every `intervalMs`. The timer is
 * unref'd (it never keeps a process alive); the answer stops it.
 */
function startPurgeJob(db: Database, documents: Documents, now: () => Date, retentionMs: number, intervalMs: number) {
  const run = (): void => {
    documents.purgeDue(now(), retentionMs);
    // The WAL may still hold the pages written when the bytes arrived, for documents purged here or by a
    // decision since the last run: fold it into the (zeroed) file and empty it.
    db.pragma('wal_checkpoint(TRUNCATE)');
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}

function isEmpty(db: Database): boolean {
  return (
    db
      .prepare('SELECT 1 FROM rec_category UNION ALL SELECT 1 FROM credential WHERE agent_id IS NOT NULL LIMIT 1')
      .get() === undefined
  );
}

function seedIfEmpty<S>(db: Database, seed: S | false | undefined, seeder: Seeder<S>): void {
  if (seed === undefined || seed === false || !isEmpty(db)) return;
  const session = openSeedSink(db);
  try {
    seeder(session.sink, seed);
    session.commit();
  } catch (err) {
    session.rollback();
    throw err;
  }
}

export async function startBackend<S>(opts: BackendOptions<S>, seeder: Seeder<S>): Promise<ReferenceBackend> {
  const db = openBackendDb(opts.dbPath, opts.nativeBinding);
  let stopPurge = (): void => undefined;
  try {
    seedIfEmpty(db, opts.seed, seeder);
    const now = opts.now ?? (() => new Date());
    const records = new RecordStore(db);
    const credentials = new Credentials(db);
    credentials.ensureServiceLogin('portal', 'portal', 'intake', 'Customer portal');
    const faults = new FaultInjector(opts.faults);
    const push = new PushHub(() => liveCursor(records.headSeq), opts.pushDebounceMs ?? 25, opts.heartbeatMs ?? 15_000);
    records.onCommit(() => {
      push.notify();
    });
    const admin = new BackendAdmin(records, now);
    const documents = new Documents(db);
    const documentRetentionMs = opts.documentRetentionMs ?? 0;
    if (!Number.isFinite(documentRetentionMs) || documentRetentionMs < 0) {
      throw new Error(`documentRetentionMs must be 0 or more, got ${String(documentRetentionMs)}.`);
    }
    stopPurge = startPurgeJob(db, documents, now, documentRetentionMs, opts.purgeIntervalMs ?? PURGE_INTERVAL_MS);
    const ctx: BackendContext = {
      db,
      records,
      feed: new Feed(db),
      credentials,
      documents,
      idempotency: new IdempotencyStore(db),
      auth: new Authenticator(credentials, records),
      push,
      faults,
      admin,
      now,
      maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      documentRetentionMs,
    };
    const app = await buildApp(ctx, { testEndpoints: opts.testEndpoints ?? false });
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('The backend is not listening on TCP');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${address.port}`,
      close() {
        stopPurge();
        closing ??= app.close().then(() => {
          db.close();
        });
        return closing;
      },
      setFaults: (f) => {
        faults.set(f);
      },
      admin,
      checksums: () => admin.checksums(),
    };
  } catch (err) {
    stopPurge();
    if (db.open) db.close();
    throw err;
  }
}
