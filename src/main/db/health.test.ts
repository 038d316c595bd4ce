import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { cacheChecksums } from './test-checksums.js';
import { makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const open: Cache[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

function filled(file: string, tickets: number): void {
  const cache = openCache(file);
  const changes = Array.from({ length: tickets }, (_, i) => upsertTicket(makeTicket(i)));
  cache.writer.applyChanges(changes, [], 'c1', 'urgent');
  cache.close();
}

/** What a crash leaves behind: the marker says the cache is still open. */
function markUnclean(file: string): void {
  const raw = new Database(file);
  raw.prepare("UPDATE meta SET value = 0 WHERE key = 'clean_shutdown'").run();
  raw.close();
}

describe('cache health', () => {
  it('sets WAL and synchronous=FULL on every open, not only the first', () => {
    const file = path.join(tempDir('health'), 'cache.db');
    openCache(file).close();
    const cache = openCache(file);
    open.push(cache);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(cache.db.pragma('foreign_keys', { simple: true })).toBe(0);
    expect(cache.health).toEqual({
      rebuilt: false,
      reason: null,
      movedTo: null,
      uncleanShutdown: false,
      fullCheckPending: false,
      restoredActions: 0,
      journalUnreadable: null,
    });
  });

  it('notices an unclean exit and keeps a sound file', () => {
    const file = path.join(tempDir('health'), 'cache.db');
    filled(file, 50);
    markUnclean(file);
    const cache = openCache(file);
    open.push(cache);
    expect(cache.health.uncleanShutdown).toBe(true);
    expect(cache.health.rebuilt).toBe(false);
    expect(cache.reader.getRecord('ticket', 'T0000007')).toEqual(makeTicket(7));
  });

  it('moves a file with damaged pages aside after an unclean exit and starts fresh', () => {
    const dir = tempDir('health');
    const file = path.join(dir, 'cache.db');
    filled(file, 3000);
    markUnclean(file);
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    // Garbage over several pages in the middle: b-tree pages of tickets and its indexes.
    fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    const cache = openCache(file, { now: () => new Date('2026-03-01T10:00:00.000Z') });
    open.push(cache);
    expect(cache.health.rebuilt).toBe(true);
    expect(cache.health.reason).toMatch(/quick_check|malformed|corrupt/i);
    expect(cache.health.movedTo).toBe(`${file}.corrupt-2026-03-01T10-00-00-000Z`);
    expect(fs.existsSync(cache.health.movedTo ?? '')).toBe(true);
    expect(cache.reader.syncState().cursor).toBeNull();
    expect(cacheChecksums(cache).ticket.count).toBe(0);
  });

  it('replaces a file that is not SQLite at all', () => {
    const file = path.join(tempDir('health'), 'cache.db');
    fs.writeFileSync(file, 'this is a text file, not a database '.repeat(500));
    const cache = openCache(file);
    open.push(cache);
    expect(cache.health.rebuilt).toBe(true);
    expect(cache.health.reason).toMatch(/not a database/i);
    cache.writer.applyChanges([upsertTicket(makeTicket(1))], [], 'c', 'urgent');
    expect(cache.reader.getRecord('ticket', 'T0000001')).toEqual(makeTicket(1));
  });

  it('the second connection (sync worker) neither migrates nor touches the marker', () => {
    const file = path.join(tempDir('health'), 'cache.db');
    const owner = openCache(file);
    open.push(owner);
    const worker = openCache(file, { owner: false });
    worker.writer.applyChanges([upsertTicket(makeTicket(2))], [], 'c', 'urgent');
    worker.close();
    expect(owner.reader.getRecord('ticket', 'T0000002')?.id).toBe('T0000002');
    const marker = owner.db.prepare("SELECT value FROM meta WHERE key = 'clean_shutdown'").pluck().get();
    expect(marker).toBe(0);
  });
});
