/**
 * Opening the cache file: key, pragmas, migrations and the health check. The
 * only place a cache connection is created (cipher.ts opens a plain file once
 * to encrypt it).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { applyKey, CACHE_KEY_LOST, encryptPlainCache } from './cipher.js';
import { SCHEMA_VERSION, readUserVersion, runMigrations } from './migrations/index.js';
import { journalFileOf, openOutboxJournal } from './outbox-journal.js';
import type { OutboxJournal } from './outbox-journal.js';
import { createOutboxRebaser } from './outbox-rebase.js';
import { restoreFromJournal } from './outbox-restore.js';
import { createCacheReader } from './reader.js';
import { checkAtStart, FULL_CHECK_MAX_PAGES, headerProblem } from './start-check.js';
import type { CacheReader, CacheWriter } from './types.js';
import { createCacheWriter } from './writer.js';

/**
 * Under Electron, the SQLite module must be the build for Electron's ABI; `npm start` builds one beside
 * node_modules (which stays on Node's ABI for the tests) and names it here.
 */
function nativeBindingOption(): { nativeBinding?: string } {
  const binding = process.env.SUPPORT_CONSOLE_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}

export interface CacheHealth {
  /** The previous file was unusable: it was moved aside and a fresh cache created (the sync re-bootstraps). */
  rebuilt: boolean;
  reason: string | null;
  /** Where the unusable file went. */
  movedTo: string | null;
  /** The previous session did not close the cache (crash, kill, power loss). */
  uncleanShutdown: boolean;
  /**
   * The file was larger than a full check allows at start (start-check.ts):
   * only its header, schema and small tables were checked; the owner runs
   * the full check in the background (background-check.ts).
   */
  fullCheckPending: boolean;
  /** Actions the outbox had lost and the journal put back (outbox-restore.ts); 0 without a journal. */
  restoredActions: number;
  /** The journal could not be read with the key (moved to this path), or null. */
  journalUnreadable: string | null;
}

export interface OpenOptions {
  /**
   * The owner of the file (one per file) checks health, runs migrations and
   * keeps the clean-shutdown marker; other connections (the sync worker's)
   * pass false and only set pragmas.
   */
  owner?: boolean;
  /** Run the full PRAGMA quick_check at start whatever the file's size. */
  alwaysCheck?: boolean;
  /** Above this many pages, the start check is the cheap one (start-check.ts); default FULL_CHECK_MAX_PAGES. */
  fullCheckMaxPages?: number;
  /**
   * The owner found the file damaged while running (a read or the background
   * check failed with this reason): move it aside and start a fresh cache.
   */
  damaged?: string;
  /**
   * The 32-byte key of the outbox journal (outbox-journal.ts) beside the
   * file: with it, every outbox change is journaled, and the owner puts back
   * the unsettled actions the file lost. Without it (benchmark, CLI), no journal.
   */
  journalKey?: Uint8Array;
  busyTimeoutMs?: number;
  now?: () => Date;
  /**
   * The vault's 32-byte key: the file and its WAL are encrypted with it (a plain file from an older
   * version is encrypted on the owner's first open). Without it the file is plain SQLite (tests, tools).
   */
  key?: Uint8Array;
}

export interface OpenedDb {
  readonly db: Db;
  readonly health: CacheHealth;
  /** Marks a clean shutdown (owner only, unless markDamaged was called) and closes. Idempotent. */
  close(): void;
  /** The file failed a check or a read: it is never marked clean again. */
  markDamaged(): void;
}

const CORRUPT_CODES = new Set([
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
  'SQLITE_CORRUPT_INDEX',
  'SQLITE_CORRUPT_SEQUENCE',
  'SQLITE_CORRUPT_VTAB',
]);

