/** The write side of the cache. Only the sync engine (in its worker) holds one. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ENTITY_KINDS, EntityKind } from '../../shared/entities.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { mainColumns, recordToParams, recordToSideParams, sideUpsertSql, TABLES, upsertSql } from './schema-map.js';
import { createBulkCounts } from './bulk-counts.js';
import type { ApplyResult, CacheWriter, FtsProgress, ProblemInput, WriteSession } from './types.js';
import { bulkLoadActive, bulkLoadScope, restoreQueueIndexes, suspendQueueIndexes } from './bulk-indexes.js';
import { readFtsProgress } from './fts.js';
import { createTicketWriter } from './ticket-write.js';
import { createOutboxRebaser } from './outbox-rebase.js';
import type { OutboxJournal } from './outbox-journal.js';
import { createOutboxWriter } from './outbox-writer.js';
import { createOutboxConflictRebase } from './outbox-conflict-rebase.js';

/** Beyond this many ids per kind in one apply, the UI gets "refresh everything" instead of a list. */
const MAX_TOUCHED_IDS = 500;

type PerKind<T> = Record<EntityKind, T>;

function perKind<T>(make: (kind: EntityKind) => T): PerKind<T> {
  return Object.fromEntries(ENTITY_KINDS.map((k) => [k, make(k)])) as PerKind<T>;
}

function problemVersion(raw: unknown): number | null {
  const v = (raw as { version?: unknown } | null)?.version;
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}

export interface CacheWriterOptions {
  now?: () => Date;
  /** The outbox journal (outbox-journal.ts), or null. */
  journal?: OutboxJournal | null;
}

