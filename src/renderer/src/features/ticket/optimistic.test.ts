import { describe, expect, it } from 'vitest';
import type { QueueRowView, TicketDetail } from '../../../../shared/ipc.js';
import { applyToDetail, rowChange } from './optimistic.js';

const ticket: TicketDetail['ticket'] = {
  id: 't-1',
  accountId: null,
  channel: 'portal',
  categoryId: 'hosting',
  subject: 'Site lent',
  body: 'Mon site est lent',
  status: 'new',
  priority: 'normal',
  requesterName: 'Anna Muster',
  requesterEmail: 'anna@example.ch',
  language: 'fr',
  callbackPhone: null,
  attachments: [],
  assigneeId: null,
  duplicateOfId: null,
  level: 1,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const dup = { id: 't-2' } as QueueRowView;
const detail: TicketDetail = {
  ticket,
  account: null,
  prioritySupportActive: false,
  messages: [],
  attachments: [],
  duplicates: [dup],
  outbox: [],
  chatTermination: false,
};
const ctx = { agentId: 'ag-1', now: '2026-01-02T00:00:00.000Z', localId: 'local-1' };

describe('optimistic effects', () => {
  it('changes the ticket and adds a pending outbox entry', () => {
    const next = applyToDetail(detail, { type: 'recategorise', ticketId: 't-1', categoryId: 'mail' }, ctx);
    expect(next.ticket.categoryId).toBe('mail');
    expect(next.outbox).toHaveLength(1);
    expect(next.outbox[0]?.state).toBe('pending');
    expect(detail.ticket.categoryId).toBe('hosting'); // the snapshot used for undo is untouched
  });

  it('appends a reply or note to the conversation', () => {
    const next = applyToDetail(detail, { type: 'reply', ticketId: 't-1', body: 'Bonjour', internal: true }, ctx);
    expect(next.messages[0]).toMatchObject({ kind: 'note', body: 'Bonjour', authorAgentId: 'ag-1' });
  });

  it('removes a duplicate merged into the open ticket from the list', () => {
    const next = applyToDetail(detail, { type: 'merge', ticketId: 't-2', intoId: 't-1' }, ctx);
    expect(next.duplicates).toEqual([]);
    expect(next.ticket).toBe(ticket);
  });

  it('marks the queue row pending with the changed fields', () => {
    expect(rowChange({ type: 'assign', ticketId: 't-1', assigneeId: 'ag-1' })).toEqual({
      assigneeId: 'ag-1',
      pending: true,
    });
    expect(rowChange({ type: 'escalate', ticketId: 't-1', note: '' })).toEqual({ level: 2, pending: true });
    expect(rowChange({ type: 'setStatus', ticketId: 't-1', status: 'solved' })).toMatchObject({ status: 'solved' });
  });
});
