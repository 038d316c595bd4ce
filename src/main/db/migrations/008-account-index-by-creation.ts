import type { Migration } from './types.js';

/**
 * An account's tickets are looked up by creation time (likely duplicates:
 * same account, same category, created close together), but the index was
 * (account_id, updated_at): the query had to bound updated_at instead, and
 * every change of a ticket's last-update time (every live change) moved its
 * entry in this full-size index. Keyed by created_at, which never changes,
 * the entry stays put and the duplicates query reads exactly its window.
 *
 * If a bulk load is under way, the suspended definition is replaced, so the
 * end of the load builds the new index instead of the old one.
 */
const SUSPENDED_KEY = 'suspended_queue_indexes';
const NEW_SQL = 'CREATE INDEX tickets_account ON tickets (account_id, created_at)';

export const migration008AccountIndexByCreation: Migration = {
  version: 8,
  name: 'account-index-by-creation',
  up(db) {
    const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SUSPENDED_KEY);
    if (typeof stored === 'string') {
      const rows = JSON.parse(stored) as { type: string; name: string; sql: string }[];
      const suspended = rows.some((r) => r.name === 'tickets_account');
      if (suspended) {
        const next = rows.map((r) => (r.name === 'tickets_account' ? { ...r, sql: NEW_SQL } : r));
        db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(next), SUSPENDED_KEY);
        return;
      }
    }
    db.exec('DROP INDEX IF EXISTS tickets_account');
    db.exec(NEW_SQL);
  },
};
