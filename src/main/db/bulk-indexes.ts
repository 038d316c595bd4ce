/**
 * Bulk-load mode for a bootstrap's history phase.
 *
 * Keeping the five ticket queue indexes while ~900k history rows arrive
 * makes every insert touch five B-trees: measured 4x slower in total than
 * dropping them, loading, and building them again by sorting (100k real
 * tickets: 6.9 s against 1.8 s including the rebuild). So the history phase
 * runs without them, and small partial indexes over the active statuses
 * (new/open/pending: the queues people use while history loads, and few
 * history rows touch them) keep those queues on an index meanwhile. Queue
 * queries repeat ACTIVE_STATUS_SQL verbatim so SQLite may pick a partial index.
 *
 * The per-row insert triggers go too (~25% of the remaining insert cost):
 * the cache writer counts the tickets it inserts itself (bulk-counts.ts),
 * otherwise counts are recomputed with GROUP BY at the end; the FTS insert
 * trigger can only fire for rows at or below the search watermark, which is 0
 * during a bootstrap (it stays when it is not).
 *
 * The dropped objects' own SQL is kept in meta, in the same transaction as the
 * drop, so a crash mid-history loses nothing and later migrations that change
 * one of them are honoured.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ACTIVE_STATUS_SQL } from './queue-queries.js';

const QUEUE_INDEXES = [
  'tickets_category_queue',
  'tickets_assignee_queue',
  'tickets_status_queue',
  'tickets_account',
  // Requester lookups (migration 003). The age and priority indexes are partial over open work since
  // migration 006: history rows hardly touch them, so they stay.
  'tickets_requester',
  // The search's exact lookups by the requester's address and its domain (migration 011).
  'tickets_requester_email_ci',
  'tickets_requester_domain',
] as const;

const COUNT_TRIGGER = 'tickets_count_insert';
/** Migration 003's facet counts: recounted like ticket_counts after the load. */
const FACETS_TRIGGER = 'tickets_facets_insert';
const FTS_INSERT_TRIGGER = 'ticket_bodies_fts_insert';

const ACTIVE_INDEXES: readonly [string, string][] = [
  ['bulk_active_category', 'category_id, status, updated_at'],
  ['bulk_active_assignee', 'assignee_id, status, updated_at'],
  ['bulk_active_status', 'status, updated_at'],
  ['bulk_active_level', 'level, status, updated_at'],
];

const META_KEY = 'suspended_queue_indexes';
const SCOPE_KEY = 'suspended_queue_scope';
/** Set when the caller adds every inserted ticket to the counts itself (bulk-counts.ts): no recount at the end. */
const COUNTS_KEPT_KEY = 'suspended_counts_kept';

/**
 * `history`: the full-size queue indexes go (history rows are mostly solved
 * or closed: the partial open-work indexes stay). `urgent`: the first phase
 * of a large bootstrap is nearly all open work, so every other index on
 * tickets goes too and the rows touch only the four small updated-order
 * indexes; everything is built by sorting before "urgent ready", when the
 * queues become usable (they show the first sync's progress until then).
 */
export type BulkScope = 'history' | 'urgent';

export function bulkLoadActive(db: Database): boolean {
  return db.prepare('SELECT 1 FROM meta WHERE key = ?').get(META_KEY) !== undefined;
}

export function bulkLoadScope(db: Database): BulkScope | null {
  if (!bulkLoadActive(db)) return null;
  return db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(SCOPE_KEY) === 'urgent' ? 'urgent' : 'history';
}

function secondaryTicketIndexes(db: Database): string[] {
  return db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL AND name NOT LIKE 'bulk_active_%'",
    )
    .pluck()
    .all() as string[];
}

/**
 * Swaps the queue indexes for partial active-status ones and drops the insert triggers. Inside a write transaction.
 * `countsKept`: the caller adds every ticket it inserts meanwhile to ticket_counts and ticket_facets itself
 * (bulk-counts.ts), so the end of the load need not recount them.
 */
export function suspendQueueIndexes(db: Database, scope: BulkScope = 'history', countsKept = false): void {
  if (bulkLoadActive(db)) return;
  const watermark = db.prepare("SELECT value FROM meta WHERE key = 'fts_indexed_upto'").pluck().get();
  const names: string[] = [
    ...(scope === 'urgent' ? secondaryTicketIndexes(db) : QUEUE_INDEXES),
    COUNT_TRIGGER,
    FACETS_TRIGGER,
    ...(watermark === 0 ? [FTS_INSERT_TRIGGER] : []),
  ];
  const rows = db
    .prepare(`SELECT type, name, sql FROM sqlite_schema WHERE name IN (${names.map(() => '?').join(', ')})`)
    .all(...names) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const [name, columns] of ACTIVE_INDEXES) {
    db.exec(`CREATE INDEX IF NOT EXISTS ${name} ON tickets (${columns}) WHERE ${ACTIVE_STATUS_SQL}`);
  }
  // With statistics for the other indexes (ANALYZE ran), the new ones need theirs too, or the planner may prefer
  // a partial age index and sort. Cheap: they hold only the open tickets.
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined)
    for (const [name] of ACTIVE_INDEXES) db.exec(`ANALYZE ${name}`);
  for (const r of rows) db.exec(`DROP ${r.type === 'index' ? 'INDEX' : 'TRIGGER'} ${r.name}`);
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(META_KEY, JSON.stringify(rows));
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run(SCOPE_KEY, scope);
  if (countsKept) db.prepare('INSERT INTO meta (key, value) VALUES (?, 1)').run(COUNTS_KEPT_KEY);
}

/**
 * Builds the full queue indexes again (by sorting: seconds at 1M rows),
 * restores the triggers, recounts, and drops the partial indexes. Inside a
 * write transaction.
 */
export function restoreQueueIndexes(db: Database): void {
  const stored = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(META_KEY);
  if (typeof stored !== 'string') return;
  const rows = JSON.parse(stored) as { type: 'index' | 'trigger'; name: string; sql: string }[];
  for (const r of rows) db.exec(r.sql.replace(/^CREATE (INDEX|TRIGGER) /i, 'CREATE $1 IF NOT EXISTS '));
  const countsKept = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(COUNTS_KEPT_KEY) === 1;
  if (!countsKept && rows.some((r) => r.name === COUNT_TRIGGER)) {
    db.exec('DELETE FROM ticket_counts');
    db.exec(
      'INSERT INTO ticket_counts (category_id, status, n) SELECT category_id, status, count(*) FROM tickets GROUP BY 1, 2',
    );
  }
  if (!countsKept && rows.some((r) => r.name === FACETS_TRIGGER)) {
    db.exec('DELETE FROM ticket_facets');
    db.exec(
      "INSERT INTO ticket_facets (category_id, status, assignee_id, level, callback, chat, n) SELECT category_id, status, coalesce(assignee_id, ''), level, callback_phone IS NOT NULL, channel = 'chat', count(*) FROM tickets GROUP BY 1, 2, 3, 4, 5, 6",
    );
  }
  for (const [name] of ACTIVE_INDEXES) db.exec(`DROP INDEX IF EXISTS ${name}`);
  db.prepare('DELETE FROM meta WHERE key IN (?, ?, ?)').run(META_KEY, SCOPE_KEY, COUNTS_KEPT_KEY);
}
