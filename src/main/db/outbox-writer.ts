/**
 * The write side of the outbox. Every method is one transaction that keeps
 * the outbox and the ticket rows consistent: an action is never shown
 * without being queued, an answer never removes an entry without writing
 * what the backend said.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Category, Ticket } from '../../shared/entities.js';
import { TicketAction } from '../../shared/ipc.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { refuseLocally } from '../../shared/ticket-actions.js';
import type { RuleLookups } from '../../shared/ticket-actions.js';
import type { JournalRecord, OutboxJournal } from './outbox-journal.js';
import type { OutboxRebaser } from './outbox-rebase.js';
import type {
  ActOptions,
  OutboxChange,
  OutboxCounts,
  OutboxEntry,
  OutboxState,
  OutboxWriter,
  Refusal,
} from './outbox-types.js';
import type { ApplyResult } from './types.js';

export interface EntryRow {
  seq: number;
  actionId: string;
  ticketId: string;
  actor: string;
  action: string;
  baseVersion: number;
  state: OutboxState;
  attempts: number;
  reason: string | null;
  message: string | null;
  theirs: string | null;
  notBefore: string | null;
  createdAt: string;
  updatedAt: string;
}

export const ENTRY_COLUMNS = `seq, action_id AS actionId, ticket_id AS ticketId, actor, action, base_version AS baseVersion,
  state, attempts, reason, message, theirs, not_before AS notBefore, created_at AS createdAt, updated_at AS updatedAt`;

export function entryFromRow(r: EntryRow): OutboxEntry {
  return {
    ...r,
    action: TicketAction.parse(JSON.parse(r.action)),
    // Written by this module from a record that passed the contract's schema.
    theirs: r.theirs === null ? null : (JSON.parse(r.theirs) as Ticket),
  };
}

export interface OutboxWriterDeps {
  rebaser: OutboxRebaser;
  /** The feed's version-guarded write of records (with the rebase hook), inside the caller's transaction. */
  applyRecords(changes: readonly ValidChange[]): ApplyResult;
  /**
   * Where each outbox change is also written, flushed before the change is
   * acknowledged (outbox-journal.ts); null for caches without one (bench, CLI).
   */
  journal: OutboxJournal | null;
}

const upsertOf = (t: Ticket): ValidChange => ({
  op: 'upsert',
  kind: 'ticket',
  id: t.id,
  version: t.version,
  record: t,
});

