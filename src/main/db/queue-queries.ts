/**
 * SQL for the lists beside the queue views (views.ts has the queue's): the
 * recovery queue, a day of callbacks, a ticket's messages, and the open-work
 * statuses both use. Every list is served by one composite index that ends in
 * its sort column, so SQLite walks the index in order and stops at LIMIT (no
 * temporary B-tree: ~1 ms instead of ~800 ms at 1M tickets). A list over
 * several statuses is one leg per status joined by UNION ALL, which SQLite
 * merges in order ("MERGE (UNION ALL)") instead of sorting.
 */
import { selectColumns, TABLES } from './schema-map.js';
import type { SqlValue } from './schema-map.js';

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
