/**
 * The outbox's silent resend on a 409 `stale_version`, on a real cache file:
 * only when nobody changed the fields the action changes, with the values the
 * agent acted on known even after the feed moved past them, and only once.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/entities.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { MIGRATIONS, runMigrations } from './migrations/index.js';
import { makeCategory, makeTicket, tempDir, upsertTicket } from './test-fixtures.js';

const caches: Cache[] = [];
afterEach(() => {
  for (const c of caches.splice(0)) c.close();
});

const NOW = new Date('2026-02-01T10:00:00.000Z');
const opts = { actor: 'lea', now: NOW };

function cacheWith(...tickets: Ticket[]): Cache {
  const cache = openCache(path.join(tempDir('outbox-rebase'), 'cache.db'));
  caches.push(cache);
  const categories = [0, 1, 2, 3].map((n) => ({
    op: 'upsert' as const,
    kind: 'category' as const,
    id: `C${n}`,
    version: 1,
    record: makeCategory(n),
  }));
  cache.writer.applyChanges([...categories, ...tickets.map(upsertTicket)], [], 'c1', 'live');
  return cache;
}

/** The backend's copy one version later, changed by someone else. */
const theirs = (t: Ticket, over: Partial<Ticket>): Ticket => ({
  ...t,
  ...over,
  version: t.version + 1,
  updatedAt: '2026-02-01T09:58:00.000Z',
});

const entriesOf = (cache: Cache, ticketId: string): unknown[] =>
  cache.db
    .prepare('SELECT action_id AS actionId, base_version AS baseVersion FROM outbox WHERE ticket_id = ?')
    .all(ticketId);

function actRecategorise(cache: Cache, t: Ticket, categoryId: string): string {
  const r = cache.writer.outbox.act({ type: 'recategorise', ticketId: t.id, categoryId }, opts);
  if (!r.accepted) throw new Error(r.reason);
  cache.writer.outbox.markSending(r.actionId, NOW);
  return r.actionId;
}

describe('rebaseOnCurrent', () => {
  it('moves the action onto their copy, under a new key, when they changed another field', () => {
    const t = makeTicket(1, { categoryId: 'C1', status: 'open' });
    const cache = cacheWith(t);
    const id = actRecategorise(cache, t, 'C2');
    const now = theirs(t, { priority: 'urgent' });
    const change = cache.writer.outboxRebase.rebaseOnCurrent(id, now, { now: NOW, newActionId: 'again-1' });
    expect(change?.ticketIds).toEqual([t.id]);
    expect(cache.reader.outboxFor(t.id)).toMatchObject([{ actionId: 'again-1', state: 'pending' }]);
    expect(cache.writer.outbox.nextToSend('lea')).toMatchObject({ actionId: 'again-1', baseVersion: t.version + 1 });
    // Their priority under my category, at their version.
    expect(cache.reader.getRecord('ticket', t.id)).toMatchObject({
      priority: 'urgent',
      categoryId: 'C2',
      version: t.version + 1,
    });
  });

  it('knows what the agent acted on after the feed moved the base past it', () => {
    const t = makeTicket(2, { categoryId: 'C1', status: 'open' });
    const cache = cacheWith(t);
    const id = actRecategorise(cache, t, 'C2');
    const moved = theirs(t, { priority: 'high' });
    cache.writer.applyChanges([upsertTicket(moved)], [], 'c2', 'live');
    const later = { ...theirs(moved, { assigneeId: 'ag-marco' }) };
    expect(cache.writer.outboxRebase.rebaseOnCurrent(id, later, { now: NOW })).not.toBeNull();
    expect(cache.reader.getRecord('ticket', t.id)).toMatchObject({ categoryId: 'C2', priority: 'high' });

    // The same field moved meanwhile: a conflict, even though the feed's base already showed their category.
    const u = makeTicket(3, { categoryId: 'C1', status: 'open' });
    cache.writer.applyChanges([upsertTicket(u)], [], 'c3', 'live');
    const mine = actRecategorise(cache, u, 'C2');
    const recategorised = theirs(u, { categoryId: 'C3' });
    cache.writer.applyChanges([upsertTicket(recategorised)], [], 'c4', 'live');
    expect(cache.writer.outboxRebase.rebaseOnCurrent(mine, theirs(recategorised, {}), { now: NOW })).toBeNull();
    expect(entriesOf(cache, u.id)).toEqual([{ actionId: mine, baseVersion: u.version }]);
  });

  it('refuses (nothing written) when they changed the same field, and a second time for a resent action', () => {
    const t = makeTicket(4, { categoryId: 'C1', status: 'open' });
    const cache = cacheWith(t);
    const id = actRecategorise(cache, t, 'C2');
    expect(cache.writer.outboxRebase.rebaseOnCurrent(id, theirs(t, { categoryId: 'C3' }), { now: NOW })).toBeNull();
    expect(cache.reader.getRecord('ticket', t.id)).toMatchObject({ categoryId: 'C2', version: t.version });

    const first = theirs(t, { priority: 'low' });
    expect(cache.writer.outboxRebase.rebaseOnCurrent(id, first, { now: NOW, newActionId: 'again-4' })).not.toBeNull();
    cache.writer.outbox.markSending('again-4', NOW);
    const second = theirs(first, { priority: 'high' });
    expect(cache.writer.outboxRebase.rebaseOnCurrent('again-4', second, { now: NOW })).toBeNull();
    expect(entriesOf(cache, t.id)).toEqual([{ actionId: 'again-4', baseVersion: first.version }]);
  });

  it('forgets the copies once the ticket has no entry left', () => {
    const t = makeTicket(5, { categoryId: 'C1', status: 'open' });
    const cache = cacheWith(t);
    const id = actRecategorise(cache, t, 'C2');
    const seen = cache.db.prepare('SELECT count(*) FROM outbox_base_seen WHERE ticket_id = ?').pluck();
    expect(seen.get(t.id)).toBe(1);
    cache.writer.outbox.confirm(id, [upsertTicket(theirs(t, { categoryId: 'C2' }))]);
    expect(seen.get(t.id)).toBe(0);
  });
});

describe('migration 011 (outbox rebase)', () => {
  it('copies the bases held at the upgrade, so entries queued before it can still be resent silently', () => {
    const file = path.join(tempDir('mig11'), 'cache.db');
    const v10 = new Database(file);
    runMigrations(v10, MIGRATIONS.slice(0, 10));
    v10.prepare("INSERT INTO outbox_base (ticket_id, version, record) VALUES ('T1', 3, '{}')").run();
    v10.close();
    const cache = openCache(file);
    caches.push(cache);
    expect(cache.db.prepare('SELECT ticket_id, version FROM outbox_base_seen').all()).toEqual([
      { ticket_id: 'T1', version: 3 },
    ]);
  });
});