export function createOutboxWriter(db: Database, deps: OutboxWriterDeps): OutboxWriter {
  const { rebaser, journal } = deps;
  /** Inside the change's transaction: if the journal cannot be written, the change rolls back with it. */
  const record = (records: JournalRecord[]): void => {
    journal?.append(records);
  };
  const added = (
    entry: { actionId: string; ticketId: string; actor: string; action: TicketAction; baseVersion: number },
    at: string,
    notBefore: string | null,
  ): JournalRecord => ({ t: 'added', entry: { ...entry, createdAt: at, notBefore } });
  const byId = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM outbox WHERE action_id = ?`);
  const insert = db.prepare(
    `INSERT INTO outbox (action_id, ticket_id, actor, action, base_version, state, attempts, not_before, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  );
  const next = db.prepare(
    `SELECT ${ENTRY_COLUMNS} FROM outbox WHERE actor = ? AND state IN ('pending', 'sending') ORDER BY seq LIMIT 1`,
  );
  const sending = db.prepare(
    `UPDATE outbox SET state = 'sending', attempts = attempts + 1, updated_at = ?
     WHERE action_id = ? AND state IN ('pending', 'sending') RETURNING ${ENTRY_COLUMNS}`,
  );
  const backToPending = db.prepare(
    "UPDATE outbox SET state = 'pending', updated_at = ? WHERE action_id = ? AND state = 'sending'",
  );
  const remove = db.prepare('DELETE FROM outbox WHERE action_id = ?');
  // Only entries never sent: a key must never travel with two different bodies (the backend would refuse it).
  const moveBase = db.prepare(
    `UPDATE outbox SET base_version = ?, updated_at = ?
     WHERE ticket_id = ? AND base_version = ? AND seq > ? AND state IN ('pending', 'sending') AND attempts = 0
     RETURNING action_id`,
  );
  const refuse = db.prepare(
    'UPDATE outbox SET state = ?, reason = ?, message = ?, theirs = ?, updated_at = ? WHERE action_id = ?',
  );
  const counts = db.prepare(
    `SELECT coalesce(sum(state IN ('pending', 'sending')), 0) AS pending,
            coalesce(sum(state IN ('conflict', 'rejected')), 0) AS needsAttention FROM outbox`,
  );
  const anyCategory = db.prepare('SELECT EXISTS (SELECT 1 FROM categories)').pluck();
  const category = db.prepare('SELECT id, names FROM categories WHERE id = ?');
  const anyAgent = db.prepare('SELECT EXISTS (SELECT 1 FROM agents)').pluck();
  const agent = db.prepare('SELECT id FROM agents WHERE id = ?');

  /**
   * What the cache knows of the records an action names. Before the first
   * categories and agents arrive it knows nothing: the rules that need them
   * are then left to the backend rather than refusing everything.
   */
  function lookups(): RuleLookups {
    const out: RuleLookups = { ticket: (id) => rebaser.row(id) };
    if ((anyCategory.get() as number) === 1)
      out.category = (id) => {
        const r = category.get(id) as { id: string; names: string } | undefined;
        return r === undefined ? null : { id: r.id, names: JSON.parse(r.names) as Category['names'] };
      };
    if ((anyAgent.get() as number) === 1) out.agent = (id) => (agent.get(id) as { id: string } | undefined) ?? null;
    return out;
  }

  const get = (actionId: string): OutboxEntry | null => {
    const r = byId.get(actionId) as EntryRow | undefined;
    return r === undefined ? null : entryFromRow(r);
  };

  const actTx = db.transaction((action: TicketAction, actionId: string, opts: ActOptions, check: boolean) => {
    const row = rebaser.row(action.ticketId);
    if (row === null)
      return {
        accepted: false as const,
        reason: 'not_found',
        message: `Ticket ${action.ticketId} is not in the cache.`,
      };
    const refusal = check ? refuseLocally(row, action, lookups()) : null;
    if (refusal !== null) return { accepted: false as const, ...refusal };
    // Without entries the row is exactly the backend's copy: it becomes the base the actions sit on.
    rebaser.ensureBase(row);
    const at = opts.now.toISOString();
    const notBefore = opts.notBefore?.toISOString() ?? null;
    insert.run(actionId, action.ticketId, opts.actor, JSON.stringify(action), row.version, notBefore, at, at);
    record([
      added(
        { actionId, ticketId: action.ticketId, actor: opts.actor, action, baseVersion: row.version },
        at,
        notBefore,
      ),
    ]);
    // The row is rebuilt from the base and every pending entry, this one last: one code path for every change.
    rebaser.settle(action.ticketId);
    return { accepted: true as const, actionId };
  });

  function refused(actionId: string, state: 'conflict' | 'rejected', refusal: Refusal, now: Date): OutboxChange {
    return db
      .transaction((): OutboxChange => {
        const entry = get(actionId);
        if (entry === null) return { ticketIds: [], applied: null };
        const theirs = state === 'conflict' && refusal.current !== null ? JSON.stringify(refusal.current) : null;
        refuse.run(state, refusal.reason, refusal.message, theirs, now.toISOString(), actionId);
        record([{ t: 'refused', actionId, state, reason: refusal.reason, message: refusal.message, theirs }]);
        const current = refusal.current?.id === entry.ticketId ? refusal.current : null;
        // The refused action leaves the row in this same transaction: current (when newer) + the remaining pending.
        const applied = current === null ? null : deps.applyRecords([upsertOf(current)]);
        rebaser.settle(entry.ticketId);
        return { ticketIds: [entry.ticketId], applied };
      })
      .immediate();
  }

  return {
    act(action, opts) {
      const actionId = opts.actionId ?? randomUUID();
      let result: ReturnType<typeof actTx>;
      try {
        result = actTx.immediate(action, actionId, opts, opts.skipLocalRules !== true);
      } catch (err) {
        // The journal may hold the entry while the commit failed: the person was told it failed, so it must not be sent.
        if (journal?.unsettled().some((u) => u.actionId === actionId) === true)
          journal.append([{ t: 'settled', actionId }]);
        throw err;
      }
      return { ...result, change: result.accepted ? { ticketIds: [action.ticketId], applied: null } : null };
    },

    nextToSend(actor) {
      const r = next.get(actor) as EntryRow | undefined;
      return r === undefined ? null : entryFromRow(r);
    },

    markSending(actionId, now) {
      const r = sending.get(now.toISOString(), actionId) as EntryRow | undefined;
      return r === undefined ? null : entryFromRow(r);
    },

    markPending(actionId, now) {
      backToPending.run(now.toISOString(), actionId);
    },

    confirm(actionId, changes) {
      return db
        .transaction((): OutboxChange => {
          const entry = get(actionId);
          const ticketIds = new Set<string>();
          const rebased: JournalRecord[] = [];
          /** Moves never-sent entries onto `version`, and journals which moved. */
          const moveOnto = (version: number, ticketId: string, from: number, afterSeq: number): void => {
            const moved = moveBase.pluck().all(version, new Date().toISOString(), ticketId, from, afterSeq) as string[];
            if (moved.length > 0) rebased.push({ t: 'rebased', actionIds: moved, baseVersion: version });
          };
          if (entry !== null) {
            remove.run(actionId);
            ticketIds.add(entry.ticketId);
            const mine = changes.find((c) => c.op === 'upsert' && c.kind === 'ticket' && c.id === entry.ticketId);
            // The agent saw this action's effect when taking the later ones: they build on the confirmed version.
            if (mine !== undefined && mine.op === 'upsert')
              moveOnto(mine.version, entry.ticketId, entry.baseVersion, entry.seq);
            // A merge also moves its target one version on: the actions taken on it after the merge build on it too.
            for (const c of changes)
              if (c.op === 'upsert' && c.kind === 'ticket' && c.id !== entry.ticketId)
                moveOnto(c.version, c.id, c.version - 1, entry.seq);
          }
          // Also when the entry is already gone: a journal restored from before this answer may still hold it.
          record([{ t: 'settled', actionId }, ...rebased]);
          const applied = deps.applyRecords(changes);
          for (const c of changes) if (c.kind === 'ticket') ticketIds.add(c.id);
          // The feed may have delivered this version first (no write above): rebuild without the confirmed entry anyway.
          for (const id of ticketIds) rebaser.settle(id);
          return { ticketIds: [...ticketIds], applied };
        })
        .immediate();
    },

    conflict(actionId, refusal, now) {
      return refused(actionId, 'conflict', refusal, now);
    },

    reject(actionId, refusal, now) {
      return refused(actionId, 'rejected', refusal, now);
    },

    resolve(actionId, choice, opts) {
      return db
        .transaction((): OutboxChange => {
          const entry = get(actionId);
          if (entry === null) throw new Error(`No outbox entry ${actionId}`);
          if (choice === 'undo') {
            // Once a request may have left, only the backend's answer can take the entry out.
            if (entry.state !== 'pending' || entry.attempts > 0)
              throw new Error(`Outbox entry ${actionId} has been sent: it can no longer be undone`);
            remove.run(actionId);
            record([{ t: 'settled', actionId }]);
            rebaser.settle(entry.ticketId);
            return { ticketIds: [entry.ticketId], applied: null };
          }
          if (entry.state !== 'conflict' && entry.state !== 'rejected')
            throw new Error(`Outbox entry ${actionId} is ${entry.state}: only a refused action can be resolved`);
          remove.run(actionId);
          const records: JournalRecord[] = [{ t: 'settled', actionId }];
          if (choice === 'apply-mine-again') {
            // A new action on top of what the agent now sees: new key, base = the backend's copy under the row.
            const base = rebaser.base(entry.ticketId)?.version ?? entry.theirs?.version ?? entry.baseVersion;
            const at = opts.now.toISOString();
            const newId = opts.newActionId ?? randomUUID();
            insert.run(newId, entry.ticketId, entry.actor, JSON.stringify(entry.action), base, null, at, at);
            records.push(added({ ...entry, actionId: newId, baseVersion: base }, at, null));
          }
          record(records);
          rebaser.settle(entry.ticketId);
          return { ticketIds: [entry.ticketId], applied: null };
        })
        .immediate();
    },

    counts(): OutboxCounts {
      return counts.get() as OutboxCounts;
    },
  };
}
