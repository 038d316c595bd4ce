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
import { createCacheReader } from './reader.js';
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
}

export interface OpenOptions {
  /**
   * The owner of the file (one per file) checks health, runs migrations and
   * keeps the clean-shutdown marker; other connections (the sync worker's)
   * pass false and only set pragmas.
   */
  owner?: boolean;
  /** Run PRAGMA quick_check even after a clean shutdown. */
  alwaysCheck?: boolean;
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
  /** Marks a clean shutdown (owner only) and closes. Idempotent. */
  close(): void;
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

function quickCheck(db: Db): string | null {
  const rows = db.pragma('quick_check') as { quick_check: string }[];
  const first = rows[0]?.quick_check;
  return first === 'ok'
    ? null
    : rows
        .map((r) => r.quick_check)
        .join('; ')
        .slice(0, 500);
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

type CheckedOptions = Required<Omit<OpenOptions, 'now' | 'key'>> & Pick<OpenOptions, 'key'>;

function openChecked(file: string, opts: CheckedOptions): { db: Db; unclean: boolean } {
  const db = new Database(file, nativeBindingOption());
  try {
    if (opts.key !== undefined) applyKey(db, opts.key);
    applyPragmas(db, opts.busyTimeoutMs);
    if (!opts.owner) {
      // The owner migrates before anyone else opens; a mismatch means a stale build is attached.
      const version = readUserVersion(db);
      if (version !== SCHEMA_VERSION)
        throw new Error(`Cache schema is ${version}, expected ${SCHEMA_VERSION}; open it as owner first`);
      return { db, unclean: false };
    }
    const marker = readMarker(db);
    const unclean = marker === '0';
    if (unclean || opts.alwaysCheck) {
      const problem = quickCheck(db);
      if (problem !== null) throw new CacheCorruptError(`quick_check failed: ${problem}`);
    }
    runMigrations(db);
    setMarker(db, false);
    return { db, unclean };
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
  opts: CheckedOptions,
  key: Uint8Array,
): { db: Db; unclean: boolean } | Error {
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
  const opts: CheckedOptions = {
    owner: options.owner ?? true,
    alwaysCheck: options.alwaysCheck ?? false,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    ...(options.key === undefined ? {} : { key: options.key }),
  };
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let health: CacheHealth = { rebuilt: false, reason: null, movedTo: null, uncleanShutdown: false };
  let opened: { db: Db; unclean: boolean };
  try {
    opened = openChecked(file, opts);
  } catch (err) {
    if (!opts.owner || !isCorruptionError(err)) throw err;
    // Only a first page the key cannot read may be a plain cache; a keyed file that fails its checks is damaged.
    const unreadable = (err as { code?: unknown }).code === 'SQLITE_NOTADB';
    const retried = opts.key !== undefined && unreadable ? openEncryptingPlain(file, opts, opts.key) : null;
    if (retried !== null && !(retried instanceof Error)) {
      opened = retried;
    } else {
      const movedTo = moveAside(file, now());
      opened = openChecked(file, opts);
      health = { rebuilt: true, reason: rebuildReason(retried ?? err), movedTo, uncleanShutdown: true };
    }
  }
  const { db } = opened;
  if (!health.rebuilt) health = { ...health, uncleanShutdown: opened.unclean };
  let closed = false;
  return {
    db,
    health,
    close() {
      if (closed) return;
      closed = true;
      if (opts.owner) setMarker(db, true);
      db.close();
    },
  };
}

export interface Cache {
  readonly reader: CacheReader;
  readonly writer: CacheWriter;
  readonly health: CacheHealth;
  /** For the health tests and `PRAGMA integrity_check`; everything else goes through reader/writer. */
  readonly db: Db;
  close(): void;
}

/**
 * The cache at `file`, with its read and write sides. The Electron main
 * thread opens it as owner and only uses `reader`; the sync worker opens its
 * own connection with `owner: false` and uses `writer`.
 */
export function openCache(file: string, options: OpenOptions = {}): Cache {
  const opened = openDatabase(file, options);
  return {
    reader: createCacheReader(opened.db),
    writer: createCacheWriter(opened.db, options.now),
    health: opened.health,
    db: opened.db,
    close: () => {
      opened.close();
    },
  };
}
