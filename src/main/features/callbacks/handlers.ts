/**
 * IPC handlers of the priority callbacks (src/shared/ipc-callbacks.ts).
 * Reads come from the cache through the shared rules (day.ts); bookings,
 * moves and outcomes go to the backend through the sync worker's direct
 * call, which waits for the answer: a slot taken meanwhile comes back as
 * 409 slot_taken at once, and the console proposes the next free slots.
 * Each call has its own idempotency key and the version the expert saw.
 */
import { randomUUID } from 'node:crypto';
import type { PreferredWindow } from '../../../shared/callbacks/free-slots.js';
import { Callback } from '../../../shared/entities.js';
import type { CallbackBookResult, CallbackCloseResult, CallbackIpcResults } from '../../../shared/ipc-callbacks.js';
import type { MutationName } from '../../../shared/mutations.js';
import type { DirectCallAnswer } from '../../sync/direct-calls.js';
import type { FeatureDeps } from '../feature-deps.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { lazy } from '../../lazy.js';
import type { CallbackReads } from './day.js';

const NEXT_FREE_ON_CONFLICT = 5;

const callbacksIn = (a: DirectCallAnswer): Callback[] =>
  a.ok ? a.changes.flatMap((c) => (c.op === 'upsert' && c.kind === 'callback' ? [c.record] : [])) : [];

export function createCallbackHandlers(deps: FeatureDeps): Pick<Handlers, keyof CallbackIpcResults> {
  const reader = deps.readers.cache;
  // The calendar's public holidays (date-holidays) and the phone-number metadata (libphonenumber-js) load with the
  // first callbacks call, not with the app: most starts never open the callbacks screens.
  const rulesAndReads = lazy(async () => {
    const [day, config] = await Promise.all([import('./day.js'), import('../../../shared/callbacks/config.js')]);
    // Same settings as the backend's (environment), read on first use.
    const rules = config.calendarRules(config.callbackConfigFromEnv(process.env));
    const reads: CallbackReads = {
      reader,
      callbacks: deps.readers.callbacks,
      rules: () => rules,
      now: () => deps.now(),
    };
    return { ...day, reads };
  });

  const send = async (mutation: MutationName, recordId: string, body: unknown): Promise<DirectCallAnswer> => {
    const answer = await deps.sync.call({ mutation, recordId, body, idempotencyKey: randomUUID() });
    return answer;
  };
  /** The ticket and day view follow at once: the answer's records are already in the cache. */
  const touched = (ticketIds: readonly string[]): void => {
    deps.pump.changed(ticketIds);
    deps.pump.flush();
  };

  const booked = async (
    answer: DirectCallAnswer,
    ticketId: string,
    expertId: string,
    preferred: PreferredWindow | null,
    ignoreCallbackId?: string,
  ): Promise<CallbackBookResult> => {
    if (answer.ok) {
      const [callback] = callbacksIn(answer);
      if (callback === undefined) throw new Error('the backend answered without the callback');
      touched([ticketId]);
      return { ok: true, callback };
    }
    const holder = Callback.safeParse(answer.current);
    const taken = answer.reason === 'slot_taken' && holder.success ? holder.data : null;
    // Proposals: the same expert's next free slots, then the team's, with the slot just lost counted as booked.
    const query = {
      ticketId,
      preferred,
      limit: NEXT_FREE_ON_CONFLICT,
      alsoBooked: taken ? [taken] : [],
      ignoreCallbackId,
    };
    const { readFreeSlots, reads } = await rulesAndReads();
    const nextFree =
      answer.status === 409 || answer.reason === 'outside_business_hours'
        ? [...readFreeSlots(reads, { ...query, expertId }), ...readFreeSlots(reads, { ...query, expertId: null })]
            .filter((s, i, all) => all.findIndex((o) => o.startsAt === s.startsAt && o.expertId === s.expertId) === i)
            .slice(0, NEXT_FREE_ON_CONFLICT)
        : [];
    if (answer.reason === 'stale_version' || answer.reason === 'slot_taken') deps.sync.pullNow();
    return { ok: false, status: answer.status, reason: answer.reason, message: answer.message, taken, nextFree };
  };

  return {
    'callbacks:day': async (day, expertId) => {
      const { readDay, reads } = await rulesAndReads();
      return readDay(reads, day, expertId ?? (await deps.currentAgent()).id);
    },
    'callbacks:eligibility': async (ticketId) => {
      const { readEligibility, reads } = await rulesAndReads();
      return readEligibility(reads, ticketId);
    },
    'callbacks:freeSlots': async (q) => {
      const { readFreeSlots, reads } = await rulesAndReads();
      return readFreeSlots(reads, q);
    },
    'callbacks:freeWeek': async (q) => {
      const { readFreeWeek, reads } = await rulesAndReads();
      return readFreeWeek(reads, q);
    },

    'callbacks:book': async ({ ticketId, expertId, startsAt, preferred }) => {
      const ticket = reader.getRecord('ticket', ticketId);
      if (ticket === null) throw new Error(`Ticket ${ticketId} is not in the local copy.`);
      const answer = await send('scheduleCallback', ticketId, { baseVersion: ticket.version, expertId, startsAt });
      return booked(answer, ticketId, expertId, preferred);
    },

    'callbacks:reschedule': async ({ callbackId, expertId, startsAt, preferred }) => {
      const cb = reader.getRecord('callback', callbackId);
      if (cb === null) throw new Error(`Callback ${callbackId} is not in the local copy.`);
      const answer = await send('rescheduleCallback', callbackId, { baseVersion: cb.version, expertId, startsAt });
      return booked(answer, cb.ticketId, expertId, preferred, callbackId);
    },

    'callbacks:close': async ({ callbackId, outcome, note }): Promise<CallbackCloseResult> => {
      const cb = reader.getRecord('callback', callbackId);
      if (cb === null) throw new Error(`Callback ${callbackId} is not in the local copy.`);
      const answer = await send('closeCallback', callbackId, { baseVersion: cb.version, outcome, note });
      if (!answer.ok) {
        if (answer.status === 409) deps.sync.pullNow();
        return { ok: false, status: answer.status, reason: answer.reason, message: answer.message };
      }
      const calls = callbacksIn(answer);
      const closed = calls.find((c) => c.id === callbackId);
      if (closed === undefined) throw new Error('the backend answered without the callback');
      const ticket = answer.changes.find(
        (c): c is Extract<typeof c, { kind: 'ticket'; op: 'upsert' }> => c.op === 'upsert' && c.kind === 'ticket',
      );
      touched([cb.ticketId]);
      return {
        ok: true,
        callback: closed,
        next: calls.find((c) => c.id !== callbackId && c.status === 'scheduled') ?? null,
        ticketStatus: ticket === undefined ? null : ticket.record.status,
      };
    },
  };
}
