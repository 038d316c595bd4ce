/**
 * A 409 `stale_version` says only that the ticket's version moved since the
 * agent acted. When the fields the action changes still hold, in the record
 * as it is now, the values the agent acted on, nobody touched what the agent
 * changed: the action is moved on top of the record now and sent again,
 * without asking anyone. Once only: a second 409 for the resent action is a
 * conflict the agent decides.
 */
import type { OutboxJournal } from './outbox-journal.js';
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { fieldsMovedUnder } from '../../shared/action-fields.js';
import type { Ticket } from '../../shared/entities.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import type { OutboxRebaser } from './outbox-rebase.js';
import type { OutboxChange } from './outbox-types.js';
import { ENTRY_COLUMNS, entryFromRow } from './outbox-writer.js';
import type { EntryRow } from './outbox-writer.js';
import type { ApplyResult } from './types.js';

export interface OutboxConflictRebase {
  /**
   * Moves the entry onto `current` under a new Idempotency-Key (a key never
   * travels with two bodies) and back to pending, in one transaction with
   * `current` written to the cache. Null, with nothing written, when it is a
   * real conflict: a field the action changes moved, the entry was resent
   * once already, or the values it was based on are unknown.
   */
  rebaseOnCurrent(actionId: string, current: Ticket, opts: { now: Date; newActionId?: string }): OutboxChange | null;
}

export interface OutboxConflictRebaseDeps {
  rebaser: OutboxRebaser;
  /** The feed's version-guarded write of records (with the rebase hook), inside the caller's transaction. */
  applyRecords(changes: readonly ValidChange[]): ApplyResult;
  /** The outbox journal (outbox-journal.ts): the entry changes key and base, which a restore must know. */
  journal?: OutboxJournal | null;
}

export function createOutboxConflictRebase(db: Database, deps: OutboxConflictRebaseDeps): OutboxConflictRebase {
  const { rebaser } = deps;
  const byId = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM outbox WHERE action_id = ?`);
  const wasRebased = db.prepare('SELECT EXISTS (SELECT 1 FROM outbox_rebased WHERE action_id = ?)').pluck();
  const markRebased = db.prepare('INSERT INTO outbox_rebased (action_id) VALUES (?)');
  // The marks of entries that have left the outbox (confirmed, resolved) are of no further use.
  const forgetGone = db.prepare('DELETE FROM outbox_rebased WHERE action_id NOT IN (SELECT action_id FROM outbox)');
  // The entry keeps its place (seq) among the ticket's entries: the order the agent acted in is the order sent.
  const moveOnto = db.prepare(
    `UPDATE outbox SET action_id = ?, base_version = ?, state = 'pending', attempts = 0, updated_at = ?
     WHERE action_id = ? AND state IN ('pending', 'sending')`,
  );

  const tx = db.transaction((actionId: string, current: Ticket, now: Date, newId: string): OutboxChange | null => {
    const r = byId.get(actionId) as EntryRow | undefined;
    if (r === undefined) return null;
    const entry = entryFromRow(r);
    if (entry.state !== 'pending' && entry.state !== 'sending') return null;
    if (entry.ticketId !== current.id || current.version <= entry.baseVersion) return null;
    if ((wasRebased.get(actionId) as number) === 1) return null;
    const base = rebaser.history.at(entry.ticketId, entry.baseVersion);
    if (base === null || fieldsMovedUnder(entry.action, base, current).length > 0) return null;
    const applied = deps.applyRecords([
      { op: 'upsert', kind: 'ticket', id: current.id, version: current.version, record: current },
    ]);
    moveOnto.run(newId, current.version, now.toISOString(), actionId);
    // Inside the transaction: a restore must send the new key, never the old one the backend refused.
    deps.journal?.append([
      { t: 'settled', actionId },
      {
        t: 'added',
        entry: {
          actionId: newId,
          ticketId: entry.ticketId,
          actor: entry.actor,
          action: entry.action,
          baseVersion: current.version,
          createdAt: entry.createdAt,
          notBefore: entry.notBefore,
        },
      },
    ]);
    markRebased.run(newId);
    forgetGone.run();
    rebaser.settle(entry.ticketId);
    return { ticketIds: [entry.ticketId], applied };
  });

  return {
    rebaseOnCurrent(actionId, current, opts) {
      return tx.immediate(actionId, current, opts.now, opts.newActionId ?? randomUUID());
    },
  };
}