/** An error that means the file itself is damaged (as opposed to locked, read-only, missing folder...). */
export function isCorruptionError(err: unknown): boolean {
  if (err instanceof CacheCorruptError) return true;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

class CacheCorruptError extends Error {
  override name = 'CacheCorruptError';
}

/** Page cache per connection, in KiB. */
const CACHE_KIB = 64 * 1024;

function applyPragmas(db: Db, busyTimeoutMs: number): void {
  // Reading the mode back is the first real read of the file: a non-SQLite file throws SQLITE_NOTADB here.
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`Could not switch the cache to WAL (got ${String(mode)})`);
  // better-sqlite3 reported 2 on the first open and 1 on later ones (built with NORMAL as WAL's default):
  // set it and verify.
  db.pragma('synchronous = FULL');
  const sync = db.pragma('synchronous', { simple: true });
  if (sync !== 2) throw new Error(`synchronous=FULL did not stick (got ${String(sync)})`);
  db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
  // The default 2 MiB page cache thrashes once the queue indexes outgrow it (bulk sync at 1M tickets).
  db.pragma(`cache_size = -${CACHE_KIB}`);
  // The feed may deliver a reference before its target (e.g. a ticket before its category).
  db.pragma('foreign_keys = OFF');
}

function readMarker(db: Db): string | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'meta'").get();
  if (hasMeta === undefined) return null;
  const row = db.prepare("SELECT value FROM meta WHERE key = 'clean_shutdown'").get() as { value: unknown } | undefined;
  return row === undefined ? null : String(row.value);
}

function setMarker(db: Db, clean: boolean): void {
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('clean_shutdown', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(clean ? 1 : 0);
}

function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const target = `${file}.corrupt-${stamp}`;
  fs.renameSync(file, target);
  // The WAL and shm belong to the damaged file; a fresh file must not replay them.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  return target;
}

type CheckOptions = Required<Pick<OpenOptions, 'owner' | 'alwaysCheck' | 'busyTimeoutMs' | 'fullCheckMaxPages'>> &
  Pick<OpenOptions, 'key'>;

/** Without a WAL to write back, the header must already match the file's size (a truncated file does not). */
function checkHeaderFirst(file: string, encrypted: boolean): void {
  if (!fs.existsSync(file)) return;
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return;
  const problem = headerProblem(file, encrypted);
  if (problem !== null) throw new CacheCorruptError(`corrupt cache file, start check failed: ${problem}`);
}

