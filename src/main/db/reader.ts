/** The read side of the cache: what the main thread's services and the sync engine call. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import { SyncPhase } from '../../shared/sync-protocol.js';
import { createOutboxReader } from './outbox-reader.js';
import { readFtsProgress } from './fts.js';
import { buildMessagesQuery, buildRecoveryQueueQuery } from './queue-queries.js';
import type { BuiltQuery } from './queue-queries.js';
import { fromClause, rowToRecord, selectColumns, TABLES } from './schema-map.js';
import type { CacheReader, SyncProblem, SyncState, TicketCount } from './types.js';

type Row = Record<string, unknown>;

function allRows(db: Database, q: BuiltQuery): Row[] {
  return db.prepare(q.sql).all(...q.params) as Row[];
}

export function createCacheReader(db: Database): CacheReader {
  const byId = Object.fromEntries(
    ENTITY_KINDS.map((k) => [
      k,
      db.prepare(`SELECT ${selectColumns(TABLES[k])} FROM ${fromClause(TABLES[k])} WHERE t.id = ?`),
    ]),
  ) as Record<EntityKind, ReturnType<Database['prepare']>>;
  const meta = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const ticketOfMessage = db.prepare('SELECT DISTINCT ticket_id FROM messages WHERE id = ?').pluck();
  const metaText = (key: string): string | null => {
    const v = meta.get(key);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  };

  return {
    ...createOutboxReader(db),

    counts(): TicketCount[] {
      return db
        .prepare(
          'SELECT category_id AS categoryId, status, n FROM ticket_counts WHERE n > 0 ORDER BY category_id, status',
        )
        .all() as TicketCount[];
    },

    getRecord<K extends EntityKind>(kind: K, id: string): EntityTypes[K] | null {
      const row = byId[kind].get(id) as Row | undefined;
      return row === undefined ? null : rowToRecord(kind, row);
    },

    syncState(): SyncState {
      const phase = SyncPhase.safeParse(metaText('phase'));
      return {
        cursor: metaText('cursor'),
        phase: phase.success ? phase.data : null,
        backend: metaText('backend'),
        lastPullAt: metaText('last_pull_at'),
      };
    },

    problems(): SyncProblem[] {
      const rows = db
        .prepare(
          'SELECT kind, id, version, reason, raw, first_seen AS firstSeen, last_seen AS lastSeen FROM sync_problems ORDER BY last_seen DESC LIMIT 1000',
        )
        .all() as (Omit<SyncProblem, 'raw'> & { raw: string })[];
      return rows.map((r) => ({ ...r, raw: JSON.parse(r.raw) as unknown }));
    },

    ftsProgress() {
      return readFtsProgress(db);
    },

    recoveryQueue(statuses, limit) {
      const built = buildRecoveryQueueQuery(statuses, limit);
      return built === null ? [] : allRows(db, built).map((r) => rowToRecord('recovery', r));
    },

    ticketIdsOfMessages(messageIds) {
      return [...new Set(messageIds.flatMap((id) => ticketOfMessage.all(id) as string[]))];
    },

    messagesOf(ticketId) {
      return allRows(db, buildMessagesQuery(ticketId)).map((r) => rowToRecord('message', r));
    },
  };
}
