/**
 * Composition root of the reference backend: opens the database, seeds it
 * when empty, wires stores and routes, listens. index.ts binds the real seed;
 * tests may pass a small fixture seeder instead.
 */
import { randomBytes } from 'node:crypto';
import { BackendAdmin } from './admin.js';
import { buildApp } from './app.js';
import type { RouteName } from './app.js';
import type { BackendContext } from './context.js';
import type { SqlDatabase } from './db/sql.js';
import { FaultInjector } from './faults.js';
import type { FaultConfig } from './faults.js';
import { Authenticator } from './http/auth.js';
import { hearsPresenceOf, PRESENCE_EVENT } from './presence/fan-out.js';
import { PresenceHub } from './presence/hub.js';
import { PushHub } from './push.js';
import { openSeedSink } from './store/bulk.js';
import type { SeedSink } from './store/bulk.js';
import type { Checksums } from './store/checksums.js';
import { Credentials } from './store/credentials.js';
import { liveCursor } from './store/cursor.js';
import { Documents } from './store/documents.js';
import { Feed } from './store/feed.js';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from './store/login-throttle.js';
import type { LoginLimits } from './store/login-throttle.js';
import { DEMO_COST, STRONG_COST } from './store/passwords.js';
import type { ScryptCost } from './store/passwords.js';
import { RecordStore } from './store/records.js';
import { DEFAULT_TOKEN_LIFETIMES, Sessions } from './store/sessions.js';
import type { TokenLifetimes } from './store/sessions.js';
import { PRESENCE_TTL_MS } from '../shared/presence.js';
import { ENTITY_KINDS } from '../shared/entities.js';
import type { EntityKind } from '../shared/entities.js';
import { openStorage } from './storage.js';
import type { StorageOptions } from './storage.js';

/** The database: `dbPath` (SQLite) or `databaseUrl` (PostgreSQL), exactly one (storage.ts). */
export interface BackendOptions<S> extends StorageOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Seeds the database when it holds no record yet. */
  seed?: S | false;
  /**
   * Demo mode: the seeded agents sign in with the password "demo" and the
   * customer portal with portal/portal, as the README and the tests say.
   * Without it (the default) every login the backend creates gets a random
   * password, handed out once in `initialPasswords`.
   */
  demo?: boolean;
  /** scrypt cost of the password hashes made from now on. Default: STRONG_COST, DEMO_COST in demo mode. */
  passwordCost?: ScryptCost;
  /** Limits on failed logins (DEFAULT_LOGIN_LIMITS); flows that fail logins on purpose may raise them. */
  loginLimits?: Partial<LoginLimits>;
  /** Access and refresh token lifetimes (DEFAULT_TOKEN_LIFETIMES: 12 h, 30 days). */
  tokenLifetimes?: Partial<TokenLifetimes>;
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
  /** A console without a presence heartbeat for this long is gone, default PRESENCE_TTL_MS (tests shorten it). */
  presenceTtlMs?: number;
}

export interface ReferenceBackend {
  /** http://127.0.0.1:PORT */
  url: string;
  close(): Promise<void>;
  setFaults(f: Partial<FaultConfig>): void;
  admin: BackendAdmin;
  checksums(): Promise<Checksums>;
  /**
   * login → password of every login this start created with a random
   * password (not in demo mode): shown nowhere else and stored only hashed.
   * Empty when the database already had them.
   */
  initialPasswords: Readonly<Record<string, string>>;
  /** Every route served, as "METHOD /path": the role-matrix test fails for one it has no row for. */
  routes: readonly RouteName[];
}

/**
 * What startBackend answers: the backend, and the storage it runs on. Only the tests' harness
 * (testing/harness.ts) reads `db`, to check what landed on either storage; index.ts answers a plain
 * ReferenceBackend, so nobody embedding the backend reaches its database this way.
 */
export interface StartedBackend extends ReferenceBackend {
  readonly db: SqlDatabase;
}

export type Seeder<S> = (sink: SeedSink, opts: S) => void;

export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** How often the purge job looks for documents past their retention. */
export const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes the bytes of documents past their retention, now and every `intervalMs`. The timer is
 * unref'd (it never keeps a process alive); the answer stops it.
 */
