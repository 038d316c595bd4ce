/**
 * Merging a duplicate over real HTTP: the conversation carried into the ticket that stays open, the links
 * both ways, and the refusals, each leaving every record as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket, TicketMessage } from '../shared/entities.js';
import { MutationResult } from '../shared/mutations.js';
import { login, mutate, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

const ATTACHMENT = {
  id: 'att-merge-1',
  declaredName: 'facture.pdf',
  declaredType: 'application/pdf',
  size: 1234,
  sha256: 'a'.repeat(64),
};

describe('merge', () => {
  let backend: TestBackend;
  let marco: string;
  let clock = at(0);
  const ticket = async (id: string): Promise<Ticket> => {
    const t = await backend.admin.get('ticket', id);
    if (t === undefined) throw new Error(`no ticket ${id}`);
    return t;
  };
  const customer = { accountId: '1', requesterName: 'Anna Muster', requesterEmail: 'anna@muster-web.ch' };
  const create = async (minutes: number, over: Partial<Ticket> = {}): Promise<Ticket> => {
    clock = at(minutes);
    return await backend.admin.createTicket({ ...customer, status: 'open', createdAt: clock.toISOString(), ...over });
  };
  const reply = async (id: string, minutes: number, body: string, internal = false): Promise<void> => {
    clock = at(minutes);
    const a = await mutate(backend.url, marco, 'reply', id, {
      baseVersion: (await ticket(id)).version,
      body,
      internal,
    });
    expect(a.status, a.text).toBe(200);
  };
  const merge = async (id: string, intoId: string, key?: string) =>
    mutate(backend.url, marco, 'merge', id, { baseVersion: (await ticket(id)).version, intoId }, key);

  beforeAll(async () => {
    backend = await startTestBackend({ seed: { tickets: 4 }, now: () => clock });
    marco = await login(backend.url, 'marco');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  it('carries the duplicate conversation into the target in time order, each message saying where it came from', async () => {
    const target = await create(0, { subject: 'Site en panne', body: 'Notre site ne répond plus.' });
    const dup = await create(60, { subject: 'Toujours en panne', body: 'Le site est encore en panne.' });
    await backend.admin.updateTicket(dup.id, { attachments: [ATTACHMENT] });
    await reply(target.id, 90, 'Nous regardons.');
    await reply(dup.id, 120, 'Doublon probable de la première demande.', true);
    await reply(target.id, 180, 'Le serveur redémarre.');
    const messagesBefore = (await backend.checksums()).message.count;

    clock = at(240);
    const answer = await merge(dup.id, target.id);
    expect(answer.status, answer.text).toBe(200);
    const changes = MutationResult.parse(answer.body).changes;
    const carried = changes.flatMap((c) =>
      c.op === 'upsert' && c.kind === 'message' ? [c.data as TicketMessage] : [],
    );
    expect(carried.map((m) => [m.ticketId, m.mergedFromId, m.kind, m.createdAt, m.body])).toEqual([
      [target.id, dup.id, 'customer', at(60).toISOString(), 'Toujours en panne\n\nLe site est encore en panne.'],
      [target.id, dup.id, 'note', at(120).toISOString(), 'Doublon probable de la première demande.'],
    ]);
    expect(carried[0]?.attachments).toEqual([ATTACHMENT]);
    expect(carried[0]?.authorAgentId).toBeNull();
    expect(carried[1]?.authorAgentId).toBe('2');
    // Copies: the duplicate keeps its own conversation.
    expect((await backend.checksums()).message.count).toBe(messagesBefore + 2);

    expect(await ticket(dup.id)).toMatchObject({ duplicateOfId: target.id, status: 'closed' });
    expect(await ticket(target.id)).toMatchObject({ mergedFrom: [dup.id], status: 'open', duplicateOfId: null });
    const ticketsInAnswer = changes.filter((c) => c.kind === 'ticket').map((c) => c.id);
    expect(ticketsInAnswer.sort()).toEqual([dup.id, target.id].sort());
  });

  it('runs once for a replayed key, and lists a second duplicate after the first', async () => {
    const target = await create(0);
    const first = await create(10);
    const second = await create(20);
    expect((await merge(first.id, target.id)).status).toBe(200);
    const key = `merge-${second.id}`;
    const body = { baseVersion: (await ticket(second.id)).version, intoId: target.id };
    const once = await mutate(backend.url, marco, 'merge', second.id, body, key);
    const messages = (await backend.checksums()).message.count;
    const again = await mutate(backend.url, marco, 'merge', second.id, body, key);
    expect([once.status, again.status]).toEqual([200, 200]);
    expect(again.text).toBe(once.text);
    expect((await backend.checksums()).message.count).toBe(messages);
    expect((await ticket(target.id)).mergedFrom).toEqual([first.id, second.id]);
  });

  it('refuses with a reason and changes nothing', async () => {
    const target = await create(0);
    const merged = await create(10);
    expect((await merge(merged.id, target.id)).status).toBe(200);
    const closed = await create(20, { status: 'closed' });
    const other = await create(30, { accountId: '2', requesterEmail: 'info@boulangerie-favre.ch' });
    const dup = await create(40);

    const cases: [string, string, string][] = [
      [dup.id, dup.id, 'merge_into_self'],
      [merged.id, target.id, 'already_merged'],
      [dup.id, merged.id, 'merge_target_is_duplicate'],
      [dup.id, closed.id, 'merge_target_closed'],
      [other.id, target.id, 'merge_other_customer'],
      [dup.id, other.id, 'merge_other_customer'],
    ];
    const full = await create(50, { mergedFrom: Array.from({ length: 500 }, (_, i) => `old-${i}`) });
    cases.push([dup.id, full.id, 'merge_target_full']);
    const before = await backend.checksums();
    for (const [id, intoId, reason] of cases) {
      const a = await merge(id, intoId);
      expect([a.status, reasonOf(a)], `${id} into ${intoId}`).toEqual([422, reason]);
    }
    expect(await backend.checksums()).toEqual(before);
    const missing = await merge(dup.id, '9999');
    expect(missing.status).toBe(404);
  });
});
