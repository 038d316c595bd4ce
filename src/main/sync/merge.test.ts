/**
 * A merge through the real outbox and the reference backend: held while it can be undone, an undone
 * merge never reaches the backend, a kept one is sent once, and the cache then shows both links and
 * the conversation carried over.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../server/index.js';
import type { ReferenceBackend } from '../../server/index.js';
import type { Ticket } from '../../shared/entities.js';
import { backendOptions, engineFor, waitFor } from './test-support.js';
import type { EngineUnderTest } from './test-support.js';

const HOLD_MS = 1500;

describe('merge through the outbox', () => {
  let options: ReturnType<typeof backendOptions>;
  let backend: ReferenceBackend;
  let con: EngineUnderTest;
  const server = async (id: string): Promise<Ticket> => {
    const t = await backend.admin.get('ticket', id);
    if (t === undefined) throw new Error(`ticket ${id} not on the backend`);
    return t;
  };
  /** Requests the backend answered with this Idempotency-Key: a request that never came leaves none. */
  const received = (key: string): number => {
    const db = new Database(options.dbPath, { readonly: true });
    try {
      return db.prepare('SELECT count(*) FROM idempotency WHERE key = ?').pluck().get(key) as number;
    } finally {
      db.close();
    }
  };
  const pair = async (): Promise<[Ticket, Ticket]> => {
    const customer = { accountId: null, requesterName: 'Nora Keller', requesterEmail: 'nora@keller.example' };
    const target = await backend.admin.createTicket({ ...customer, status: 'open', subject: 'Mail down' });
    const dup = await backend.admin.createTicket({
      ...customer,
      subject: 'Mail still down',
      body: 'Since this morning.',
    });
    return [target, dup];
  };
  const merge = async (dup: Ticket, target: Ticket): Promise<string> => {
    const result = await con.engine.act({ type: 'merge', ticketId: dup.id, intoId: target.id });
    if (!result.accepted) throw new Error(`refused: ${result.reason}`);
    return result.actionId;
  };
  const outboxEmpty = (): boolean => con.cache.reader.outboxCounts().pending === 0;

  beforeAll(async () => {
    options = backendOptions(40);
    backend = await startReferenceBackend(options);
    con = engineFor(backend, { mergeUndoMs: HOLD_MS });
    await con.engine.start();
  });
  afterAll(async () => {
    await con.close();
    await backend.close();
  });

  it('an undone merge never reaches the backend and leaves both tickets as they were', async () => {
    const [target, dup] = await pair();
    await con.engine.pullNow();
    const cachedBefore = con.cache.reader.getRecord('ticket', dup.id);
    const actionId = await merge(dup, target);
    expect(con.cache.reader.getRecord('ticket', dup.id)).toMatchObject({ duplicateOfId: target.id, status: 'closed' });

    await con.engine.resolveOutbox(actionId, 'undo');
    expect(con.cache.reader.getRecord('ticket', dup.id)).toEqual(cachedBefore);
    expect(con.cache.reader.outboxFor(dup.id)).toEqual([]);
    // Past the hold, with a drain and a pull: still nothing sent.
    await new Promise((r) => setTimeout(r, HOLD_MS + 300));
    await con.engine.drainOutbox();
    await con.engine.pullNow();
    expect(received(actionId)).toBe(0);
    expect(await server(dup.id)).toEqual(dup);
    expect(await server(target.id)).toEqual(target);
  });

  it('a kept merge waits for the hold, is sent once, and the cache shows both links and the copies', async () => {
    const [target, dup] = await pair();
    await con.engine.pullNow();
    const sentAt = performance.now();
    const actionId = await merge(dup, target);
    // A reply on the target right after the merge: it builds on the merge, so it must not conflict.
    const reply = await con.engine.act({ type: 'reply', ticketId: target.id, body: 'We are on it.', internal: false });
    expect(reply.accepted).toBe(true);
    await new Promise((r) => setTimeout(r, HOLD_MS / 2));
    expect(received(actionId)).toBe(0);
    expect((await server(dup.id)).duplicateOfId).toBeNull();

    await waitFor(outboxEmpty, 10_000);
    expect(performance.now() - sentAt).toBeGreaterThanOrEqual(HOLD_MS);
    expect(received(actionId)).toBe(1);
    expect(con.cache.reader.outboxFor(target.id)).toEqual([]);
    await con.engine.pullNow();

    expect(con.cache.reader.getRecord('ticket', dup.id)).toMatchObject({ duplicateOfId: target.id, status: 'closed' });
    expect(con.cache.reader.getRecord('ticket', target.id)).toEqual(await server(target.id));
    expect(con.cache.reader.getRecord('ticket', target.id)?.mergedFrom).toEqual([dup.id]);
    const conversation = con.cache.reader.messagesOf(target.id);
    expect(conversation.map((m) => [m.mergedFromId ?? null, m.kind, m.body])).toEqual([
      [dup.id, 'customer', 'Mail still down\n\nSince this morning.'],
      [null, 'reply', 'We are on it.'],
    ]);

    await expect(con.engine.resolveOutbox(actionId, 'undo')).rejects.toThrow(/No outbox entry/);
  });
});
