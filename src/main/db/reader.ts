/** The read side of the cache: what the UI (main thread) and the benchmark call. */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../shared/canonical-json.js';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import { SyncPhase } from '../../shared/sync-protocol.js';
import { bulkLoadActive } from './bulk-indexes.js';
import { createOutboxReader } from './outbox-reader.js';
import { readFtsProgress, searchTickets } from './fts.js';
import {
  buildCallbacksQuery,
  buildMessagesQuery,
  buildQueueQuery,
  buildRecoveryQueueQuery,
  clampLimit,
} from './queue-queries.js';
import type { BuiltQuery } from './queue-queries.js';
import { fromClause, rowToRecord, selectColumns, TABLES } from './schema-map.js';
import type { CacheReader, Checksums, QueuePage, QueueRow, SyncProblem, SyncState, TicketCount } from './types.js';

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
  const metaText = (key: string): string | null => {
    const v = meta.get(key);
    return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
  };

  return {
    ...createOutboxReader(db),

    queuePage(query): QueuePage {
      const built = buildQueueQuery(query, bulkLoadActive(db));
      if (built === null) return { rows: [], next: null };
      const rows = db.prepare(built.sql).all(...built.params) as QueueRow[];
      const last = rows.at(-1);
      const full = rows.length === clampLimit(query.limit);
      return { rows, next: full && last !== undefined ? { updatedAt: last.updatedAt, rid: last.rid } : null };
    },

    counts(): TicketCount[] {
      return db
        .prepare(
          'SELECT category_id AS categoryId, status, n FROM ticket_counts WHERE n > 0 ORDER BY category_id, status',
        )
        .all() as TicketCount[];
    },

    search(text, limit) {
      return searchTickets(db, text, limit);
    },

    getRecord<K extends EntityKind>(kind: K, id: string): EntityTypes[K] | null {
      const row = byId[kind].get(id) as Row | undefined;
      return row === undefined ? null : rowToRecord(kind, row);
    },

    checksums(): Checksums {
      const out = {} as Checksums;
      // One read transaction, so all kinds are hashed from the same snapshot.
      db.transaction(() => {
        for (const kind of ENTITY_KINDS) {
          const spec = TABLES[kind];
          const hash = createHash('sha256');
          let count = 0;
          for (const row of db
            .prepare(`SELECT ${selectColumns(spec)} FROM ${fromClause(spec)} ORDER BY t.id`)
            .iterate()) {
            if (count > 0) hash.update('\n');
            hash.update(canonicalJson(rowToRecord(kind, row as Row)));
            count += 1;
          }
          out[kind] = { count, sha256: hash.digest('hex') };
        }
      }).deferred();
      return out;
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

    callbacksBetween(fromIso, toIso, expertId) {
      return allRows(db, buildCallbacksQuery(fromIso, toIso, expertId)).map((r) => rowToRecord('callback', r));
    },

    messagesOf(ticketId) {
      return allRows(db, buildMessagesQuery(ticketId)).map((r) => rowToRecord('message', r));
    },
  };
}
