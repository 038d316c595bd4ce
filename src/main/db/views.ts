/**
 * SQL of the queue views: a window of rows for a view × optional
 * category × status set × sort, its total, the open work per view, and
 * search combined with the same filters.
 *
 * Rows: one leg per status joined by UNION ALL and merged in order (as in
 * queue-queries.ts), each leg a range scan of an index that ends in the sort
 * columns (migration 003), so no query sorts. The window is two steps: rids
 * from the index (covering, cheap to skip over for OFFSET), then the rows by
 * rid. Totals never COUNT rows: they sum the facet table.
 */
import { TICKET_STATUSES } from '../../shared/entities.js';
import type { TicketStatus } from '../../shared/entities.js';
import type { QueueWindowQuery, ViewId } from '../../shared/ipc.js';
import { addDays, zurichDay, zurichInstant } from '../../shared/callbacks/calendar.js';
import { effectiveSort } from '../../shared/queue-sort.js';
import { TERMINATION_CATEGORY_ID } from '../../shared/ticket-actions.js';
import { ACTIVE_STATUS_SQL, ACTIVE_STATUSES } from './queue-queries.js';
import type { BuiltQuery } from './queue-queries.js';
import type { SqlValue } from './schema-map.js';

export type QueueSortId = QueueWindowQuery['sort'];

/** What a view filters on; `me` is the signed-in agent (null before sign-in: "mine" is empty). */
export interface ViewFilter {
  view: ViewId;
  categoryId: string | null;
  statuses: readonly TicketStatus[];
  me: string | null;
}

interface Terms {
  sql: string[];
  params: SqlValue[];
}

/** Tickets with a call still scheduled today (Zurich day of `now`); few rows, found through callbacks_status_day. */
const CALLBACKS_TODAY_SQL =
  "rid IN (SELECT tt.rid FROM callbacks c JOIN tickets tt ON tt.id = c.ticket_id WHERE c.status = 'scheduled' AND c.starts_at >= ? AND c.starts_at < ?)";

/**
 * The status column as a view's queries test it. For "callbacks today" the few tickets with a call drive the
 * query by rid: with a bare `status`, SQLite walked every open ticket of a status index to test each against
 * the list (97,000 entries, 17–24 ms at 1M tickets, on every count); the unary + keeps it off those indexes.
 */
function statusColumn(f: ViewFilter): string {
  return f.view === 'callbacks-today' ? '+status' : 'status';
}

export function todayBounds(now: Date): [string, string] {
  const day = zurichDay(now);
  return [zurichInstant(day, 0).toISOString(), zurichInstant(addDays(day, 1), 0).toISOString()];
}

/** Row predicates of a view on `tickets`; null when the view cannot match anything. */
export function viewRowTerms(f: ViewFilter): Terms | null {
  const sql: string[] = [];
  const params: SqlValue[] = [];
  switch (f.view) {
    case 'all':
      break;
    case 'unassigned':
      sql.push('assignee_id IS NULL');
      break;
    case 'mine':
      if (f.me === null) return null;
      sql.push('assignee_id = ?');
      params.push(f.me);
      break;
    case 'escalated':
      sql.push('level = 2');
      break;
    case 'callback':
      // Verbatim as in the partial indexes' WHERE, so they qualify.
      sql.push('callback_phone IS NOT NULL');
      break;
    case 'callbacks-today':
      sql.push(CALLBACKS_TODAY_SQL);
      params.push(...todayBounds(new Date()));
      break;
    case 'chat-termination':
      sql.push("channel = 'chat'", 'category_id = ?');
      params.push(TERMINATION_CATEGORY_ID);
      break;
  }
  if (f.categoryId !== null) {
    sql.push('category_id = ?');
    params.push(f.categoryId);
  }
  return { sql, params };
}

/** The same view on `ticket_facets` (unassigned is stored as ''). */
function viewFacetTerms(f: ViewFilter): Terms | null {
  const rowTerms = viewRowTerms(f);
  if (rowTerms === null) return null;
  const sql = rowTerms.sql.map((t) =>
    t
      .replace('assignee_id IS NULL', "assignee_id = ''")
      .replace('callback_phone IS NOT NULL', 'callback = 1')
      .replace("channel = 'chat'", 'chat = 1'),
  );
  return { sql, params: rowTerms.params };
}

