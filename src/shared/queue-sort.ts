/**
 * Which sorts a queue offers for a status set. "Oldest first" and "priority"
 * are orders for open work (new, open, pending): nobody triages solved
 * tickets by urgency. Keeping those two orders to open work lets the cache
 * index only open tickets for them (a few percent of a million), which is
 * what makes a full sync fast; a list that includes solved or closed
 * tickets is ordered by last update, like every helpdesk's "all tickets".
 */
import type { QueueWindowQuery } from './ipc.js';
import type { TicketStatus } from './entities.js';

export const OPEN_WORK_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending'];

export type QueueSortId = 'updated' | 'age' | 'priority';

/** True when `sort` can order a list of these statuses. */
export function sortAvailable(sort: QueueSortId, statuses: readonly TicketStatus[]): boolean {
  return sort === 'updated' || statuses.every((s) => OPEN_WORK_STATUSES.includes(s));
}

/** The order a list of these statuses is actually shown in. */
export function effectiveSort(sort: QueueSortId, statuses: readonly TicketStatus[]): QueueSortId {
  return sortAvailable(sort, statuses) ? sort : 'updated';
}

/**
 * The queue a freshly opened console shows (every ticket of open work, most
 * recently updated first, the first window of 100 rows), changed by `over`:
 * what tests and the benchmark ask `queue:window` for, as the screen would.
 */
export function firstQueueQuery(over: Partial<QueueWindowQuery> = {}): QueueWindowQuery {
  return {
    view: 'all',
    categoryId: null,
    statuses: [...OPEN_WORK_STATUSES],
    sort: 'updated',
    search: '',
    offset: 0,
    limit: 100,
    ...over,
  };
}
