/**
 * Puts the journal's unsettled actions (outbox-journal.ts) back into the
 * outbox when the cache lost them: a rebuilt cache starts empty, a cache
 * whose WAL went missing lost its last transactions. Entries the outbox
 * still holds are left as they are; the missing ones are inserted in the
 * order they were taken, with their own keys (the backend replays its first
 * answer to a key it has seen, so an action it had already applied is not
 * applied twice) and as they last stood (pending, or refused with the
 * backend's reason so the person still sees it).
 */
import type { Database } from 'better-sqlite3';
import type { UnsettledAction } from './outbox-journal.js';
import type { OutboxRebaser } from './outbox-rebase.js';

export function restoreFromJournal(
  db: Database,
  rebaser: OutboxRebaser,
  unsettled: readonly UnsettledAction[],
): number {
  const held = db.prepare('SELECT EXISTS (SELECT 1 FROM outbox WHERE action_id = ?)').pluck();
  const insert = db.prepare(
    `INSERT INTO outbox (action_id, ticket_id, actor, action, base_version, state, attempts, reason, message, theirs,
       not_before, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
  );
  return db
    .transaction((): number => {
      const missing = unsettled.filter((u) => (held.get(u.actionId) as number) === 0);
      const tickets = new Set<string>();
      for (const u of missing) {
        // A ticket without entries shows the backend's copy: that becomes the base the restored actions sit on.
        const row = rebaser.row(u.ticketId);
        if (row !== null) rebaser.ensureBase(row);
        insert.run(
          u.actionId,
          u.ticketId,
          u.actor,
          JSON.stringify(u.action),
          u.baseVersion,
          u.state,
          u.reason,
          u.message,
          u.theirs,
          u.notBefore ?? null,
          u.createdAt,
          u.createdAt,
        );
        tickets.add(u.ticketId);
      }
      // Tickets not in the cache yet get their base from the feed (OutboxRebaser.serverTicketWritten).
      for (const id of tickets) rebaser.settle(id);
      return missing.length;
    })
    .immediate();
}
