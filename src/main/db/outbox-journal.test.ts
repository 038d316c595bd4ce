import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { journalFileOf, openOutboxJournal } from './outbox-journal.js';
import type { JournalAction } from './outbox-journal.js';
import { makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const KEY = randomBytes(32);
const REPLY = 'Bonjour Madame Favre, votre domaine favre-boulangerie.ch est renouvelé.';

const action = (n: number): JournalAction => ({
  actionId: `a-${n}`,
  ticketId: `T${String(n).padStart(7, '0')}`,
  actor: 'lea',
  action: { type: 'reply', ticketId: `T${String(n).padStart(7, '0')}`, body: REPLY, internal: false },
  baseVersion: 1,
  createdAt: '2026-03-01T10:00:00.000Z',
});

const open: Cache[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('outbox journal', () => {
  it('keeps every whole entry before a torn last one, and appends after them', () => {
    const file = path.join(tempDir('journal'), 'j');
    const first = openOutboxJournal(file, KEY).journal;
    first.append([{ t: 'added', entry: action(1) }]);
    first.append([{ t: 'added', entry: action(2) }]);
    first.append([{ t: 'added', entry: action(3) }]);
    first.close();
    // A crash in the middle of the third write: its last 10 bytes never reached the disk.
    fs.truncateSync(file, fs.statSync(file).size - 10);

    const again = openOutboxJournal(file, KEY);
    expect(again.droppedBytes).toBeGreaterThan(0);
    expect(again.journal.unsettled().map((u) => u.actionId)).toEqual(['a-1', 'a-2']);
    again.journal.append([{ t: 'added', entry: action(4) }]);
    again.journal.close();
    expect(
      openOutboxJournal(file, KEY)
        .journal.unsettled()
        .map((u) => u.actionId),
    ).toEqual(['a-1', 'a-2', 'a-4']);
  });

  it('stops at a frame whose bytes changed (its GCM tag fails), keeping those before', () => {
    const file = path.join(tempDir('journal'), 'j');
    const j = openOutboxJournal(file, KEY).journal;
    j.append([{ t: 'added', entry: action(1) }]);
    const firstEnd = fs.statSync(file).size;
    j.append([{ t: 'added', entry: action(2) }]);
    j.close();
    const bytes = fs.readFileSync(file);
    bytes[firstEnd + 30] = (bytes[firstEnd + 30] ?? 0) ^ 0x01;
    fs.writeFileSync(file, bytes);
    expect(
      openOutboxJournal(file, KEY)
        .journal.unsettled()
        .map((u) => u.actionId),
    ).toEqual(['a-1']);
  });

  it('holds no reply in clear, and a journal written with another key is moved aside, not read or appended to', () => {
    const file = path.join(tempDir('journal'), 'j');
    const j = openOutboxJournal(file, KEY).journal;
    j.append([{ t: 'added', entry: action(1) }]);
    j.close();
    const raw = fs.readFileSync(file);
    expect(raw.includes(Buffer.from('favre-boulangerie'))).toBe(false);
    expect(raw.includes(Buffer.from('Bonjour'))).toBe(false);

    const other = openOutboxJournal(file, randomBytes(32), () => new Date('2026-03-01T10:00:00.000Z'));
    expect(other.journal.unsettled()).toEqual([]);
    expect(other.unreadableMovedTo).toBe(`${file}.unreadable-2026-03-01T10-00-00-000Z`);
    expect(fs.readFileSync(other.unreadableMovedTo ?? '')).toEqual(raw);
  });

  it('follows an action to its end: refused, rebased, settled; an empty file once everything is settled', () => {
    const file = path.join(tempDir('journal'), 'j');
    const j = openOutboxJournal(file, KEY).journal;
    j.append([
      { t: 'added', entry: action(1) },
      { t: 'added', entry: action(2) },
    ]);
    j.append([
      { t: 'refused', actionId: 'a-1', state: 'conflict', reason: 'stale_version', message: 'm', theirs: null },
    ]);
    j.append([{ t: 'rebased', actionIds: ['a-2'], baseVersion: 7 }]);
    expect(j.unsettled()).toMatchObject([
      { actionId: 'a-1', state: 'conflict', reason: 'stale_version' },
      { actionId: 'a-2', state: 'pending', baseVersion: 7 },
    ]);
    j.compact();
    expect(
      openOutboxJournal(file, KEY)
        .journal.unsettled()
        .map((u) => [u.actionId, u.state, u.baseVersion]),
    ).toEqual([
      ['a-1', 'conflict', 1],
      ['a-2', 'pending', 7],
    ]);
    j.append([
      { t: 'settled', actionId: 'a-1' },
      { t: 'settled', actionId: 'a-2' },
    ]);
    expect(fs.statSync(file).size).toBe(0);
    j.close();
  });

  it('is written by the outbox in the action’s transaction, and puts back what the cache file lost', () => {
    const file = path.join(tempDir('journal'), 'cache.db');
    const cache = openCache(file, { journalKey: KEY });
    cache.writer.applyChanges(
      [1, 2, 3].map((n) => upsertTicket(makeTicket(n, { status: 'open' }))),
      [],
      'c',
      'live',
    );
    const now = new Date('2026-03-01T10:00:00.000Z');
    for (const n of [1, 2, 3])
      cache.writer.outbox.act(
        { type: 'setStatus', ticketId: makeTicket(n).id, status: 'pending' },
        { actor: 'lea', now, actionId: `a-${n}` },
      );
    cache.writer.outbox.confirm('a-1', []);
    // The cache loses its outbox (as a rebuilt or rolled-back file would); the journal still has the two unsettled.
    cache.db.exec('DELETE FROM outbox; DELETE FROM outbox_base');
    cache.close();
    expect(
      openOutboxJournal(journalFileOf(file), KEY)
        .journal.unsettled()
        .map((u) => u.actionId),
    ).toEqual(['a-2', 'a-3']);

    const again = openCache(file, { journalKey: KEY });
    open.push(again);
    expect(again.health.restoredActions).toBe(2);
    expect(again.reader.outboxFor(makeTicket(2).id)).toMatchObject([{ actionId: 'a-2', state: 'pending' }]);
    // The restored action shows on its row again, as before the loss.
    expect(again.reader.getRecord('ticket', makeTicket(3).id)).toMatchObject({ status: 'pending' });
    expect(again.reader.outboxCounts()).toEqual({ pending: 2, needsAttention: 0 });
  });
});