async function startPurgeJob(
  db: SqlDatabase,
  documents: Documents,
  now: () => Date,
  retentionMs: number,
  intervalMs: number,
): Promise<() => void> {
  const run = async (): Promise<void> => {
    await documents.purgeDue(now(), retentionMs);
    // The database may still hold the bytes elsewhere (SQLite: the WAL's pages written when they arrived), for
    // documents purged here or by a decision since the last run.
    await db.forgetDeleted();
  };
  await run();
  const timer = setInterval(() => {
    // A failed run (the database unreachable for a moment) is retried at the next interval.
    run().catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}

async function isEmpty(db: SqlDatabase): Promise<boolean> {
  return (
    (await db.get(
      'SELECT 1 AS one FROM rec_category UNION ALL SELECT 1 AS one FROM credential WHERE agent_id IS NOT NULL LIMIT 1',
    )) === undefined
  );
}

/**
 * A database keeps the kind of passwords its logins were made with. Starting
 * a demo database without demo mode would serve published passwords as if
 * they were secret; starting a real one in demo mode would not give the demo
 * logins. Both are refused, with what to do instead.
 */
async function checkLoginsMode(db: SqlDatabase, demo: boolean, label: string): Promise<void> {
  const wanted = demo ? 'demo' : 'random';
  // The first start decides; another process starting at the same time reads what it decided.
  await db.run("INSERT INTO backend_meta (key, value) VALUES ('logins', ?) ON CONFLICT (key) DO NOTHING", [wanted]);
  const row = await db.get<{ value: string }>("SELECT value FROM backend_meta WHERE key = 'logins'");
  if (row === undefined) throw new Error('backend_meta lost its logins row');
  if (row.value === wanted) return;
  throw new Error(
    row.value === 'demo'
      ? `${label} holds demo logins (published passwords): start it in demo mode (--demo), or start a new database without it.`
      : `${label} holds logins with random passwords: demo mode would not give the demo logins; start it without --demo, or a new database with it.`,
  );
}

function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Seeds an empty database. Outside demo mode the seeder's passwords (the
 * published "demo") are replaced with random ones, written into `passwords`.
 */
async function seedIfEmpty<S>(
  db: SqlDatabase,
  seed: S | false | undefined,
  seeder: Seeder<S>,
  cost: ScryptCost,
  passwords: Record<string, string> | null,
): Promise<void> {
  if (seed === undefined || seed === false || !(await isEmpty(db))) return;
  const session = await openSeedSink(db, cost);
  const sink: SeedSink =
    passwords === null
      ? session.sink
      : {
          ...session.sink,
          agents: (rows) => {
            session.sink.agents(
              rows.map((row) => {
                const password = randomPassword();
                passwords[row.login] = password;
                return { ...row, password };
              }),
            );
          },
        };
  try {
    seeder(sink, seed);
  } catch (err) {
    await session.rollback();
    throw err;
  }
  await session.commit();
}

export async function startBackend<S>(opts: BackendOptions<S>, seeder: Seeder<S>): Promise<StartedBackend> {
  const storage = await openStorage(opts);
  const { db, bus } = storage;
  let stopPurge = (): void => undefined;
  try {
    const demo = opts.demo ?? false;
    await checkLoginsMode(db, demo, storage.label);
    const cost = opts.passwordCost ?? (demo ? DEMO_COST : STRONG_COST);
    const initialPasswords: Record<string, string> = {};
    await seedIfEmpty(db, opts.seed, seeder, cost, demo ? null : initialPasswords);
    const now = opts.now ?? (() => new Date());
    const records = await RecordStore.open(db);
    const credentials = new Credentials(db, cost);
    const portalPassword = demo ? 'portal' : randomPassword();
    if ((await credentials.ensureServiceLogin('portal', portalPassword, 'intake', 'Customer portal')) && !demo)
      initialPasswords.portal = portalPassword;
    const sessions = new Sessions(db, { ...DEFAULT_TOKEN_LIFETIMES, ...opts.tokenLifetimes });
    const faults = new FaultInjector(opts.faults);
    const push = new PushHub(
      async (mask) => {
        const head = await records.headSeq();
        return liveCursor(head, mask, await records.anchorAt(head));
      },
      opts.pushDebounceMs ?? 25,
      opts.heartbeatMs ?? 15_000,
    );
    // A commit in any process wakes the push streams of every process (bus/): published after commit.
    records.onCommit((_head, kinds) => {
      bus.publish('changes', { kinds: [...kinds] }).catch(() => {
        // The commit stands; other processes' consoles hear of it with the next change or their next pull.
      });
    });
    const stopHearing = bus.subscribe('changes', (body) => {
      push.notify(kindsIn(body));
    });
    // Messages may have been lost while the listening connection was down: every console pulls once.
    const stopGaps = bus.onGap(() => {
      push.notify(ENTITY_KINDS);
    });
    const presence = new PresenceHub(bus, opts.presenceTtlMs ?? PRESENCE_TTL_MS, (event) => {
      push.broadcast(PRESENCE_EVENT, event, (audience) => hearsPresenceOf(event, audience));
    });
    const admin = new BackendAdmin(records, now);
    const documents = new Documents(db);
    const documentRetentionMs = opts.documentRetentionMs ?? 0;
    if (!Number.isFinite(documentRetentionMs) || documentRetentionMs < 0) {
      throw new Error(`documentRetentionMs must be 0 or more, got ${String(documentRetentionMs)}.`);
    }
    stopPurge = await startPurgeJob(db, documents, now, documentRetentionMs, opts.purgeIntervalMs ?? PURGE_INTERVAL_MS);
    const ctx: BackendContext = {
      db,
      records,
      feed: new Feed(db, (seq) => records.anchorAt(seq)),
      credentials,
      documents,
      sessions,
      loginThrottle: new LoginThrottle(db, { ...DEFAULT_LOGIN_LIMITS, ...opts.loginLimits }),
      auth: new Authenticator(credentials, sessions, records, now),
      push,
      presence,
      faults,
      admin,
      now,
      maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      documentRetentionMs,
    };
    const { app, routes } = await buildApp(ctx, { testEndpoints: opts.testEndpoints ?? false });
    await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('The backend is not listening on TCP');
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    let closing: Promise<void> | null = null;
    return {
      url: `http://${host}:${address.port}`,
      close() {
        stopPurge();
        closing ??= app.close().then(async () => {
          stopHearing();
          stopGaps();
          await storage.close();
        });
        return closing;
      },
      setFaults: (f) => {
        faults.set(f);
      },
      admin,
      checksums: () => admin.checksums(),
      initialPasswords,
      routes,
      db,
    };
  } catch (err) {
    stopPurge();
    await storage.close();
    throw err;
  }
}

/** The kinds a `changes` message names (it may come from another process: checked, unknown ones dropped). */
function kindsIn(body: unknown): EntityKind[] {
  const kinds = (body as { kinds?: unknown } | null)?.kinds;
  if (!Array.isArray(kinds)) return [...ENTITY_KINDS];
  return ENTITY_KINDS.filter((k) => kinds.includes(k));
}
