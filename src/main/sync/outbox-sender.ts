/**
 * Sends the agent's actions to the backend: oldest first, one at a time,
 * each with its own Idempotency-Key and the version it was based on.
 *
 * Exactly once: a request that fails in transit (refused connection, reset,
 * truncated answer, 5xx, 429) is sent again with the same key, and the
 * backend replays its first answer; an entry leaves the outbox only with the
 * backend's decision (200, 409, 422...), written in the same transaction.
 * Offline, entries wait and the sender tries again with backoff; a pull, a
 * new action or the push channel reconnecting also start it.
 *
 * Each request carries the cache's feed cursor (SYNC_CURSOR_HEADER): a
 * backend restored from an older copy, or replaced, refuses an action made
 * on data it no longer has (409 history_diverged), so "solve 2001" never
 * lands on another ticket that took the id 2001. When the pull finds the
 * history changed, every entry still waiting is refused the same way before
 * the cache starts again (`refuseAll`): nothing made on the lost data is sent.
 */
import { Ticket } from '../../shared/entities.js';
import type { ActResult, TicketAction } from '../../shared/ipc.js';
import { mutationPath } from '../../shared/mutations.js';
import { HISTORY_DIVERGED } from '../../shared/sync-protocol.js';
import { MERGE_UNDO_MS, toMutation } from '../../shared/ticket-actions.js';
import { validChanges } from '../../shared/valid-changes.js';
import { isCorruptionError } from '../db/connection.js';
import type { OutboxChange, OutboxEntry, ResolveChoice } from '../db/outbox-types.js';
import type { CacheWriter } from '../db/types.js';
import { errorMessage } from './events.js';
import type { SyncEventListener } from './events.js';
import type { ApiClient, MutationAnswer } from './http.js';
import { coalesced } from './coalesced.js';
import { rebaseOnConflict } from './rebase-on-conflict.js';
import type { RetryPolicy } from './retry-policy.js';
import { withToken } from './with-token.js';
import type { TokenSource } from './with-token.js';

/** Entries sent per drain before yielding to a fresh drain (bounds the loop; the rest follow at once). */
const MAX_PER_DRAIN = 1000;

export interface OutboxSenderOptions {
  api: ApiClient;
  writer: CacheWriter;
  /** The login the engine runs as: entries carry it, and only its own are sent with its token. */
  actor: string;
  /** A second 401 in a row is a failure like any other: the entry waits and is retried later. */
  tokens: TokenSource;
  emit: SyncEventListener;
  setOnline(online: boolean, reason?: string): void;
  policy: RetryPolicy;
  random: () => number;
  signal: AbortSignal;
  now: () => Date;
  /** The cursor of the data the cache holds (null before the first page): the history the actions were made in. */
  syncCursor: () => string | null;
  /** The backend refused an action for history_diverged: the cache's data is not the backend's any more. */
  onHistoryDiverged: () => void;
  /** How long a merge waits before it is sent, so the agent can undo it (default MERGE_UNDO_MS). */
  mergeUndoMs?: number;
  /** A drain failed because the cache file is damaged: the engine stops instead of retrying (engine.ts). */
  onCacheDamaged(err: unknown): void;
  /** A 409 for a reply that met a colleague's stays a conflict, never resent unasked (reply-collision.ts). */
  replyCollided?: (entry: OutboxEntry, answer: MutationAnswer) => Promise<boolean>;
}

export interface OutboxSender {
  /** Applies the action locally and queues it (one transaction), then starts sending. */
  act(action: TicketAction): ActResult;
  /** The agent's answer to a conflict or a rejection. */
  resolve(actionId: string, choice: ResolveChoice): void;
  /** Sends what is waiting (coalesced with a drain already running). Never rejects: failures are retried later. */
  drain(): Promise<void>;
  /** Tells the UI the outbox as it stands (at start). */
  announce(): void;
  /**
   * Refuses every entry still waiting (the backend's data is another history now): each shows as
   * refused with its content, the row goes back to the backend's copy. Returns how many.
   */
  refuseAll(reason: string, message: string): number;
  stop(): Promise<void>;
}

/** The backend's copy of the ticket in a refusal, when it sent a valid one. */
function currentTicket(current: unknown): Ticket | null {
  const parsed = Ticket.safeParse(current);
  return parsed.success ? parsed.data : null;
}

