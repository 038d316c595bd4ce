/**
 * The ticket fields each console action changes. Two people conflict only
 * when they changed the same field: the outbox resends an action silently
 * when these fields still hold the values the agent acted on, and the
 * conflict panel shows these fields on both sides.
 */
import type { Ticket } from './entities.js';
import type { TicketAction } from './ipc.js';

export type TicketField = keyof Ticket;

const FIELDS: Record<TicketAction['type'], readonly TicketField[]> = {
  recategorise: ['categoryId'],
  assign: ['assigneeId'],
  setStatus: ['status'],
  merge: ['duplicateOfId', 'status'],
  escalate: ['level'],
  // A reply adds a message and changes no field of the ticket: nobody's change can collide with it.
  reply: [],
};

export function fieldsChangedBy(action: TicketAction): readonly TicketField[] {
  return FIELDS[action.type];
}

/** The fields the action changes whose value differs between the two copies (the agent's base and the record now). */
export function fieldsMovedUnder(action: TicketAction, base: Ticket, current: Ticket): TicketField[] {
  return fieldsChangedBy(action).filter((f) => JSON.stringify(base[f]) !== JSON.stringify(current[f]));
}
