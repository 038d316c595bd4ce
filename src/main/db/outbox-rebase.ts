/**
 * Keeps a ticket row equal to "the backend's copy + the agent's pending
 * actions, in order". The backend's copy lives in `outbox_base` while the
 * ticket has outbox entries; the row is rebuilt from it whenever either side
 * moves (a server upsert, an action, an answer, a resolution), always inside
 * the caller's transaction.
 *
 * Invariant: the row's version is the base's version (local effects never
 * bump it), so the feed's version-guarded upsert still decides what is newer.
 *
 * A re-bootstrap forgets every base (`forgetBases`): the backend's copy is
 * whatever the new bootstrap delivers, which after a restore or a replaced
 * backend may be an older version or another ticket altogether. Kept, an old
 * base would outrank the new copy and show the lost state for good. A
 * ticket that still has entries takes the new copy as its base when the
 * feed delivers it; one the backend no longer has stays without a row.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Ticket } from '../../shared/entities.js';
import { TicketAction } from '../../shared/ipc.js';
import { applyLocally } from '../../shared/ticket-actions.js';
import {
  fromClause,
  mainColumns,
  recordToParams,
  recordToSideParams,
  rowToRecord,
  selectColumns,
  sideUpsertSql,
  TABLES,
} from './schema-map.js';
import { createOutboxBaseHistory } from './outbox-base-history.js';
import type { OutboxBaseHistory } from './outbox-base-history.js';

export interface OutboxRebaser {
  /** Whether any ticket has outbox entries: one cheap check per batch spares a lookup per feed record. */
  active(): boolean;
  /** The feed (or an answer) just wrote the backend's copy of a ticket to its row. */
  serverTicketWritten(ticket: Ticket): void;
  /** Rebuilds the row from the base and the pending entries; forgets the base once no entry is left. */
  settle(ticketId: string): void;
  /** The backend's copy under the row, or null when the ticket has no entries. */
  base(ticketId: string): Ticket | null;
  /** Before the first entry of a ticket: the row is the backend's copy (no entry, no local effect). */
  ensureBase(row: Ticket): void;
  /** The row as stored (with local effects), or null. */
  row(ticketId: string): Ticket | null;
  /** Before a re-bootstrap: the rows go, and so do the backend copies they were built on. */
  forgetBases(): void;
  /** The backend copies the base has been while the ticket has entries (a conflict's rebase reads them). */
  readonly history: OutboxBaseHistory;
}

/** The ticket upsert without the version guard: a rebuilt row has the base's version but other fields. */
function forceUpsertSql(): string {
  const spec = TABLES.ticket;
  const cols = mainColumns(spec).map((c) => c.column);
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} RETURNING rid`
  );
}

/** The later of two instants: a replayed action must not move a ticket back in "last updated" order. */
function later(a: string, b: string): Date {
  return new Date(Math.max(Date.parse(a), Date.parse(b)));
}

export function createOutboxRebaser(db: Database): OutboxRebaser {
  const spec = TABLES.ticket;
  // Entries without a base exist between a re-bootstrap and the feed's copy of their ticket.
  const anyEntryOrBase = db
    .prepare('SELECT EXISTS (SELECT 1 FROM outbox_base) OR EXISTS (SELECT 1 FROM outbox)')
    .pluck();
  const getBase = db.prepare('SELECT record FROM outbox_base WHERE ticket_id = ?').pluck();
  const putBase = db.prepare(
    `INSERT INTO outbox_base (ticket_id, version, record) VALUES (?, ?, ?)
     ON CONFLICT (ticket_id) DO UPDATE SET version = excluded.version, record = excluded.record`,
  );
  const dropBase = db.prepare('DELETE FROM outbox_base WHERE ticket_id = ?');
  const dropAllBases = db.prepare('DELETE FROM outbox_base');
  const pendingOf = db.prepare(
    "SELECT action, actor, created_at AS createdAt FROM outbox WHERE ticket_id = ? AND state IN ('pending', 'sending') ORDER BY seq",
  );
  const hasEntries = db.prepare('SELECT EXISTS (SELECT 1 FROM outbox WHERE ticket_id = ?)').pluck();
  const rowOf = db.prepare(`SELECT ${selectColumns(spec)} FROM ${fromClause(spec)} WHERE t.id = ?`);
  const rowExists = db.prepare(`SELECT EXISTS (SELECT 1 FROM ${spec.table} WHERE id = ?)`).pluck();
  const forceUpsert = db.prepare(forceUpsertSql());
  const sideSql = sideUpsertSql(spec);
  if (sideSql === null) throw new Error('tickets are expected to keep their bodies in a side table');
  const sideUpsert = db.prepare(sideSql);
  const history = createOutboxBaseHistory(db);

  function base(ticketId: string): Ticket | null {
    const text = getBase.get(ticketId) as string | undefined;
    // Stored by this module from records that passed the contract's schema (feed, answers, rows).
    return text === undefined ? null : (JSON.parse(text) as Ticket);
  }

  function setBase(ticket: Ticket): void {
    putBase.run(ticket.id, ticket.version, JSON.stringify(ticket));
    history.remember(ticket);
  }

  function writeRow(ticket: Ticket): void {
    const written = forceUpsert.get(recordToParams(spec, ticket)) as { rid: number };
    sideUpsert.run(written.rid, ...recordToSideParams(spec, ticket));
  }

  function settle(ticketId: string): void {
    const server = base(ticketId);
    if (server === null) return;
    // A ticket the backend deleted stays deleted: its entries will be refused (404), not resurrect the row.
    if ((rowExists.get(ticketId) as number) === 1) {
      let view = server;
      for (const e of pendingOf.all(ticketId) as { action: string; actor: string; createdAt: string }[]) {
        const action = TicketAction.parse(JSON.parse(e.action));
        view = applyLocally(view, action, e.actor, later(view.updatedAt, e.createdAt));
      }
      writeRow(view);
    }
    if ((hasEntries.get(ticketId) as number) === 0) dropBase.run(ticketId);
    history.prune(ticketId);
  }

  return {
    history,
    active: () => (anyEntryOrBase.get() as number) === 1,
    serverTicketWritten(ticket) {
      const held = base(ticket.id);
      if (held === null) {
        // The first copy since a re-bootstrap of a ticket with entries: the base its pending actions go back on.
        if ((hasEntries.get(ticket.id) as number) === 0) return;
        setBase(ticket);
      } else if (ticket.version >= held.version) setBase(ticket);
      settle(ticket.id);
    },
    settle,
    base,
    ensureBase(row) {
      if (getBase.get(row.id) === undefined) setBase(row);
    },
    row(ticketId) {
      const r = rowOf.get(ticketId) as Record<string, unknown> | undefined;
      return r === undefined ? null : rowToRecord('ticket', r);
    },
    forgetBases() {
      dropAllBases.run();
      history.forgetAll();
    },
  };
}
