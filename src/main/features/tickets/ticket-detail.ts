/** The ticket screen's data, read from the cache on the main thread. */
import type { Account } from '../../../shared/entities.js';
import type { QueueRowView, TicketDetail } from '../../../shared/ipc.js';
import { isChatTermination } from '../../../shared/ticket-actions.js';
import type { ViewsReader } from '../../db/views-reader.js';
import type { CacheReader } from '../../db/types.js';

const zurichDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Priority Support runs to the end of its last day in Switzerland, whatever the machine's time zone. */
export function prioritySupportActive(account: Pick<Account, 'prioritySupportUntil'> | null, now: Date): boolean {
  if (account?.prioritySupportUntil == null) return false;
  return zurichDay.format(now) <= account.prioritySupportUntil;
}

/** Marks rows whose ticket has an outbox entry waiting (pending) or refused (needs attention). */
export function withOutboxState(reader: CacheReader, rows: QueueRowView[]): QueueRowView[] {
  if (rows.length === 0) return rows;
  const state = reader.outboxStateByTicket(rows.map((r) => r.id));
  return rows.map((r) => {
    const s = state.get(r.id);
    return s === undefined ? r : { ...r, pending: s.pending, needsAttention: s.needsAttention };
  });
}

export function readTicketDetail(
  reader: CacheReader,
  views: ViewsReader,
  ticketId: string,
  now: Date,
): TicketDetail | null {
  const ticket = reader.getRecord('ticket', ticketId);
  if (ticket === null) return null;
  const account = ticket.accountId === null ? null : reader.getRecord('account', ticket.accountId);
  return {
    ticket,
    account,
    prioritySupportActive: prioritySupportActive(account, now),
    messages: reader.messagesOf(ticket.id),
    attachments: ticket.attachments,
    duplicates: withOutboxState(reader, views.duplicatesOf(ticket)),
    outbox: reader.outboxFor(ticket.id),
    chatTermination: isChatTermination(ticket, reader.getRecord('category', ticket.categoryId)),
  };
}
