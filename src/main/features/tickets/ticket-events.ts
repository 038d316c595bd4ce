/**
 * Which tickets a sync event changes, for the windows' "changed" event: the
 * tickets themselves, the tickets of synced messages, or everything (a bulk
 * page, categories or agents renamed, a rebootstrap, "mine" after another
 * sign-in). Null: the event changes no ticket on screen.
 */
import type { CacheReader } from '../../db/types.js';
import type { SyncEvent } from '../../sync/events.js';

export interface TicketsChanged {
  ticketIds: string[];
  everything: boolean;
}

export function ticketsChangedBy(
  event: SyncEvent,
  reader: Pick<CacheReader, 'ticketIdsOfMessages'>,
): TicketsChanged | null {
  switch (event.type) {
    case 'changed': {
      const fromMessages = reader.ticketIdsOfMessages(event.ids.message ?? []);
      const everything = event.many.length > 0 || event.ids.category !== undefined || event.ids.agent !== undefined;
      return { ticketIds: [...(event.ids.ticket ?? []), ...fromMessages], everything };
    }
    case 'urgent-ready':
    case 'rebootstrap':
      return { ticketIds: [], everything: true };
    case 'outbox':
      return { ticketIds: event.ticketIds, everything: false };
    default:
      return null;
  }
}
