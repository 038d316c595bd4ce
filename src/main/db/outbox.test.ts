import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/entities.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { migration001Initial } from './migrations/001-initial.js';
import { MIGRATIONS, readUserVersion, runMigrations } from './migrations/index.js';
import { cacheChecksums } from './test-checksums.js';
import { makeCategory, makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const caches: Cache[] = [];
afterEach(() => {
  for (const c of caches.splice(0)) c.close();
});

const NOW = new Date('2026-02-01T10:00:00.000Z');
const opts = { actor: 'lea', now: NOW };

function cacheWith(...tickets: Ticket[]): Cache {
  const cache = openCache(path.join(tempDir('outbox'), 'cache.db'));
  caches.push(cache);
  const categories = [0, 1, 2, 3, 4, 5, 6].map((n) => ({
    op: 'upsert' as const,
    kind: 'category' as const,
    id: `C${n}`,
    version: 1,
    record: makeCategory(n),
  }));
  cache.writer.applyChanges([...categories, ...tickets.map(upsertTicket)], [], 'c1', 'live');
  return cache;
}
const rowOf = (c: Cache, id: string): Ticket | null => c.reader.getRecord('ticket', id);

describe('migration 002 (outbox)', () => {
  it('adds the outbox tables to a version-1 file and keeps its data', () => {
    const file = path.join(tempDir('mig2'), 'cache.db');
    const v1 = new Database(file);
    runMigrations(v1, [migration001Initial]);
    v1.prepare("INSERT INTO meta (key, value) VALUES ('cursor', 'abc')").run();
    v1.close();
    const cache = openCache(file);
    caches.push(cache);
    expect(readUserVersion(cache.db)).toBe(MIGRATIONS.length);
    expect(cache.reader.syncState().cursor).toBe('abc');
    const names = cache.db
      .prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'outbox%' ORDER BY name")
      .pluck()
      .all();
    expect(names).toEqual(expect.arrayContaining(['outbox', 'outbox_base', 'outbox_state', 'outbox_ticket']));
    expect(cache.reader.outboxCounts()).toEqual({ pending: 0, needsAttention: 0 });
    // The next entry to send is an index search, not a scan.
    const plan = cache.db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT seq FROM outbox WHERE ticket_id = ? AND state IN ('pending', 'sending') ORDER BY seq",
      )
      .all('x') as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX outbox_ticket/);
  });
});

