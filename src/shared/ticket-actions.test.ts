import { describe, expect, it } from 'vitest';
import type { Category, Ticket } from './entities.js';
import type { TicketAction } from './ipc.js';
import { MUTATIONS } from './mutations.js';
import {
  applyLocally,
  duplicateScore,
  isChatTermination,
  isLikelyDuplicate,
  isTerminationCategory,
  LIKELY_DUPLICATE,
  refuseLocally,
  toMutation,
} from './ticket-actions.js';

const NOW = new Date('2026-03-02T09:00:00.000Z');

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: '10',
  accountId: 'acc-1',
  channel: 'portal',
  categoryId: 'hosting',
  subject: 'Site web inaccessible depuis ce matin',
  body: 'Bonjour, notre site exemple.ch affiche une erreur 500 depuis ce matin. Merci de vérifier.',
  status: 'open',
  priority: 'normal',
  requesterName: 'Zoé Müller',
  requesterEmail: 'zoe@example.ch',
  language: 'fr',
  callbackPhone: null,
  attachments: [],
  assigneeId: null,
  duplicateOfId: null,
  level: 1,
  version: 3,
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  ...over,
});

const termination: Category = {
  id: 'termination',
  names: { fr: 'Résiliation', de: 'Kündigung', it: 'Disdetta', en: 'Termination' },
  position: 5,
  version: 1,
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('applyLocally', () => {
  it('gives the ticket as the agent should see it after each action', () => {
    const t = ticket();
    const at = NOW.toISOString();
    expect(applyLocally(t, { type: 'recategorise', ticketId: '10', categoryId: 'mail' }, 'ag-lea', NOW)).toEqual({
      ...t,
      categoryId: 'mail',
      updatedAt: at,
    });
    expect(applyLocally(t, { type: 'assign', ticketId: '10', assigneeId: 'ag-lea' }, 'ag-lea', NOW).assigneeId).toBe(
      'ag-lea',
    );
    expect(applyLocally(t, { type: 'setStatus', ticketId: '10', status: 'pending' }, 'x', NOW).status).toBe('pending');
    expect(applyLocally(t, { type: 'merge', ticketId: '10', intoId: '7' }, 'x', NOW)).toMatchObject({
      duplicateOfId: '7',
      status: 'closed',
    });
    expect(applyLocally(t, { type: 'escalate', ticketId: '10', note: '' }, 'x', NOW).level).toBe(2);
    expect(applyLocally(t, { type: 'reply', ticketId: '10', body: 'ok', internal: false }, 'x', NOW)).toEqual({
      ...t,
      updatedAt: at,
    });
    // Local effects never bump the version: it stays the backend's, for the version guard and the base version.
    expect(applyLocally(t, { type: 'escalate', ticketId: '10', note: '' }, 'x', NOW).version).toBe(3);
  });
});

describe('refuseLocally', () => {
  const chat = ticket({ channel: 'chat', categoryId: 'termination' });

  it('refuses to mark a chat termination solved, however it gets there', () => {
    expect(isChatTermination(chat)).toBe(true);
    expect(isChatTermination(ticket())).toBe(false);
    expect(refuseLocally(chat, { type: 'setStatus', ticketId: '10', status: 'solved' })).toMatchObject({
      reason: 'termination_via_chat',
    });
    expect(refuseLocally(chat, { type: 'setStatus', ticketId: '10', status: 'closed' })).toBeNull();
    const solvedChat = ticket({ channel: 'chat', status: 'solved' });
    expect(
      refuseLocally(solvedChat, { type: 'recategorise', ticketId: '10', categoryId: 'termination' }),
    ).toMatchObject({ reason: 'termination_via_chat' });
    // A provider's own category is recognised by its English name.
    const custom = { ...termination, id: 'k-77', names: { ...termination.names, en: 'Contract cancellation' } };
    expect(isTerminationCategory(custom)).toBe(true);
    expect(isChatTermination({ channel: 'chat', categoryId: 'k-77' }, custom)).toBe(true);
    expect(
      refuseLocally(
        ticket({ channel: 'chat', categoryId: 'k-77' }),
        {
          type: 'setStatus',
          ticketId: '10',
          status: 'solved',
        },
        { category: () => custom },
      ),
    ).toMatchObject({ reason: 'termination_via_chat' });
  });

  it('refuses merging into itself or into a merged ticket, unknown references, unknown fields', () => {
    const t = ticket();
    expect(refuseLocally(t, { type: 'merge', ticketId: '10', intoId: '10' })?.reason).toBe('merge_into_self');
    const lookups = {
      ticket: (id: string) => (id === '8' ? ticket({ id: '8', duplicateOfId: '2' }) : null),
      category: (id: string) => (id === 'termination' ? termination : null),
      agent: (id: string) => (id === 'ag-lea' ? { id } : null),
    };
    expect(refuseLocally(t, { type: 'merge', ticketId: '10', intoId: '8' }, lookups)?.reason).toBe(
      'merge_target_is_duplicate',
    );
    expect(refuseLocally(t, { type: 'merge', ticketId: '10', intoId: '9' }, lookups)).toBeNull();
    expect(refuseLocally(t, { type: 'recategorise', ticketId: '10', categoryId: 'x' }, lookups)?.reason).toBe(
      'unknown_category',
    );
    expect(refuseLocally(t, { type: 'assign', ticketId: '10', assigneeId: 'ag-x' }, lookups)?.reason).toBe(
      'unknown_agent',
    );
    expect(refuseLocally(t, { type: 'assign', ticketId: '10', assigneeId: null }, lookups)).toBeNull();
    expect(refuseLocally(ticket({ level: 2 }), { type: 'escalate', ticketId: '10', note: '' })?.reason).toBe(
      'already_escalated',
    );
    const extra = { type: 'assign', ticketId: '10', assigneeId: null, priority: 'urgent' } as TicketAction;
    expect(refuseLocally(t, extra)?.reason).toBe('unknown_fields');
    expect(refuseLocally(t, { type: 'assign', ticketId: '11', assigneeId: null })?.reason).toBe('wrong_ticket');
  });
});

describe('mergeRefusal', () => {
  const merge = (source: Ticket, target: Ticket | null) =>
    refuseLocally(
      source,
      { type: 'merge', ticketId: source.id, intoId: target?.id ?? '99' },
      {
        ticket: (id) => (id === target?.id ? target : null),
      },
    )?.reason ?? null;

  it('lets a duplicate of the same customer go into an open ticket', () => {
    expect(merge(ticket({ id: '11' }), ticket({ id: '12', status: 'pending' }))).toBeNull();
    // Same requester e-mail (case aside) without an account: the same customer writing again.
    const noAccount = { accountId: null, requesterEmail: 'ZOE@example.ch' };
    expect(merge(ticket({ id: '11', accountId: null }), ticket({ id: '12', ...noAccount }))).toBeNull();
  });

  it('refuses a duplicate already merged, a closed target, another customer', () => {
    expect(merge(ticket({ id: '11', duplicateOfId: '7' }), ticket({ id: '12' }))).toBe('already_merged');
    // Checked without the target in the cache too: it depends on the duplicate alone.
    expect(merge(ticket({ id: '11', duplicateOfId: '7' }), null)).toBe('already_merged');
    expect(merge(ticket({ id: '11' }), ticket({ id: '12', status: 'closed' }))).toBe('merge_target_closed');
    const other = { accountId: 'acc-2', requesterEmail: 'max@example.de' };
    expect(merge(ticket({ id: '11' }), ticket({ id: '12', ...other }))).toBe('merge_other_customer');
    expect(merge(ticket({ id: '11' }), null)).toBeNull();
  });
});

describe('toMutation', () => {
  it('builds a body each mutation schema accepts', () => {
    const actions: TicketAction[] = [
      { type: 'recategorise', ticketId: '10', categoryId: 'mail' },
      { type: 'assign', ticketId: '10', assigneeId: null },
      { type: 'setStatus', ticketId: '10', status: 'open' },
      { type: 'reply', ticketId: '10', body: 'Bonjour', internal: true },
      { type: 'merge', ticketId: '10', intoId: '4' },
      { type: 'escalate', ticketId: '10', note: 'DNS' },
    ];
    for (const a of actions) {
      const m = toMutation(a, 7);
      expect(m.name).toBe(a.type);
      expect(m.id).toBe('10');
      expect(MUTATIONS[m.name].body.parse(m.body)).toMatchObject({ baseVersion: 7 });
    }
  });
});

describe('duplicateScore', () => {
  const a = ticket();
  const again = ticket({
    id: '11',
    subject: 'Site inaccessible, erreur 500',
    body: 'Bonjour, toujours une erreur 500 sur notre site exemple.ch, merci de vérifier rapidement.',
    createdAt: '2026-03-01T15:00:00.000Z',
  });

  it('scores a customer repeating themselves as a likely duplicate', () => {
    expect(duplicateScore(a, again)).toBeGreaterThanOrEqual(LIKELY_DUPLICATE);
    expect(duplicateScore(a, again)).toBe(duplicateScore(again, a));
    expect(isLikelyDuplicate(a, again)).toBe(true);
    // Same requester e-mail without an account also counts (case-insensitive).
    const byMail = { ...again, accountId: null, requesterEmail: 'ZOE@example.ch' };
    expect(isLikelyDuplicate({ ...a, accountId: null }, byMail)).toBe(true);
  });

  it('scores 0 for another customer, another category, more than 48 h apart, or the ticket itself', () => {
    expect(duplicateScore(a, { ...again, accountId: 'acc-2', requesterEmail: 'other@example.ch' })).toBe(0);
    expect(duplicateScore(a, { ...again, categoryId: 'mail' })).toBe(0);
    expect(duplicateScore(a, { ...again, createdAt: '2026-03-03T08:00:01.000Z' })).toBe(0);
    expect(duplicateScore(a, a)).toBe(0);
    const unrelated = { ...again, subject: 'Facture', body: 'Question sur la facture annuelle du domaine.' };
    expect(isLikelyDuplicate(a, unrelated)).toBe(false);
  });
});
