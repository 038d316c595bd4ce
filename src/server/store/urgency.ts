/**
 * Which records a bootstrap delivers first (phase "urgent"): what an agent
 * needs on screen now. Works on loose objects because admin.writeUnchecked
 * may store records that do not match the schema.
 */
import type { EntityKind } from '../../shared/entities.js';

const OPEN_TICKET = new Set(['new', 'open', 'pending']);
const OPEN_RECOVERY = new Set(['pending', 'info_requested']);

function field(data: unknown, key: string): unknown {
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[key] : undefined;
}

export function isTicketUrgent(data: unknown): boolean {
  const status = field(data, 'status');
  if (typeof status === 'string' && OPEN_TICKET.has(status)) return true;
  const assignee = field(data, 'assigneeId');
  return typeof assignee === 'string' && assignee !== '' && status !== 'closed';
}

/** Messages follow their ticket, so `ticketUrgent` is looked up by the caller. */
export function isUrgent(kind: EntityKind, data: unknown, ticketUrgent: () => boolean): boolean {
  switch (kind) {
    case 'category':
    case 'agent':
    case 'account':
      return true;
    case 'ticket':
      return isTicketUrgent(data);
    case 'message':
      return ticketUrgent();
    case 'recovery': {
      const status = field(data, 'status');
      return typeof status === 'string' && OPEN_RECOVERY.has(status);
    }
    case 'callback':
      return field(data, 'status') === 'scheduled';
    case 'audit':
      // The log is read when someone asks for it; the queues come first.
      return false;
  }
}

export function stringField(data: unknown, key: string): string {
  const v = field(data, key);
  return typeof v === 'string' ? v : '';
}