describe('outbox in the cache', () => {
  it('applies an action and queues it in one go; refuses locally without writing', () => {
    const t = makeTicket(1, { channel: 'chat', categoryId: 'C1', status: 'open' });
    const c = cacheWith(t);
    const r = c.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId: 'C2' }, opts);
    expect(r.accepted).toBe(true);
    expect(rowOf(c, t.id)).toMatchObject({ categoryId: 'C2', version: 1, updatedAt: NOW.toISOString() });
    expect(c.reader.outboxFor(t.id)).toMatchObject([{ state: 'pending', action: { categoryId: 'C2' } }]);
    const bad = c.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId: 'nope' }, opts);
    expect(bad).toMatchObject({ accepted: false, reason: 'unknown_category' });
    expect(c.writer.outbox.act({ type: 'setStatus', ticketId: 'missing', status: 'open' }, opts)).toMatchObject({
      accepted: false,
      reason: 'not_found',
    });
    expect(c.reader.outboxCounts()).toEqual({ pending: 1, needsAttention: 0 });
  });

  it('puts pending actions back on top of every server upsert of the ticket (rebase)', () => {
    const t = makeTicket(2, { status: 'open', assigneeId: null });
    const c = cacheWith(t);
    c.writer.outbox.act({ type: 'assign', ticketId: t.id, assigneeId: 'G1' }, opts);
    c.writer.outbox.act({ type: 'setStatus', ticketId: t.id, status: 'pending' }, opts);
    const theirs = { ...t, priority: 'urgent' as const, subject: 'changed', version: 2 };
    const res = c.writer.applyChanges([upsertTicket(theirs)], [], 'c2', 'live');
    expect(res.upserts).toBe(1);
    expect(rowOf(c, t.id)).toMatchObject({
      priority: 'urgent',
      subject: 'changed',
      assigneeId: 'G1',
      status: 'pending',
      version: 2,
    });
    // A repeated older page changes nothing.
    c.writer.applyChanges([upsertTicket(t)], [], 'c3', 'live');
    expect(rowOf(c, t.id)).toMatchObject({ priority: 'urgent', assigneeId: 'G1', version: 2 });
  });

  it('confirms: writes the answer, drops the entry, moves later same-base entries to the new version', () => {
    const t = makeTicket(3, { status: 'open' });
    const c = cacheWith(t);
    const first = c.writer.outbox.act({ type: 'assign', ticketId: t.id, assigneeId: 'G2' }, opts);
    c.writer.outbox.act({ type: 'setStatus', ticketId: t.id, status: 'pending' }, opts);
    if (!first.accepted) throw new Error('refused');
    const sent = c.writer.outbox.markSending(first.actionId, NOW);
    expect(sent?.attempts).toBe(1);
    const answer = { ...t, assigneeId: 'G2', version: 2 };
    c.writer.outbox.confirm(first.actionId, [upsertTicket(answer)]);
    const rest = c.writer.outbox.nextToSend('lea');
    expect(rest).toMatchObject({ baseVersion: 2, action: { type: 'setStatus' } });
    expect(rowOf(c, t.id)).toMatchObject({ assigneeId: 'G2', status: 'pending', version: 2 });
    expect(c.writer.outbox.nextToSend('marco')).toBeNull();
  });

  it('conflict: keeps theirs, row = theirs + remaining; resolves either way', () => {
    const t = makeTicket(4, { status: 'open', priority: 'normal' });
    const c = cacheWith(t);
    const a = c.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId: 'C5' }, opts);
    c.writer.outbox.act({ type: 'escalate', ticketId: t.id, note: '' }, opts);
    if (!a.accepted) throw new Error('refused');
    const theirs = { ...t, priority: 'high' as const, version: 3 };
    c.writer.outbox.conflict(a.actionId, { reason: 'stale_version', message: 'changed', current: theirs }, NOW);
    expect(rowOf(c, t.id)).toMatchObject({ priority: 'high', categoryId: t.categoryId, level: 2, version: 3 });
    expect(c.reader.outboxCounts()).toEqual({ pending: 1, needsAttention: 1 });
    expect(c.reader.outboxStateByTicket([t.id, 'other']).get(t.id)).toEqual({ pending: true, needsAttention: true });
    expect(() => c.writer.outbox.resolve('nope', 'keep-theirs', { now: NOW })).toThrow(/No outbox entry/);
    c.writer.outbox.resolve(a.actionId, 'apply-mine-again', { now: NOW, newActionId: 'again-1' });
    expect(rowOf(c, t.id)).toMatchObject({ priority: 'high', categoryId: 'C5', level: 2 });
    const entries = c.reader.outboxFor(t.id);
    expect(entries.map((e) => [e.action.type, e.state])).toEqual([
      ['escalate', 'pending'],
      ['recategorise', 'pending'],
    ]);
    expect(c.writer.outbox.nextToSend('lea')?.baseVersion).toBe(1);
    expect(c.db.prepare("SELECT base_version FROM outbox WHERE action_id = 'again-1'").pluck().get()).toBe(3);
  });

  it('rejection reverts the row; "keep theirs" on the last entry leaves exactly the server copy', () => {
    const t = makeTicket(5, { status: 'open' });
    const c = cacheWith(t);
    const a = c.writer.outbox.act({ type: 'merge', ticketId: t.id, intoId: 'T0000009' }, opts);
    if (!a.accepted) throw new Error('refused');
    expect(rowOf(c, t.id)).toMatchObject({ status: 'closed', duplicateOfId: 'T0000009' });
    c.writer.outbox.reject(a.actionId, { reason: 'merge_target_is_duplicate', message: 'no', current: t }, NOW);
    expect(rowOf(c, t.id)).toEqual(t);
    expect(c.reader.outboxFor(t.id)[0]).toMatchObject({ state: 'rejected', reason: 'merge_target_is_duplicate' });
    c.writer.outbox.resolve(a.actionId, 'keep-theirs', { now: NOW });
    expect(rowOf(c, t.id)).toEqual(t);
    expect(c.db.prepare('SELECT count(*) FROM outbox_base').pluck().get()).toBe(0);
    expect(cacheChecksums(c).ticket.count).toBe(1);
  });

  it('does not bring back a ticket the backend deleted', () => {
    const t = makeTicket(6, { status: 'open' });
    const c = cacheWith(t);
    c.writer.outbox.act({ type: 'setStatus', ticketId: t.id, status: 'pending' }, opts);
    c.writer.applyChanges([{ op: 'delete', kind: 'ticket', id: t.id }], [], 'c2', 'live');
    const next = c.writer.outbox.nextToSend('lea');
    if (next === null) throw new Error('entry lost');
    c.writer.outbox.reject(next.actionId, { reason: 'not_found', message: 'gone', current: null }, NOW);
    expect(rowOf(c, t.id)).toBeNull();
  });
});
