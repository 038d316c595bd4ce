import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHE_KEY_LOST, rekeyCache } from './cipher.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { makeCategory, makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const open: Cache[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});
const keep = (cache: Cache): Cache => {
  open.push(cache);
  return cache;
};

/** Text that appears only in the rows written here: if a byte of the file holds it, the file is plain. */
const MARKER = 'Rue-du-Marqueur-4417';
const NOW = new Date('2026-02-01T10:00:00.000Z');

const categories = [0, 1, 2, 3, 4, 5, 6].map((n) => ({
  op: 'upsert' as const,
  kind: 'category' as const,
  id: `C${n}`,
  version: 1,
  record: makeCategory(n),
}));
const tickets = Array.from({ length: 40 }, (_, i) =>
  upsertTicket(makeTicket(i, { status: 'open', body: `Adresse: ${MARKER} ${i}` })),
);

/** Every file SQLite keeps for `file` (the database, its WAL and shared memory, a leftover journal). */
function rawBytes(file: string): Buffer {
  const parts = ['', '-wal', '-shm', '-journal'].filter((s) => fs.existsSync(file + s));
  return Buffer.concat(parts.map((s) => fs.readFileSync(file + s)));
}

function holdsMarker(file: string): boolean {
  return rawBytes(file).includes(MARKER);
}

describe('the cache encrypted at rest', () => {
  it('keeps the file and its WAL unreadable without the key, and reads them with it', () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    const key = randomBytes(32);
    const cache = keep(openCache(file, { key }));
    cache.writer.applyChanges([...categories, ...tickets], [], 'c1', 'urgent');
    // Still open: the last pages are in the WAL, not yet in the file.
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(holdsMarker(file)).toBe(false);
    expect(cache.reader.getRecord('ticket', 'T0000007')).toMatchObject({ body: `Adresse: ${MARKER} 7` });

    // The same file through plain SQLite (no key): not a database.
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_schema').get()).toThrow(/not a database/);
    plain.close();
  });

  it("lets the sync worker's connection read and write the encrypted file with the same key", () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    const key = randomBytes(32);
    const owner = keep(openCache(file, { key }));
    const worker = openCache(file, { owner: false, key });
    worker.writer.applyChanges([...categories, ...tickets], [], 'c1', 'urgent');
    worker.close();
    expect(owner.reader.getRecord('ticket', 'T0000003')).toMatchObject({ body: `Adresse: ${MARKER} 3` });
    expect(holdsMarker(file)).toBe(false);
    // Without the key the worker's connection is refused (it never moves the owner's file aside).
    expect(() => openCache(file, { owner: false })).toThrow(/not a database/);
  });

  it('encrypts a plain cache in place on its first open with a key, its pending actions kept', () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    const plain = openCache(file);
    plain.writer.applyChanges([...categories, ...tickets], [], 'cursor-7', 'live');
    const acted = plain.writer.outbox.act(
      { type: 'setStatus', ticketId: 'T0000005', status: 'pending' },
      { actor: 'lea', now: NOW },
    );
    expect(acted.accepted).toBe(true);
    // As a crash leaves it: part of the data only in the WAL, the marker readable on disk.
    const reader = new Database(file);
    reader.pragma('wal_checkpoint(PASSIVE)');
    reader.close();
    plain.db.prepare("UPDATE ticket_bodies SET body = ? || ' (2)' WHERE rid = 1").run(MARKER);
    expect(holdsMarker(file)).toBe(true);
    plain.db.close();

    const key = randomBytes(32);
    const cache = keep(openCache(file, { key }));
    expect(cache.health).toMatchObject({ rebuilt: false, reason: null });
    expect(cache.reader.outboxCounts()).toEqual({ pending: 1, needsAttention: 0 });
    expect(cache.reader.outboxFor('T0000005')).toMatchObject([{ state: 'pending', action: { status: 'pending' } }]);
    expect(cache.reader.syncState().cursor).toBe('cursor-7');
    expect(cache.reader.getRecord('ticket', 'T0000000')).toMatchObject({ body: `${MARKER} (2)` });
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(holdsMarker(file)).toBe(false);
    expect(fs.existsSync(`${file}-journal`)).toBe(false);
    cache.close();
    open.splice(0);

    // Encrypted for good: the next open with the key finds it as it was, without the key finds nothing.
    const again = keep(openCache(file, { key }));
    expect(again.reader.outboxCounts()).toEqual({ pending: 1, needsAttention: 0 });
    expect(holdsMarker(file)).toBe(false);
  });

  it('moves a cache it cannot open with the vault key aside and starts a new one, naming the lost key', () => {
    const dir = tempDir('cipher');
    const file = path.join(dir, 'cache.db');
    const first = openCache(file, { key: randomBytes(32) });
    first.writer.applyChanges([...categories, ...tickets], [], 'c1', 'urgent');
    first.close();

    const cache = keep(openCache(file, { key: randomBytes(32), now: () => NOW }));
    expect(cache.health.rebuilt).toBe(true);
    expect(cache.health.reason).toMatch(new RegExp(`^${CACHE_KEY_LOST}:`));
    expect(cache.health.movedTo).toBe(`${file}.corrupt-2026-02-01T10-00-00-000Z`);
    expect(fs.existsSync(cache.health.movedTo ?? '')).toBe(true);
    expect(cache.reader.syncState().cursor).toBeNull();
    expect(cache.reader.getRecord('ticket', 'T0000001')).toBeNull();
  });

  it('names damage, not a lost key, when pages of an encrypted cache are damaged', () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    const key = randomBytes(32);
    const many = Array.from({ length: 3000 }, (_, i) => upsertTicket(makeTicket(i)));
    const cache = openCache(file, { key });
    cache.writer.applyChanges(many, [], 'c1', 'urgent');
    cache.db.prepare("UPDATE meta SET value = 0 WHERE key = 'clean_shutdown'").run();
    cache.db.close();
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(64 * 1024, 0xa5), 0, 64 * 1024, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);

    const reopened = keep(openCache(file, { key }));
    expect(reopened.health.rebuilt).toBe(true);
    expect(reopened.health.reason).not.toMatch(CACHE_KEY_LOST);
    expect(reopened.health.reason).toMatch(/quick_check|malformed|corrupt/i);
  });

  it('moves an open cache to a new key: the old key no longer opens it', () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const cache = openCache(file, { key: oldKey });
    cache.writer.applyChanges([...categories, ...tickets], [], 'c1', 'urgent');
    rekeyCache(cache.db, newKey);
    expect(cache.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(cache.reader.getRecord('ticket', 'T0000002')).toMatchObject({ body: `Adresse: ${MARKER} 2` });
    cache.close();

    expect(() => openCache(file, { owner: false, key: oldKey })).toThrow(/not a database/);
    const reopened = keep(openCache(file, { key: newKey }));
    expect(reopened.health.rebuilt).toBe(false);
    expect(reopened.reader.getRecord('ticket', 'T0000002')).toMatchObject({ body: `Adresse: ${MARKER} 2` });
    expect(holdsMarker(file)).toBe(false);
  });

  it('refuses a key that is not 32 bytes with a clear error', () => {
    const file = path.join(tempDir('cipher'), 'cache.db');
    expect(() => openCache(file, { key: Buffer.alloc(16) })).toThrow(/32 bytes, got 16/);
  });
});
