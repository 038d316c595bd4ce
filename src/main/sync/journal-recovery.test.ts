/**
 * Unsent actions outlive the cache file. Five actions are taken while the
 * reference backend is down; then the file is damaged the ways a crash, a
 * disk or a person damage it. Once the backend is back, every action reaches
 * it exactly once (each ticket's version moves by one) and the cache is
 * rebuilt to the backend's state. Without the outbox journal, each variant
 * loses the five actions.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend, ReferenceBackendOptions } from '../../server/index.js';
import type { Ticket } from '../../shared/entities.js';
import type { CacheHealth, OpenOptions } from '../db/connection.js';
import { journalFileOf } from '../db/outbox-journal.js';
import { cacheChecksums } from '../db/test-checksums.js';
import { tempDir } from '../db/test-fixtures.js';
import { consoleOn, waitFor } from './test-support.js';
import type { EngineUnderTest } from './test-support.js';

const KEY = randomBytes(32);

type Console = EngineUnderTest;

function openConsole(file: string, url: string, extra: OpenOptions = {}): Console {
  return consoleOn(file, url, { open: { journalKey: KEY, ...extra }, engine: { safetyPullMs: 3_600_000 } });
}

const opts = (dbPath: string, port = 0): ReferenceBackendOptions => ({
  dbPath,
  port,
  seed: { seed: 11, tickets: 400 },
  demo: true,
  testEndpoints: true,
  heartbeatMs: 200,
  pushDebounceMs: 10,
});

let backendDb: string;
let backend: ReferenceBackend;
let port: number;
let up = false;
const used = new Set<string>();

async function backendDown(): Promise<void> {
  await backend.close();
  up = false;
}
async function backendUp(): Promise<void> {
  if (up) return;
  backend = await startReferenceBackend(opts(backendDb, port));
  up = true;
}

beforeAll(async () => {
  backendDb = path.join(tempDir('journal-backend'), 'backend.db');
  backend = await startReferenceBackend(opts(backendDb));
  up = true;
  port = Number(new URL(backend.url).port);
});
afterEach(async () => {
  await backendUp();
});
afterAll(async () => {
  await backend.close();
});

interface Expected {
  id: string;
  categoryId: string;
  version: number;
}

/** A synced console whose backend then goes down, and five actions taken offline (each on its own ticket). */
async function fiveOfflineActions(file: string): Promise<{ con: Console; expected: Expected[] }> {
  const con = openConsole(file, backend.url);
  await con.engine.pullNow();
  // What the WAL's automatic checkpoint does in a longer run: the synced records are in the file itself.
  con.cache.db.pragma('wal_checkpoint(TRUNCATE)');
  await backendDown();
  const ids = con.cache.db
    .prepare(
      "SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending') AND level = 1 AND channel <> 'chat' AND duplicate_of_id IS NULL ORDER BY rid",
    )
    .pluck()
    .all() as string[];
  const categories = con.cache.db
    .prepare("SELECT id FROM categories WHERE id <> 'termination'")
    .pluck()
    .all() as string[];
  const expected: Expected[] = [];
  for (const id of ids.filter((i) => !used.has(i)).slice(0, 5)) {
    used.add(id);
    const t = con.cache.reader.getRecord('ticket', id) as Ticket;
    const categoryId = categories.find((c) => c !== t.categoryId) ?? 'general';
    const r = await con.engine.act({ type: 'recategorise', ticketId: id, categoryId });
    expect(r.accepted).toBe(true);
    expected.push({ id, categoryId, version: t.version });
  }
  expect(con.cache.reader.outboxCounts().pending).toBe(5);
  return { con, expected };
}

/** Backend back up, the console started on `file`: every action arrives once, the cache ends equal to the backend. */
async function deliveredOnce(file: string, expected: Expected[], extra: OpenOptions = {}): Promise<CacheHealth> {
  await backendUp();
  const con = openConsole(file, backend.url, extra);
  try {
    const health = con.cache.health;
    await con.engine.start();
    const arrived = async (): Promise<boolean> => {
      for (const e of expected)
        if ((await backend.admin.get('ticket', e.id))?.categoryId !== e.categoryId) return false;
      return true;
    };
    await waitFor(async () => (await arrived()) && con.cache.reader.outboxCounts().pending === 0, 20_000);
    await con.engine.pullNow();
    for (const e of expected)
      expect(await backend.admin.get('ticket', e.id)).toMatchObject({
        categoryId: e.categoryId,
        version: e.version + 1,
      });
    expect(con.cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 0 });
    expect(cacheChecksums(con.cache)).toEqual(await backend.checksums());
    return health;
  } finally {
    await con.close();
  }
}

