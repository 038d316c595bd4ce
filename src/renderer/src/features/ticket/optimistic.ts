/**
 * What an action looks like on screen before main answers: the same local
 * effect the worker applies to the cached row, computed here so the screen
 * changes in the frame of the keypress (one frame = the `ui.action` goal).
 */
import type { QueueRowView, TicketAction, TicketDetail } from '../../../../shared/ipc.js';
import type { TicketMessage } from '../../../../shared/entities.js';

/** The row fields an action changes; every action marks the row pending until the backend confirms. */
export function rowChange(action: TicketAction): Partial<QueueRowView> {
  switch (action.type) {
    case 'recategorise':
      return { categoryId: action.categoryId, pending: true };
    case 'assign':
      return { assigneeId: action.assigneeId, pending: true };
    case 'setStatus':
      return { status: action.status, pending: true };
    case 'escalate':
      return { level: 2, pending: true };
    case 'merge':
      return { status: 'closed', pending: true };
    case 'reply':
      return { pending: true };
  }
}

export function applyToDetail(
  detail: TicketDetail,
  action: TicketAction,
  ctx: { agentId: string; now: string; localId: string },
): TicketDetail {
  const ticket = detail.ticket;
  const entry = {
    actionId: ctx.localId,
    ticketId: action.ticketId,
    action,
    state: 'pending' as const,
    reason: null,
    message: null,
    theirs: null,
    createdAt: ctx.now,
  };
  // Merging a listed duplicate into the open ticket changes the duplicate, not this one.
  if (action.type === 'merge' && action.ticketId !== ticket.id) {
    return { ...detail, duplicates: detail.duplicates.filter((d) => d.id !== action.ticketId) };
  }
  const outbox = [...detail.outbox, entry];
  switch (action.type) {
    case 'recategorise':
      return { ...detail, outbox, ticket: { ...ticket, categoryId: action.categoryId } };
    case 'assign':
      return { ...detail, outbox, ticket: { ...ticket, assigneeId: action.assigneeId } };
    case 'setStatus':
      return { ...detail, outbox, ticket: { ...ticket, status: action.status } };
    case 'escalate':
      return { ...detail, outbox, ticket: { ...ticket, level: 2 } };
    case 'merge':
      return { ...detail, outbox, ticket: { ...ticket, duplicateOfId: action.intoId, status: 'closed' } };
    case 'reply': {
      const message: TicketMessage = {
        id: ctx.localId,
        ticketId: ticket.id,
        authorAgentId: ctx.agentId,
        kind: action.internal ? 'note' : 'reply',
        body: action.body,
        version: 1,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      return { ...detail, outbox, messages: [...detail.messages, message] };
    }
  }
}