const uniqueStatuses = (statuses: readonly TicketStatus[]): TicketStatus[] => [...new Set(statuses)];
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/** Exact number of tickets in a view (no search), from the facet table. */
export function buildViewTotal(f: ViewFilter): BuiltQuery | null {
  const statuses = uniqueStatuses(f.statuses);
  if (f.view === 'callbacks-today') {
    // Not a facet: counted from the few tickets that have a call today.
    const rows = viewRowTerms(f);
    if (rows === null || statuses.length === 0) return null;
    return {
      sql: `SELECT count(*) FROM tickets WHERE ${statusColumn(f)} IN (${placeholders(statuses.length)})${rows.sql.map((t) => ` AND ${t}`).join('')}`,
      params: [...statuses, ...rows.params],
    };
  }
  const terms = viewFacetTerms(f);
  if (terms === null || statuses.length === 0) return null;
  return {
    sql: `SELECT coalesce(sum(n), 0) FROM ticket_facets WHERE status IN (${placeholders(statuses.length)})${terms.sql
      .map((t) => ` AND ${t}`)
      .join('')}`,
    params: [...statuses, ...terms.params],
  };
}

/** Open work (new, open, pending) in every view at once: one pass over the facet table. */
export function buildViewCounts(me: string | null): BuiltQuery {
  return {
    sql: `SELECT coalesce(sum(n), 0) AS "all",
                 coalesce(sum(CASE WHEN assignee_id = '' THEN n END), 0) AS unassigned,
                 coalesce(sum(CASE WHEN assignee_id = ? THEN n END), 0) AS mine,
                 coalesce(sum(CASE WHEN level = 2 THEN n END), 0) AS escalated,
                 coalesce(sum(CASE WHEN callback = 1 THEN n END), 0) AS callback,
                 coalesce(sum(CASE WHEN chat = 1 AND category_id = ? THEN n END), 0) AS "chat-termination",
                 (SELECT count(*) FROM tickets WHERE +status IN (${placeholders(ACTIVE_STATUSES.length)})
                     AND ${CALLBACKS_TODAY_SQL}) AS "callbacks-today"
            FROM ticket_facets WHERE status IN (${placeholders(ACTIVE_STATUSES.length)})`,
    // '' never matches a real agent id, so "mine" is 0 before sign-in.
    params: [
      me ?? '\u0000',
      TERMINATION_CATEGORY_ID,
      ...ACTIVE_STATUSES,
      ...todayBounds(new Date()),
      ...ACTIVE_STATUSES,
    ],
  };
}

interface SortSpec {
  keys: string[];
  desc: boolean;
}

export const SORTS: Readonly<Record<QueueSortId, SortSpec>> = {
  updated: { keys: ['updated_at'], desc: true },
  // Oldest first: the ticket waiting longest is served first.
  age: { keys: ['created_at'], desc: false },
  priority: { keys: ['priority_rank', 'updated_at'], desc: true },
};

export interface WindowSpec {
  offset: number;
  limit: number;
  /** Walk the index from the other end (the caller reverses the rows): deep offsets near the end stay cheap. */
  reverse?: boolean;
}

/**
 * Rids of one window of a view, in sort order (reversed when `reverse`).
 * Oldest-first and priority apply to open work only (shared/queue-sort.ts):
 * their indexes are partial over the open statuses (migration 006), so each
 * leg repeats ACTIVE_STATUS_SQL for them to qualify.
 */
export function buildViewWindow(
  f: ViewFilter,
  sort: QueueSortId,
  w: WindowSpec,
  bulkLoading = false,
): BuiltQuery | null {
  const terms = viewRowTerms(f);
  const statuses = uniqueStatuses(f.statuses);
  if (terms === null || statuses.length === 0) return null;
  const applied = effectiveSort(sort, statuses);
  const spec = SORTS[applied];
  const desc = spec.desc !== (w.reverse === true);
  const dir = desc ? 'DESC' : 'ASC';
  const keyCols = spec.keys.map((k, i) => `${k} AS k${i}`).join(', ');
  const legs = statuses.map((status) => {
    // Partial active-status indexes (always for age and priority, for every sort during a bulk load) qualify
    // only when the query repeats their WHERE.
    // Not for "callbacks today", whose few rows are found by rid (statusColumn).
    const partial = (bulkLoading || applied !== 'updated') && f.view !== 'callbacks-today';
    const active = partial && (ACTIVE_STATUSES as readonly string[]).includes(status) ? [ACTIVE_STATUS_SQL] : [];
    const where = [...terms.sql, `${statusColumn(f)} = ?`, ...active].join(' AND ');
    return { sql: `SELECT rid, ${keyCols} FROM tickets WHERE ${where}`, params: [...terms.params, status] };
  });
  const orderBy = [...spec.keys.map((_, i) => `k${i} ${dir}`), `rid ${dir}`].join(', ');
  return {
    sql: `${legs.map((l) => l.sql).join(' UNION ALL ')} ORDER BY ${orderBy} LIMIT ? OFFSET ?`,
    params: [...legs.flatMap((l) => l.params), w.limit, w.offset],
  };
}

