/**
 * SQL for the list screens. Every list is served by one composite index that
 * ends in its sort column, so SQLite walks the index in order and stops at
 * LIMIT (no temporary B-tree: ~1 ms instead of ~800 ms at 1M tickets). A
 * list over several statuses is one leg per status joined by UNION ALL, which
 * SQLite merges in order ("MERGE (UNION ALL)") instead of sorting.
 */
import { selectColumns, TABLES } from './schema-map.js';
import type { SqlValue } from './schema-map.js';
import type { QueueQuery } from './types.js';

export interface BuiltQuery {
  sql: string;
  params: SqlValue[];
}

/**
 * Statuses of the working queues. Repeated verbatim in queries during a bulk
 * load so the partial indexes are usable. Written with OR, not IN: an IN list in
 * a partial index's WHERE builds an ephemeral table on every insert (~10 us a row).
 */
export const ACTIVE_STATUSES = ['new', 'open', 'pending'] as const;
export const ACTIVE_STATUS_SQL = "(status = 'new' OR status = 'open' OR status = 'pending')";

export const QUEUE_COLUMNS =
  'rid, id, subject, status, priority, category_id AS categoryId, assignee_id AS assigneeId, account_id AS accountId, ' +
  'requester_name AS requesterName, channel, level, updated_at AS updatedAt';

export const MAX_LIST_LIMIT = 1000;

export function clampLimit(limit: number): number {
  return Math.max(1, Math.min(MAX_LIST_LIMIT, Math.trunc(limit)));
}

/** Legs of a compound over `values`, each `leg(value)` with its params, merged in `orderBy` order. */
function unionLegs(
  values: readonly string[],
  leg: (value: string) => BuiltQuery,
  orderBy: string,
  tail: BuiltQuery,
): BuiltQuery {
  const legs = values.map(leg);
  return {
    sql: `${legs.map((l) => l.sql).join(' UNION ALL ')} ORDER BY ${orderBy} ${tail.sql}`,
    params: [...legs.flatMap((l) => l.params), ...tail.params],
  };
}

/**
 * `bulkLoading`: the full queue indexes are suspended (bulk-indexes.ts); legs
 * on an active status then repeat ACTIVE_STATUS_SQL so a partial index
 * qualifies. Not added otherwise: with statistics, the extra OR term can tip
 * the planner into sorting.
 */
export function buildQueueQuery(q: QueueQuery, bulkLoading = false): BuiltQuery | null {
  const statuses = [...new Set(q.status)];
  if (statuses.length === 0) return null;
  const desc = q.sort === 'updated_desc';
  const filters: string[] = [];
  const filterParams: SqlValue[] = [];
  if (q.categoryId !== undefined) {
    filters.push('category_id = ?');
    filterParams.push(q.categoryId);
  }
  if (q.assigneeId === null) filters.push('assignee_id IS NULL');
  else if (q.assigneeId !== undefined) {
    filters.push('assignee_id = ?');
    filterParams.push(q.assigneeId);
  }
  if (q.level !== undefined) {
    // A literal, not a parameter: the escalated index is partial (WHERE level = 2, migration 007), and SQLite
    // only uses a partial index when the query states its condition. An integer from the contract: no injection.
    filters.push(`level = ${Math.trunc(q.level)}`);
  }
  const keyset = q.after === undefined ? null : `(updated_at, rid) ${desc ? '<' : '>'} (?, ?)`;
  const keyParams: SqlValue[] = q.after === undefined ? [] : [q.after.updatedAt, q.after.rid];
  const leg = (status: string): BuiltQuery => {
    const active = bulkLoading && (ACTIVE_STATUSES as readonly string[]).includes(status) ? [ACTIVE_STATUS_SQL] : [];
    const terms = [...filters, 'status = ?', ...active, ...(keyset === null ? [] : [keyset])];
    return {
      sql: `SELECT ${QUEUE_COLUMNS} FROM tickets WHERE ${terms.join(' AND ')}`,
      params: [...filterParams, status, ...keyParams],
    };
  };
  const dir = desc ? 'DESC' : 'ASC';
  const tail: BuiltQuery = {
    sql: 'LIMIT ? OFFSET ?',
    params: [clampLimit(q.limit), Math.max(0, Math.trunc(q.offset ?? 0))],
  };
  return unionLegs(statuses, leg, `updatedAt ${dir}, rid ${dir}`, tail);
}

const RECOVERY_COLUMNS = selectColumns(TABLES.recovery);

/** The verifier's queue: oldest request first (first come, first served). */
export function buildRecoveryQueueQuery(statuses: readonly string[], limit: number): BuiltQuery | null {
  const unique = [...new Set(statuses)];
  if (unique.length === 0) return null;
  return unionLegs(
    unique,
    (status) => ({ sql: `SELECT ${RECOVERY_COLUMNS} FROM recovery_requests WHERE status = ?`, params: [status] }),
    'created_at ASC',
    { sql: 'LIMIT ?', params: [clampLimit(limit)] },
  );
}

const CALLBACK_COLUMNS = selectColumns(TABLES.callback);

/** Callbacks starting in [from, to), in time order: an expert's day, or everyone's. */
export function buildCallbacksQuery(fromIso: string, toIso: string, expertId?: string): BuiltQuery {
  if (expertId === undefined) {
    return {
      sql: `SELECT ${CALLBACK_COLUMNS} FROM callbacks WHERE starts_at >= ? AND starts_at < ? ORDER BY starts_at LIMIT ${MAX_LIST_LIMIT}`,
      params: [fromIso, toIso],
    };
  }
  return {
    sql: `SELECT ${CALLBACK_COLUMNS} FROM callbacks WHERE expert_id = ? AND starts_at >= ? AND starts_at < ? ORDER BY starts_at LIMIT ${MAX_LIST_LIMIT}`,
    params: [expertId, fromIso, toIso],
  };
}

const MESSAGE_COLUMNS = selectColumns(TABLES.message);

/** A ticket's conversation in the order it was written. */
export function buildMessagesQuery(ticketId: string): BuiltQuery {
  return {
    sql: `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE ticket_id = ? ORDER BY created_at, rowid LIMIT 5000`,
    params: [ticketId],
  };
}
