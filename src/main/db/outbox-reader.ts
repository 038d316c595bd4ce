/** The read side of the outbox: what the UI shows of the agent's actions on their way to the backend. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutboxEntryView } from '../../shared/ipc.js';
import type { OutboxCounts, OutboxReader, OutboxTicketState } from './outbox-types.js';
import { ENTRY_COLUMNS, entryFromRow } from './outbox-writer.js';
import type { EntryRow } from './outbox-writer.js';

/** SQLite's default limit on bound parameters is 32766; queue windows ask for a few hundred at most. */
const IDS_PER_QUERY = 500;

export function createOutboxReader(db: Database): OutboxReader {
  const ofTicket = db.prepare(`SELECT ${ENTRY_COLUMNS} FROM outbox WHERE ticket_id = ? ORDER BY seq`);
  const counts = db.prepare(
    `SELECT coalesce(sum(state IN ('pending', 'sending')), 0) AS pending,
            coalesce(sum(state IN ('conflict', 'rejected')), 0) AS needsAttention FROM outbox`,
  );
  const empty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM outbox)').pluck();

  return {
    outboxFor(ticketId): OutboxEntryView[] {
      return (ofTicket.all(ticketId) as EntryRow[]).map((r) => {
        const e = entryFromRow(r);
        return {
          actionId: e.actionId,
          ticketId: e.ticketId,
          action: e.action,
          state: e.state,
          reason: e.reason,
          message: e.message,
          theirs: e.theirs,
          createdAt: e.createdAt,
        };
      });
    },

    outboxCounts(): OutboxCounts {
      return counts.get() as OutboxCounts;
    },

    outboxStateByTicket(ids) {
      const out = new Map<string, OutboxTicketState>();
      // Almost always empty: spare the queue window a query per page.
      if (ids.length === 0 || (empty.get() as number) === 1) return out;
      for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
        const chunk = ids.slice(i, i + IDS_PER_QUERY);
        const rows = db
          .prepare(
            `SELECT ticket_id AS id, max(state IN ('pending', 'sending')) AS pending,
                    max(state IN ('conflict', 'rejected')) AS needsAttention
               FROM outbox WHERE ticket_id IN (${chunk.map(() => '?').join(', ')}) GROUP BY ticket_id`,
          )
          .all(...chunk) as { id: string; pending: number; needsAttention: number }[];
        for (const r of rows) out.set(r.id, { pending: r.pending === 1, needsAttention: r.needsAttention === 1 });
      }
      return out;
    },
  };
}