/** Search results are capped: a word in every ticket must not make each keystroke count 1M rows. */
export const SEARCH_CAP = 10_000;

/**
 * FTS match ∩ view filters, newest first (rowid order: bm25 over a common
 * word at 1M rows takes seconds). `snippet(…, -1, …)` lets FTS5 pick the
 * column that matched (subject or body). The filters are the view's set
 * (view-sets.ts: `sc_in_view`, loaded with `buildViewRids` before the query
 * runs), not a join to `tickets`; a view of every ticket needs neither.
 */
export function buildSearchWindow(
  f: ViewFilter,
  ftsQuery: string,
  w: WindowSpec,
  marks: [string, string],
  exclude: readonly number[] = [],
): BuiltQuery | null {
  const filter = searchFilter(f);
  if (filter === null) return null;
  const ex = excluded(exclude);
  return {
    sql: `SELECT rowid AS rid, snippet(tickets_fts, -1, ?, ?, '…', 16) AS snippet
            FROM tickets_fts WHERE tickets_fts MATCH ?${ex.sql}${filter}
           ORDER BY rowid DESC LIMIT ? OFFSET ?`,
    params: [marks[0], marks[1], ftsQuery, ...ex.params, w.limit, w.offset],
  };
}

/**
 * The exact matches (exact-matches.ts), listed above the full-text ones, are left out of them: one JSON
 * parameter, so the statement's text does not change with their number (the reader keeps its statements).
 */
function excluded(rids: readonly number[]): { sql: string; params: SqlValue[] } {
  return rids.length === 0
    ? { sql: '', params: [] }
    : { sql: ' AND rowid NOT IN (SELECT value FROM json_each(?))', params: [JSON.stringify(rids)] };
}

/**
 * Number of matches, up to `cap` (SEARCH_CAP); with `belowRid`, only those older than that row (a window's
 * last: the ones before it are known), which FTS5 seeks to instead of walking the newer hits again.
 */
export function buildSearchTotal(
  f: ViewFilter,
  ftsQuery: string,
  cap = SEARCH_CAP,
  belowRid?: number,
  exclude: readonly number[] = [],
): BuiltQuery | null {
  const filter = searchFilter(f);
  if (filter === null) return null;
  const below = belowRid === undefined ? '' : ' AND rowid < ?';
  const ex = excluded(exclude);
  return {
    sql: `SELECT count(*) FROM (SELECT 1 FROM tickets_fts WHERE tickets_fts MATCH ?${below}${ex.sql}${filter} LIMIT ?)`,
    params: [ftsQuery, ...(belowRid === undefined ? [] : [belowRid]), ...ex.params, cap],
  };
}

/**
 * The rids of a view (its row terms and statuses, through the same indexes as its windows), for the set a
 * search with its filters tests hits against; null when the view holds every ticket (nothing to test) or none.
 */
export function buildViewRids(f: ViewFilter): BuiltQuery | null {
  const terms = viewRowTerms(f);
  const statuses = uniqueStatuses(f.statuses);
  if (terms === null || statuses.length === 0 || holdsEverything(f)) return null;
  const where = [`${statusColumn(f)} IN (${placeholders(statuses.length)})`, ...terms.sql];
  return { sql: `SELECT rid FROM tickets WHERE ${where.join(' AND ')}`, params: [...statuses, ...terms.params] };
}

function holdsEverything(f: ViewFilter): boolean {
  const statuses = uniqueStatuses(f.statuses);
  return f.view === 'all' && f.categoryId === null && TICKET_STATUSES.every((s) => statuses.includes(s));
}

/** The search's filter term: none for every ticket, the view's set otherwise; null when the view is empty. */
function searchFilter(f: ViewFilter): string | null {
  const terms = viewRowTerms(f);
  if (terms === null || uniqueStatuses(f.statuses).length === 0) return null;
  return holdsEverything(f) ? '' : ' AND sc_in_view(rowid)';
}