export function createOutboxSender(o: OutboxSenderOptions): OutboxSender {
  const outbox = o.writer.outbox;
  const stopped = (): boolean => o.signal.aborted;
  const mergeUndoMs = o.mergeUndoMs ?? MERGE_UNDO_MS;
  /** The drain that sends a held entry once its time comes (one at a time: the oldest entry holds the line). */
  let heldTimer: ReturnType<typeof setTimeout> | null = null;
  const wakeAt = (notBefore: string): void => {
    if (heldTimer !== null) clearTimeout(heldTimer);
    heldTimer = setTimeout(
      () => {
        heldTimer = null;
        void drain();
      },
      Math.max(0, Date.parse(notBefore) - o.now().getTime()),
    );
  };

  /** Both events the UI needs: rows to refresh, and the outbox figures. */
  function changed(change: OutboxChange): void {
    const messages = change.applied?.touched.message ?? [];
    if (change.ticketIds.length > 0 || messages.length > 0)
      o.emit({ type: 'changed', ids: { ticket: change.ticketIds, message: messages }, many: [] });
    const counts = outbox.counts();
    o.emit({ type: 'outbox', ...counts, ticketIds: change.ticketIds });
  }

  function post(entry: OutboxEntry): Promise<MutationAnswer> {
    const m = toMutation(entry.action, entry.baseVersion);
    const path = mutationPath(m.name, m.id);
    return withToken(o.tokens, (token) => o.api.mutate(token, path, m.body, entry.actionId, o.signal, o.syncCursor()));
  }

  function settle(entry: OutboxEntry, answer: MutationAnswer, collided: boolean): OutboxChange {
    // An invalid record is left to the feed, which keeps it aside as a sync problem.
    if ('changes' in answer) return outbox.confirm(entry.actionId, validChanges(answer.changes).valid);
    // A change by someone else to other fields: the entry is moved onto it and the loop sends it again.
    const rebased = collided ? null : rebaseOnConflict(o.writer, entry, answer, o.now());
    if (rebased !== null) return rebased;
    const refusal = {
      reason: answer.error.reason,
      message: answer.error.message,
      current: currentTicket(answer.error.current),
    };
    if (answer.error.reason === HISTORY_DIVERGED) {
      // Not a colleague's change to weigh against: the ticket the action was made on is gone from the backend.
      const change = outbox.reject(entry.actionId, refusal, o.now());
      o.onHistoryDiverged();
      return change;
    }
    // 409: someone else changed the ticket; anything else final (422 rule, 404 gone, 403 role) is a rejection.
    return answer.status === 409
      ? outbox.conflict(entry.actionId, refusal, o.now())
      : outbox.reject(entry.actionId, refusal, o.now());
  }

  async function drainOnce(resetBackoff: () => void): Promise<void> {
    for (let sent = 0; !stopped(); sent++) {
      if (sent >= MAX_PER_DRAIN) {
        // Asked during the run: the runner starts a fresh drain as soon as this one returns.
        void drain();
        return;
      }
      const next = outbox.nextToSend(o.actor);
      if (next === null) return;
      // Held for undo: the actor's later entries wait behind it, so the backend sees the actions in order.
      if (next.notBefore !== null && Date.parse(next.notBefore) > o.now().getTime()) {
        wakeAt(next.notBefore);
        return;
      }
      const entry = outbox.markSending(next.actionId, o.now());
      if (entry === null) continue;
      let answer: MutationAnswer;
      try {
        answer = await post(entry);
      } catch (err) {
        // Nothing is known of the outcome: the entry waits with the same key (a replay cannot apply it twice).
        outbox.markPending(entry.actionId, o.now());
        throw err;
      }
      resetBackoff();
      o.setOnline(true);
      const collided = (await o.replyCollided?.(entry, answer)) ?? false;
      changed(settle(entry, answer, collided));
    }
  }

  const drains = coalesced({
    task: drainOnce,
    retry: { policy: o.policy, random: o.random },
    signal: o.signal,
    onFailure: (err) => {
      if (isCorruptionError(err)) o.onCacheDamaged(err);
      else o.setOnline(false, errorMessage(err));
    },
  });
  // Never rejects: a failed drain is retried by the runner.
  const drain = (): Promise<void> => drains.run().catch(() => undefined);

  return {
    act(action) {
      const now = o.now();
      const notBefore = action.type === 'merge' && mergeUndoMs > 0 ? new Date(now.getTime() + mergeUndoMs) : undefined;
      const result = outbox.act(action, { actor: o.actor, now, notBefore });
      if (!result.accepted) return { accepted: false, reason: result.reason, message: result.message };
      if (result.change !== null) changed(result.change);
      void drain();
      return { accepted: true, actionId: result.actionId };
    },

    resolve(actionId, choice) {
      changed(outbox.resolve(actionId, choice, { now: o.now() }));
      // An undone merge no longer holds the entries behind it.
      if (choice !== 'keep-theirs') void drain();
    },

    drain,

    announce() {
      o.emit({ type: 'outbox', ...outbox.counts(), ticketIds: [] });
    },

    refuseAll(reason, message) {
      let refused = 0;
      // nextToSend walks the waiting entries oldest first; a refused one is no longer among them.
      for (let next = outbox.nextToSend(o.actor); next !== null; next = outbox.nextToSend(o.actor)) {
        changed(outbox.reject(next.actionId, { reason, message, current: null }, o.now()));
        refused += 1;
      }
      return refused;
    },

    stop() {
      if (heldTimer !== null) clearTimeout(heldTimer);
      heldTimer = null;
      return drains.stop();
    },
  };
}
