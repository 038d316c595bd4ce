/**
 * Opening the cache file: pragmas, migrations and the health check. The only
 * place a better-sqlite3 Database is created.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { SCHEMA_VERSION, readUserVersion, runMigrations } from './migrations/index.js';
import { createCacheReader } from './reader.js';
import type { CacheReader, CacheWriter } from './types.js';
import { createCacheWriter } from './writer.js';

/**
 * Under Electron, better-sqlite3 must be the build for Electron's ABI; `npm start` builds one beside
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

function openChecked(file: string, opts: Required<Omit<OpenOptions, 'now'>>): { db: Db; unclean: boolean } {
  const db = new Database(file, nativeBindingOption());
  try {
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

/**
 * Opens (creating if needed) the cache at `file`. A damaged file is moved
 * aside to `<file>.corrupt-<timestamp>` and replaced by an empty cache, and
 * `health.rebuilt` says so, so the UI can tell the person and the sync
 * re-bootstraps. A file from a newer app version is refused (CacheTooNewError):
 * it is not damaged, and rebuilding would throw away its data.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDb {
  const opts = {
    owner: options.owner ?? true,
    alwaysCheck: options.alwaysCheck ?? false,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
  };
  const now = options.now ?? (() => new Date());
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let health: CacheHealth = { rebuilt: false, reason: null, movedTo: null, uncleanShutdown: false };
  let opened: { db: Db; unclean: boolean };
  try {
    opened = openChecked(file, opts);
  } catch (err) {
    if (!opts.owner || !isCorruptionError(err)) throw err;
    const reason = err instanceof Error ? err.message : String(err);
    const movedTo = moveAside(file, now());
    opened = openChecked(file, opts);
    health = { rebuilt: true, reason, movedTo, uncleanShutdown: true };
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