export function createCacheWriter(db: Database, options: CacheWriterOptions = {}): CacheWriter {
  const now = options.now ?? (() => new Date());
  const rebaser = createOutboxRebaser(db);
  const upsert = perKind((k) => db.prepare(upsertSql(TABLES[k])));
  // The insert triggers are gone while a bulk load runs (bulk-indexes.ts): this writer counts its inserts then.
  let countingInserts = bulkLoadActive(db);
  const bulkCounts = createBulkCounts(
    db,
    mainColumns(TABLES.ticket).map((c) => c.column),
  );
  const writeTicket = createTicketWriter(db, { active: () => countingInserts, counts: bulkCounts });
  const sideSql = perKind((k) => sideUpsertSql(TABLES[k]));
  const sideUpsert = perKind((k) => {
    const sql = sideSql[k];
    return sql === null ? null : db.prepare(sql);
  });
  const remove = perKind((k) => db.prepare(`DELETE FROM ${TABLES[k].table} WHERE id = ?`));
  const versionOf = perKind((k) => db.prepare(`SELECT version FROM ${TABLES[k].table} WHERE id = ?`).pluck());
  const setMeta = db.prepare(
    'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  const deleteMeta = db.prepare('DELETE FROM meta WHERE key = ?');
  const anyProblem = db.prepare('SELECT EXISTS (SELECT 1 FROM sync_problems)').pluck();
  const clearProblem = db.prepare(
    'DELETE FROM sync_problems WHERE kind = ? AND id = ? AND (version IS NULL OR ? IS NULL OR version < ?)',
  );
  const recordProblem = db.prepare(
    `INSERT INTO sync_problems (kind, id, version, reason, raw, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kind, id) DO UPDATE SET version = excluded.version, reason = excluded.reason, raw = excluded.raw,
       last_seen = excluded.last_seen`,
  );

  function keepProblem(p: ProblemInput, at: string): boolean {
    const version = problemVersion(p.raw);
    const kind = EntityKind.safeParse(p.kind);
    // A bad copy of a version we already hold (or an older one) adds nothing to put aside.
    if (kind.success && version !== null) {
      const held = versionOf[kind.data].get(p.id) as number | undefined;
      if (held !== undefined && held >= version) return false;
    }
    let raw: string;
    try {
      // JSON.stringify returns undefined for undefined, whatever its declared type says.
      const text = JSON.stringify(p.raw) as string | undefined;
      raw = text ?? 'null';
    } catch {
      raw = JSON.stringify(String(p.raw));
    }
    recordProblem.run(p.kind, p.id, version, p.reason, raw, at, at);
    return true;
  }

  /** Version-guarded upsert; for a kind with a side table, the side row follows only when the main row was written. */
  function writeRecord(kind: EntityKind, record: object): boolean {
    if (kind === 'ticket') return writeTicket(record);
    const spec = TABLES[kind];
    const side = sideUpsert[kind];
    if (side === null) return upsert[kind].run(recordToParams(spec, record)).changes > 0;
    const row = upsert[kind].get(recordToParams(spec, record)) as { rid: number } | undefined;
    if (row === undefined) return false;
    side.run(row.rid, ...recordToSideParams(spec, record));
    return true;
  }

  function applyOne(change: ValidChange, result: ApplyResult, checkProblems: boolean, rebasing: boolean): void {
    let changed: boolean;
    if (change.op === 'delete') {
      // The delete trigger's decrement must find the row its key is counted in.
      if (countingInserts && change.kind === 'ticket') bulkCounts.flush();
      changed = remove[change.kind].run(change.id).changes > 0;
      result.deletes += 1;
      if (checkProblems) clearProblem.run(change.kind, change.id, null, null);
    } else {
      changed = writeRecord(change.kind, change.record);
      // The backend's new copy of a ticket with pending actions: put them back on top, in this transaction.
      if (changed && rebasing && change.kind === 'ticket') rebaser.serverTicketWritten(change.record);
      if (changed) result.upserts += 1;
      else result.stale += 1;
      if (checkProblems) clearProblem.run(change.kind, change.id, change.version, change.version);
    }
    if (changed) {
      const ids = (result.touched[change.kind] ??= []);
      if (ids.length < MAX_TOUCHED_IDS + 1) ids.push(change.id);
    }
  }

  function applyInto(changes: readonly ValidChange[], problems: readonly ProblemInput[], result: ApplyResult): void {
    const at = now().toISOString();
    for (const p of problems) if (keepProblem(p, at)) result.problems += 1;
    // Checking the (almost always empty) problem table once spares a lookup per record.
    const checkProblems = (anyProblem.get() as number) === 1;
    const rebasing = rebaser.active();
    for (const change of changes) applyOne(change, result, checkProblems, rebasing);
    if (countingInserts) bulkCounts.flush();
  }

  const begin = db.prepare('BEGIN IMMEDIATE');
  const commit = db.prepare('COMMIT');
  const rollback = db.prepare('ROLLBACK');

  function beginSession(): WriteSession {
    if (db.inTransaction) throw new Error('a write session is already open on this connection');
    begin.run();
    const result: ApplyResult = { upserts: 0, stale: 0, deletes: 0, problems: 0, touched: {} };
    let open = true;
    const ensureOpen = (): void => {
      if (!open || !db.inTransaction) throw new Error('the write session is closed');
    };
    return {
      apply(changes, problems) {
        ensureOpen();
        applyInto(changes, problems, result);
      },
      commit(cursor, phase) {
        ensureOpen();
        setMeta.run('cursor', cursor);
        setMeta.run('phase', phase);
        setMeta.run('last_applied_at', now().toISOString());
        commit.run();
        open = false;
        return result;
      },
      rollback() {
        if (open && db.inTransaction) rollback.run();
        open = false;
      },
    };
  }

  const ftsWatermark = db.prepare("SELECT value FROM meta WHERE key = 'fts_indexed_upto'").pluck();
  const chunkEnd = db.prepare('SELECT rid FROM tickets WHERE rid > ? ORDER BY rid LIMIT 1 OFFSET ?').pluck();
  const maxRid = db.prepare('SELECT max(rid) FROM tickets').pluck();
  const indexRange = db.prepare(
    'INSERT INTO tickets_fts (rowid, subject, body) SELECT rid, subject, body FROM ticket_search WHERE rid > ? AND rid <= ?',
  );
  // The watermark moves in the same transaction as the chunk: the triggers' view of "indexed" is always true.
  const indexTx = db.transaction((maxRows: number): void => {
    const from = ftsWatermark.get() as number;
    const end = (chunkEnd.get(from, Math.max(1, maxRows) - 1) as number | undefined) ?? (maxRid.get() as number | null);
    if (end === null || end <= from) return;
    indexRange.run(from, end);
    setMeta.run('fts_indexed_upto', end);
  });

  const resetTx = db.transaction((backend: string): void => {
    // Lower the watermark first so the FTS triggers stay quiet while the rows go.
    setMeta.run('fts_indexed_upto', 0);
    db.prepare("INSERT INTO tickets_fts (tickets_fts) VALUES ('delete-all')").run();
    db.prepare('DELETE FROM ticket_bodies').run();
    for (const k of ENTITY_KINDS) db.prepare(`DELETE FROM ${TABLES[k].table}`).run();
    db.prepare('DELETE FROM ticket_counts').run();
    db.prepare('DELETE FROM sync_problems').run();
    // The rows are gone, and the backend copies under them may be of a history the backend no longer has.
    rebaser.forgetBases();
    for (const key of ['cursor', 'phase', 'last_pull_at', 'last_applied_at']) deleteMeta.run(key);
    setMeta.run('backend', backend);
    // Empty tables: building the full indexes now costs nothing.
    restoreQueueIndexes(db);
  });

  const applyRecords = (changes: readonly ValidChange[]): ApplyResult => {
    const result: ApplyResult = { upserts: 0, stale: 0, deletes: 0, problems: 0, touched: {} };
    applyInto(changes, [], result);
    return result;
  };
  const outbox = createOutboxWriter(db, { rebaser, applyRecords, journal: options.journal ?? null });
  const outboxRebase = createOutboxConflictRebase(db, { rebaser, applyRecords, journal: options.journal ?? null });

  return {
    outbox,
    outboxRebase,
    applyChanges(changes, problems, cursor, phase) {
      const session = beginSession();
      try {
        session.apply(changes, problems);
        return session.commit(cursor, phase);
      } catch (err) {
        session.rollback();
        throw err;
      }
    },
    beginSession,
    applyAnswer(changes) {
      return db
        .transaction((): ApplyResult => {
          const result: ApplyResult = { upserts: 0, stale: 0, deletes: 0, problems: 0, touched: {} };
          applyInto(changes, [], result);
          // A ticket with pending actions shows them on top of the backend's new copy.
          for (const c of changes) if (c.kind === 'ticket') rebaser.settle(c.id);
          return result;
        })
        .immediate();
    },
    indexSearchChunk(maxRows: number): FtsProgress {
      indexTx.immediate(maxRows);
      return readFtsProgress(db);
    },
    resetForBootstrap(backend: string) {
      resetTx.immediate(backend);
      countingInserts = false;
    },
    setLastPullAt(iso: string) {
      setMeta.run('last_pull_at', iso);
    },
    beginBulkLoad(scope = 'history') {
      db.transaction(() => {
        suspendQueueIndexes(db, scope, true);
      }).immediate();
      countingInserts = true;
    },
    endBulkLoad() {
      db.transaction(() => {
        restoreQueueIndexes(db);
      }).immediate();
      countingInserts = false;
    },
    isBulkLoading() {
      return bulkLoadActive(db);
    },
    bulkLoadScope() {
      return bulkLoadScope(db);
    },
  };
}
