import type { Migration } from './types.js';

/**
 * The only level any list filters on is 2 (the escalated view, views.ts,
 * which writes `level = 2` literally). The full-size (level, status,
 * updated_at) index held all 1M tickets to serve a few percent of them: it
 * was rebuilt by sorting after every bootstrap (~1.7 s at 1M) and moved on
 * every update of a ticket's last-update time (each delta pays for it).
 *
 * A partial index over level 2 replaces it. It is small, so a bulk load
 * keeps it (bulk-indexes.ts lists the full-size ones it suspends). If a bulk
 * load is under way, the stored definition of the old index is forgotten so
 * that the end of the load does not build it again.
 */
const SUSPENDED_KEY = 'suspended_queue_indexes';

export const migration007EscalatedQueueIndex: Migration = {
  version: 7,
  name: 'escalated-queue-index',
  up(db) {
    const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SUSPENDED_KEY);
    if (typeof stored === 'string') {
      const kept = (JSON.parse(stored) as { name: string }[]).filter((r) => r.name !== 'tickets_level_queue');
      db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(kept), SUSPENDED_KEY);
    }
    db.exec('DROP INDEX IF EXISTS tickets_level_queue');
    db.exec('CREATE INDEX tickets_escalated_queue ON tickets (status, updated_at) WHERE level = 2');
  },
};
