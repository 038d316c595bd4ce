/**
 * IPC handlers of the triage desk (src/shared/ipc.ts): the queue's windows
 * and counts, a ticket's screen, the agent's actions on tickets (written to
 * the cache and queued for the backend by the sync worker), the answer to a
 * refused action, and the lists the desk picks from.
 */
import { CANNED_REPLIES } from '../../../shared/canned-replies.js';
import type { HandlersFor } from '../../../shared/ipc-handlers.js';
import type { UiLanguage } from '../../../shared/settings.js';
import type { FeatureDeps } from '../feature-deps.js';
import { categoryCounts } from './category-counts.js';
import { readTicketDetail, withOutboxState } from './ticket-detail.js';

export type TicketChannel =
  | 'queue:counts'
  | 'queue:window'
  | 'ticket:get'
  | 'ticket:act'
  | 'outbox:resolve'
  | 'categories:list'
  | 'agents:list'
  | 'canned:list';

export interface TicketDeps extends Pick<FeatureDeps, 'readers' | 'sync' | 'pump' | 'now'> {
  /** Whose "mine" (null before the first sign-in). */
  agentId(): string | null;
  /** The language categories are named in. */
  language(): UiLanguage;
}

export function createTicketHandlers(deps: TicketDeps): HandlersFor<TicketChannel> {
  const { cache: reader, views } = deps.readers;
  return {
    'queue:counts': () => ({
      categories: categoryCounts(reader, deps.language()),
      views: views.viewCounts(deps.agentId()),
    }),
    'queue:window': (query) => {
      const window = views.queueWindow(query, deps.agentId());
      return { ...window, rows: withOutboxState(reader, window.rows) };
    },
    'ticket:get': (id) => readTicketDetail(reader, views, id, deps.now()),
    'ticket:act': async (action) => {
      const result = await deps.sync.act(action);
      // The row is written before act() answers: tell every window now, not after the merge window.
      if (result.accepted) {
        deps.pump.changed([action.ticketId]);
        deps.pump.flush();
      }
      return result;
    },
    'outbox:resolve': async (actionId, choice) => {
      await deps.sync.resolveOutbox(actionId, choice);
      return { ok: true };
    },
    'categories:list': () => views.categories(),
    'agents:list': () => views.agents(),
    'canned:list': () => [...CANNED_REPLIES],
  };
}
