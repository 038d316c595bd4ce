/**
 * The health check at every start, cheap at any size. `PRAGMA quick_check`
 * reads every page: 5.6–6.3 s on a 1M-ticket cache (1.1 GB) here, too long
 * to wait for at each start. So a large file gets what finds the damage a
 * crash or a copy typically leaves, in milliseconds:
 *
 * - the header: the file must hold every page its header counts (a
 *   truncated file does not) and be a whole number of pages;
 * - the schema, parsed in full (a damaged page 1 or schema page fails here);
 * - `quick_check` of the small tables the console cannot work without
 *   (sync state, outbox, counts; a few thousand rows at most);
 *
 * and the full `quick_check` runs afterwards in its own thread
 * (background-check.ts), reporting damage the same way. A small file (up to
 * `fullCheckMaxPages`) gets the full check at once.
 */
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';

/** 64 MiB of 4 KiB pages: its full quick_check takes ~0.3 s here (about 22 µs a page at 1M tickets). */
export const FULL_CHECK_MAX_PAGES = 16_384;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Tables whose size does not grow with the tickets, and without which the
 * console cannot start or send: the sync state and markers, the outbox, the
 * counts and facets the queue reads first, the reference lists.
 */
const SMALL_TABLES = [
  'meta',
  'outbox',
  'outbox_base',
  'sqlite_sequence',
  'ticket_counts',
  'ticket_facets',
  'categories',
  'agents',
  'sync_problems',
];

export interface StartCheck {
  /** What is wrong with the file, or null. */
  problem: string | null;
  /** Whether the whole file was checked (false: only the cheap part; run the full check in the background). */
  full: boolean;
}

function firstProblem(rows: { quick_check: string }[]): string | null {
  const first = rows[0]?.quick_check;
  return first === 'ok'
    ? null
    : rows
        .map((r) => r.quick_check)
        .join('; ')
        .slice(0, 500);
}

/** `PRAGMA quick_check` over the whole file: null when sound. */
export function fullQuickCheck(db: Database): string | null {
  return firstProblem(db.pragma('quick_check') as { quick_check: string }[]);
}

/** The header's own account of the file, against its size on disk (after the WAL is written back). */
/**
 * What the header says against the file's size. An encrypted cache keeps only bytes 16–23 of its header
 * in clear (the page size among them; the first 16 are the cipher's salt, the page count is encrypted):
 * for it, the page size and whole pages are checked, and each page's MAC finds the rest.
 */
export function headerProblem(file: string, encrypted = false): string | null {
  const size = fs.statSync(file).size;
  if (size === 0) return null;
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!encrypted && !header.subarray(0, 16).equals(SQLITE_MAGIC)) return 'file is not a database (no SQLite header)';
  if (size < 100) return `the file is ${size} bytes, shorter than its header`;
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return `the header names a page size of ${raw}`;
  if (size % pageSize !== 0) return `the file is ${size} bytes, not a whole number of ${pageSize}-byte pages`;
  // The page count in the header is valid only when written by a version that keeps it (bytes 92 = bytes 24).
  const pages = header.readUInt32BE(28);
  const valid = !encrypted && header.readUInt32BE(92) === header.readUInt32BE(24);
  if (valid && pages * pageSize > size)
    return `the file is truncated: ${size / pageSize} of the ${pages} pages its header counts are there`;
  return null;
}

export function checkAtStart(db: Database, file: string, fullCheckMaxPages: number, encrypted = false): StartCheck {
  // Write the WAL back first: until then the file may legitimately be shorter than its header says.
  const checkpoint = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (checkpoint[0]?.busy !== 1) {
    const header = headerProblem(file, encrypted);
    if (header !== null) return { problem: header, full: false };
  }
  const pages = db.pragma('page_count', { simple: true }) as number;
  if (pages <= fullCheckMaxPages) return { problem: fullQuickCheck(db), full: true };
  // Parsing every statement of the schema reads each schema page.
  db.prepare('SELECT name, sql FROM sqlite_schema').all();
  const present = new Set(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]);
  for (const table of SMALL_TABLES) {
    if (!present.has(table)) continue;
    const problem = firstProblem(db.pragma(`quick_check(${table})`) as { quick_check: string }[]);
    if (problem !== null) return { problem: `${table}: ${problem}`, full: false };
  }
  return { problem: null, full: false };
}