function openChecked(file: string, opts: CheckOptions): { db: Db; unclean: boolean; fullCheckPending: boolean } {
  if (opts.owner) checkHeaderFirst(file, opts.key !== undefined);
  const db = new Database(file, nativeBindingOption());
  try {
    if (opts.key !== undefined) applyKey(db, opts.key);
    applyPragmas(db, opts.busyTimeoutMs);
    if (!opts.owner) {
      // The owner migrates before anyone else opens; a mismatch means a stale build is attached.
      const version = readUserVersion(db);
      if (version !== SCHEMA_VERSION)
        throw new Error(`Cache schema is ${version}, expected ${SCHEMA_VERSION}; open it as owner first`);
      return { db, unclean: false, fullCheckPending: false };
    }
    const marker = readMarker(db);
    const unclean = marker === '0';
    // At every start, clean or not: damage done while the app was closed (a copy, a disk) leaves the marker clean.
    const check = checkAtStart(
      db,
      file,
      opts.alwaysCheck ? Number.POSITIVE_INFINITY : opts.fullCheckMaxPages,
      opts.key !== undefined,
    );
    if (check.problem !== null) throw new CacheCorruptError(`corrupt cache file, start check failed: ${check.problem}`);
    runMigrations(db);
    setMarker(db, false);
    return { db, unclean, fullCheckPending: !check.full };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Marks what the key could not open, so the status can say the key was lost rather than the disk failing. */
class CacheKeyLostError extends Error {
  override name = 'CacheKeyLostError';
}

function rebuildReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof CacheKeyLostError ? `${CACHE_KEY_LOST}: ${message}` : message;
}

/**
 * After the keyed open failed as damaged: a plain cache (written before encryption) is encrypted in place
 * and opened again; a file that opens neither way was encrypted with a key the vault no longer has (or is
 * not SQLite). Answers the connection, or the failure to rebuild for.
 */
function openEncryptingPlain(
  file: string,
  opts: CheckOptions,
  key: Uint8Array,
): { db: Db; unclean: boolean; fullCheckPending: boolean } | Error {
  try {
    if (!encryptPlainCache(file, key, nativeBindingOption()))
      return new CacheKeyLostError('the file does not open with the key in the vault');
    return openChecked(file, opts);
  } catch (err) {
    // A plain file damaged beyond its first page fails while being rewritten: rebuilt like any damage.
    if (!isCorruptionError(err)) throw err;
    return err instanceof Error ? err : new Error(String(err));
  }
}

/**
 * Opens (creating if needed) the cache at `file`. A damaged file is moved
 * aside to `<file>.corrupt-<timestamp>` and replaced by an empty cache, and
 * `health.rebuilt` says so, so the UI can tell the person and the sync
 * re-bootstraps. A file from a newer app version is refused (CacheTooNewError):
 * it is not damaged, and rebuilding would throw away its data.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDb {
  const opts: CheckOptions = {
    owner: options.owner ?? true,
    alwaysCheck: options.alwaysCheck ?? false,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    fullCheckMaxPages: options.fullCheckMaxPages ?? FULL_CHECK_MAX_PAGES,
    ...(options.key === undefined ? {} : { key: options.key }),
  };
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sound = { rebuilt: false, reason: null, movedTo: null, restoredActions: 0, journalUnreadable: null };
  const rebuild = (reason: string): { db: Db; health: CacheHealth } => {
    const movedTo = fs.existsSync(file) ? moveAside(file, now()) : null;
    const fresh = openChecked(file, opts);
    return {
      db: fresh.db,
      health: { ...sound, rebuilt: true, reason, movedTo, uncleanShutdown: true, fullCheckPending: false },
    };
  };
  const { db, health } = ((): { db: Db; health: CacheHealth } => {
    if (opts.owner && options.damaged !== undefined) return rebuild(options.damaged);
    try {
      const opened = openChecked(file, opts);
      return {
        db: opened.db,
        health: { ...sound, uncleanShutdown: opened.unclean, fullCheckPending: opened.fullCheckPending },
      };
    } catch (err) {
      if (!opts.owner || !isCorruptionError(err)) throw err;
      // Only a first page the key cannot read may be a plain cache; a keyed file that fails its checks is damaged.
      const unreadable = (err as { code?: unknown }).code === 'SQLITE_NOTADB';
      const retried = opts.key !== undefined && unreadable ? openEncryptingPlain(file, opts, opts.key) : null;
      if (retried !== null && !(retried instanceof Error)) {
        return {
          db: retried.db,
          health: { ...sound, uncleanShutdown: retried.unclean, fullCheckPending: retried.fullCheckPending },
        };
      }
      return rebuild(rebuildReason(retried ?? err));
    }
  })();
  let closed = false;
  let damaged = false;
  return {
    db,
    health,
    close() {
      if (closed) return;
      closed = true;
      if (opts.owner && !damaged) setMarker(db, true);
      db.close();
    },
    markDamaged() {
      damaged = true;
    },
  };
}

export interface Cache {
  readonly reader: CacheReader;
  readonly writer: CacheWriter;
  readonly health: CacheHealth;
  /** For the health tests and `PRAGMA integrity_check`; everything else goes through reader/writer. */
  readonly db: Db;
  /** The outbox journal (with `journalKey`), or null. */
  readonly journal: OutboxJournal | null;
  close(): void;
  /** See OpenedDb.markDamaged. */
  markDamaged(): void;
}

/**
 * The cache at `file`, with its read and write sides. The Electron main
 * thread opens it as owner and only uses `reader`; the sync worker opens its
 * own connection with `owner: false` and uses `writer`.
 */
export function openCache(file: string, options: OpenOptions = {}): Cache {
  const opened = openDatabase(file, options);
  let journal: OutboxJournal | null = null;
  let health = opened.health;
  if (options.journalKey !== undefined) {
    try {
      const j = openOutboxJournal(journalFileOf(file), options.journalKey, options.now);
      journal = j.journal;
      if (options.owner ?? true) {
        // The owner opens before the sync worker: the outbox gets back what the file lost, then the journal is rewritten short.
        const restored = restoreFromJournal(opened.db, createOutboxRebaser(opened.db), journal.unsettled());
        journal.compact();
        health = { ...health, restoredActions: restored, journalUnreadable: j.unreadableMovedTo };
      }
    } catch (err) {
      journal?.close();
      opened.close();
      throw err;
    }
  }
  return {
    reader: createCacheReader(opened.db),
    writer: createCacheWriter(opened.db, { journal, ...(options.now ? { now: options.now } : {}) }),
    health,
    db: opened.db,
    journal,
    close: () => {
      opened.close();
      journal?.close();
    },
    markDamaged: () => {
      opened.markDamaged();
    },
  };
}
