/**
 * Every backend copy a ticket's outbox base has been while the ticket has
 * entries (table `outbox_base_seen`, migration 011). An entry names the
 * version it sat on; once the feed has moved the base past it, only this
 * history still says what the agent saw when acting.
 */
import type { Database } from 'better-sqlite3';
import type { Ticket } from '../../shared/entities.js';

export interface OutboxBaseHistory {
  remember(ticket: Ticket): void;
  /** The copy the base was at `version`, or null when it never was (or was forgotten). */
  at(ticketId: string, version: number): Ticket | null;
  /** Drops the copies no entry of the ticket sits on any more (all of them once it has none). */
  prune(ticketId: string): void;
  /** Before a re-bootstrap: the copies belong to the data being dropped (perhaps another history). */
  forgetAll(): void;
}

export function createOutboxBaseHistory(db: Database): OutboxBaseHistory {
  const put = db.prepare(
    `INSERT INTO outbox_base_seen (ticket_id, version, record) VALUES (?, ?, ?)
     ON CONFLICT (ticket_id, version) DO NOTHING`,
  );
  const get = db.prepare('SELECT record FROM outbox_base_seen WHERE ticket_id = ? AND version = ?').pluck();
  // Entries are only ever moved to newer bases, so copies older than the oldest entry's base are never read again.
  const older = db.prepare(
    `DELETE FROM outbox_base_seen WHERE ticket_id = ?
     AND version < coalesce((SELECT min(base_version) FROM outbox WHERE ticket_id = ?), 9007199254740991)`,
  );
  const all = db.prepare('DELETE FROM outbox_base_seen');
  return {
    forgetAll() {
      all.run();
    },
    remember(ticket) {
      put.run(ticket.id, ticket.version, JSON.stringify(ticket));
    },
    at(ticketId, version) {
      const text = get.get(ticketId, version) as string | undefined;
      // Stored by this module from records that passed the contract's schema (feed, answers, rows).
      return text === undefined ? null : (JSON.parse(text) as Ticket);
    },
    prune(ticketId) {
      older.run(ticketId, ticketId);
    },
  };
}
