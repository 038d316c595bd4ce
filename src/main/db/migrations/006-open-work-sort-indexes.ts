import type { Migration } from './types.js';

/**
 * The oldest-first and priority indexes of migration 003 cover open work
 * only (shared/queue-sort.ts: those orders are offered for new, open and
 * pending tickets). At 1M tickets the open ones are a few percent: eight
 * full-size B-trees were rebuilt by sorting after every bootstrap and
 * touched by every insert, for orders nobody used on closed tickets.
 *
 * Same names, now partial. The WHERE is ACTIVE_STATUS_SQL verbatim, which
 * queries repeat so the planner may use them. If a bulk load is under way
 * (bulk-indexes.ts keeps the dropped indexes' SQL in meta to build them
 * again), those stored definitions are forgotten: the partial ones below
 * replace them, and they stay during bulk loads.
 */
/** queue-queries.ts ACTIVE_STATUS_SQL as it was when this migration landed (a migration never changes). */
const OPEN_WORK = "(status = 'new' OR status = 'open' OR status = 'pending')";

const INDEXES: readonly [string, string][] = [
  ['tickets_status_age', 'status, created_at'],
  ['tickets_category_age', 'category_id, status, created_at'],
  ['tickets_assignee_age', 'assignee_id, status, created_at'],
  ['tickets_level_age', 'level, status, created_at'],
  ['tickets_status_prio', 'status, priority_rank, updated_at'],
  ['tickets_category_prio', 'category_id, status, priority_rank, updated_at'],
  ['tickets_assignee_prio', 'assignee_id, status, priority_rank, updated_at'],
  ['tickets_level_prio', 'level, status, priority_rank, updated_at'],
];

/** Written for the bulk-load bookkeeping of bulk-indexes.ts at the time of this migration. */
const SUSPENDED_KEY = 'suspended_queue_indexes';
/** The bulk-load twins of these eight (bulk-indexes.ts before this migration): the new ones make them redundant. */
const BULK_TWINS = [
  'bulk_active_status_age',
  'bulk_active_category_age',
  'bulk_active_assignee_age',
  'bulk_active_level_age',
  'bulk_active_status_prio',
  'bulk_active_category_prio',
  'bulk_active_assignee_prio',
  'bulk_active_level_prio',
];

export const migration006OpenWorkSortIndexes: Migration = {
  version: 6,
  name: 'open-work-sort-indexes',
  up(db) {
    const names = new Set(INDEXES.map(([name]) => name));
    const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SUSPENDED_KEY);
    if (typeof stored === 'string') {
      const kept = (JSON.parse(stored) as { name: string }[]).filter((r) => !names.has(r.name));
      db.prepare('UPDATE meta SET value = ? WHERE key = ?').run(JSON.stringify(kept), SUSPENDED_KEY);
    }
    for (const name of BULK_TWINS) db.exec(`DROP INDEX IF EXISTS ${name}`);
    for (const [name, columns] of INDEXES) {
      db.exec(`DROP INDEX IF EXISTS ${name}`);
      db.exec(`CREATE INDEX ${name} ON tickets (${columns}) WHERE ${OPEN_WORK}`);
    }
  },
};