/** What a SIGKILL leaves on disk at this moment: the file, its WAL and the journal as they are (no clean marker). */
function filesAsAKillLeavesThem(file: string, withWal = true): string {
  const copy = path.join(tempDir('journal-killed'), 'cache.db');
  fs.copyFileSync(file, copy);
  if (withWal && fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  if (fs.existsSync(journalFileOf(file))) fs.copyFileSync(journalFileOf(file), journalFileOf(copy));
  return copy;
}

function truncate(file: string, share: number): void {
  const pageSize = 4096;
  const size = fs.statSync(file).size;
  fs.truncateSync(file, Math.floor((size * share) / pageSize) * pageSize);
}

/** Flips the header bytes (type, cell count, content start) of the page `pageno` of `file`. */
function flipPageHeader(file: string, pageno: number): void {
  const pageSize = 4096;
  const fd = fs.openSync(file, 'r+');
  try {
    const at = (pageno - 1) * pageSize;
    const bytes = Buffer.alloc(8);
    fs.readSync(fd, bytes, 0, 8, at);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (bytes[i] ?? 0) ^ 0xff;
    fs.writeSync(fd, bytes, 0, 8, at);
  } finally {
    fs.closeSync(fd);
  }
}

/** A leaf page of the tickets table and one of an index on it, as the closed file holds them. */
function ticketAndIndexPages(file: string): { ticketPage: number; indexPage: number } {
  const raw = new Database(file, { readonly: true });
  try {
    const leaves = raw
      .prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno")
      .pluck();
    const ticketPages = leaves.all('tickets') as number[];
    // The queue index with the most pages: the one a ticket write is surest to go through.
    const index = raw
      .prepare(
        "SELECT d.name FROM dbstat d JOIN sqlite_schema s ON s.name = d.name WHERE s.type = 'index' AND s.tbl_name = 'tickets' GROUP BY d.name ORDER BY count(*) DESC LIMIT 1",
      )
      .pluck()
      .get() as string;
    const indexPages = leaves.all(index) as number[];
    const middle = (pages: number[]): number => {
      const page = pages[Math.floor(pages.length / 2)];
      if (page === undefined) throw new Error('no leaf page found');
      return page;
    };
    return { ticketPage: middle(ticketPages), indexPage: middle(indexPages) };
  } finally {
    raw.close();
  }
}

describe('unsent actions outlive the cache file', () => {
  it(
    'file truncated after a kill: rebuilt, and the five actions reach the backend once',
    { timeout: 60_000 },
    async () => {
      const { con, expected } = await fiveOfflineActions(path.join(tempDir('journal'), 'cache.db'));
      await con.engine.stop();
      const killed = filesAsAKillLeavesThem(con.cache.db.name);
      con.cache.close();
      truncate(killed, 0.4);
      const health = await deliveredOnce(killed, expected);
      expect(health).toMatchObject({ rebuilt: true, restoredActions: 5 });
      expect(fs.existsSync(health.movedTo ?? '')).toBe(true);
    },
  );

  it(
    'file truncated after a clean stop: rebuilt, and the five actions reach the backend once',
    { timeout: 60_000 },
    async () => {
      const { con, expected } = await fiveOfflineActions(path.join(tempDir('journal'), 'cache.db'));
      const file = con.cache.db.name;
      await con.close();
      truncate(file, 0.5);
      const health = await deliveredOnce(file, expected);
      expect(health).toMatchObject({ rebuilt: true, restoredActions: 5 });
      expect(health.reason).toMatch(/truncated/);
    },
  );

  it(
    'bytes flipped in a ticket page and an index page after a clean stop: found at start, rebuilt, delivered once',
    { timeout: 60_000 },
    async () => {
      const { con, expected } = await fiveOfflineActions(path.join(tempDir('journal'), 'cache.db'));
      const file = con.cache.db.name;
      await con.close();
      const { ticketPage, indexPage } = ticketAndIndexPages(file);
      flipPageHeader(file, ticketPage);
      flipPageHeader(file, indexPage);
      const health = await deliveredOnce(file, expected);
      expect(health).toMatchObject({ rebuilt: true, restoredActions: 5 });
      expect(health.reason).toMatch(/malformed|start check failed/);
    },
  );

  it(
    'WAL deleted during the run: the actions it held are put back and reach the backend once',
    { timeout: 60_000 },
    async () => {
      const { con, expected } = await fiveOfflineActions(path.join(tempDir('journal'), 'cache.db'));
      await con.engine.stop();
      // The WAL went missing and the console was killed: the file alone, as of its last checkpoint.
      const killed = filesAsAKillLeavesThem(con.cache.db.name, false);
      con.cache.close();
      const health = await deliveredOnce(killed, expected);
      expect(health.restoredActions).toBe(5);
    },
  );
});

describe('damage found while running', () => {
  it(
    'a pull that meets a damaged page stops the engine with one cache-damaged event, not a retry loop',
    { timeout: 60_000 },
    async () => {
      const file = path.join(tempDir('journal'), 'cache.db');
      const first = openConsole(file, backend.url);
      await first.engine.pullNow();
      await first.close();
      const { ticketPage } = ticketAndIndexPages(file);
      flipPageHeader(file, ticketPage);
      // Every ticket on the backend changes, so the next pull writes into every page of the table.
      await backend.admin.bulkUpdateTickets(400);
      // Too large for a full check at start (as at 1M tickets): only the header, schema and small tables are checked.
      const con = openConsole(file, backend.url, { fullCheckMaxPages: 0 });
      try {
        expect(con.cache.health).toMatchObject({ rebuilt: false, fullCheckPending: true });
        await con.engine.start();
        await waitFor(() => con.events.some((e) => e.type === 'cache-damaged'), 10_000);
        // Long enough for dozens of retries at FAST_RETRY's 5-60 ms.
        await new Promise((r) => setTimeout(r, 1_000));
        const damaged = con.events.filter((e) => e.type === 'cache-damaged');
        expect(damaged).toHaveLength(1);
        expect(damaged[0]).toMatchObject({ reason: expect.stringMatching(/malformed|corrupt/i) as string });
        expect(con.events.filter((e) => e.type === 'error')).toEqual([]);
      } finally {
        con.cache.markDamaged();
        await con.close();
      }
      // The file was never marked clean: the next start checks it again.
      const raw = new Database(file, { readonly: true });
      expect(raw.prepare("SELECT value FROM meta WHERE key = 'clean_shutdown'").pluck().get()).toBe(0);
      raw.close();
    },
  );
});
