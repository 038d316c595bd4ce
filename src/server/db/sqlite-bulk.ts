/**
 * The SQLite bulk writer (bulk-writer.ts): one BEGIN IMMEDIATE on the
 * connection, prepared statements, no reads per row. Seeding a million
 * tickets is a benchmark set-up step, so this stays synchronous and direct.
 */
import type { Database as Db, Statement } from 'better-sqlite3';
import { ENTITY_KINDS } from '../../shared/entities.js';
import type { EntityKind } from '../../shared/entities.js';
import type { BulkRecord, BulkWriter } from './bulk-writer.js';
import { tableOf } from './schema.js';

function insertSql(kind: EntityKind): string {
  const t = tableOf(kind);
  if (kind === 'message') {
    // A message's phase follows its ticket (store/urgency.ts), read here so the seed needs no lookup.
    return `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id)
      VALUES (?, ?, ?, ?, coalesce((SELECT urgent FROM rec_ticket WHERE id = ?), 0), ?, ?)`;
  }
  if (kind === 'callback') {
    return `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id, expert_id, starts_at, ends_at, status)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
  }
  return `INSERT INTO ${t} (rid, id, seq, version, urgent, data) VALUES (?, ?, ?, ?, ?, ?)`;
}

function paramsOf(kind: EntityKind, r: BulkRecord, rid: number | null): unknown[] {
  if (kind === 'message') return [rid, r.id, r.seq, r.version, r.ticketId, r.data, r.ticketId];
  if (kind === 'callback') {
    return [rid, r.id, r.seq, r.version, r.urgent, r.data, r.ticketId, r.expertId, r.startsAt, r.endsAt, r.status];
  }
  return [rid, r.id, r.seq, r.version, r.urgent, r.data];
}

function isPrimaryKeyClash(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `done`: called once the transaction ended (committed or rolled back), to let other statements run. */
export function openSqliteBulkWriter(db: Db, done: () => void): BulkWriter {
  const inserts = {} as Record<EntityKind, Statement>;
  for (const kind of ENTITY_KINDS) inserts[kind] = db.prepare(insertSql(kind));
  const insertKey = db.prepare('INSERT INTO account_key (account_id, kind, value) VALUES (?, ?, ?)');
  const insertCredential = db.prepare(
    'INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDocument = db.prepare(
    'INSERT INTO document (id, bytes, size, sha256) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
  );
  const linkDocument = db.prepare('UPDATE document SET recovery_id = ?, decided_at = ? WHERE id = ?');
  const head = db.prepare<[], { seq: number }>('SELECT seq FROM feed_head WHERE id = 1').get();
  if (head === undefined) throw new Error('The backend database has no sequencer row (migration 006).');
  db.exec('BEGIN IMMEDIATE');
  let open = true;
  const end = (sql: string): void => {
    if (!open) return;
    open = false;
    try {
      if (db.inTransaction) db.exec(sql);
    } finally {
      done();
    }
  };
  return {
    startSeq: head.seq,
    records(kind, rows) {
      const insert = inserts[kind];
      for (const r of rows) {
        try {
          insert.run(...paramsOf(kind, r, r.rid));
        } catch (err) {
          // "42" normally becomes row id 42; if a non-numeric id already took it, let SQLite pick one.
          if (!isPrimaryKeyClash(err) || r.rid === null) throw err;
          insert.run(...paramsOf(kind, r, null));
        }
      }
    },
    accountKeys(rows) {
      for (const [account, kind, value] of rows) insertKey.run(account, kind, value);
    },
    credentials(rows) {
      for (const c of rows) insertCredential.run(c.login, c.passwordHash, c.agentId, c.displayName, c.extraRoles);
    },
    documents(rows) {
      for (const d of rows) insertDocument.run(d.id, d.bytes, d.size, d.sha256);
    },
    linkDocuments(rows) {
      for (const l of rows) linkDocument.run(l.recoveryId, l.decidedAt, l.id);
    },
    commit({ head: seq, added, messagesBeforeTickets }) {
      try {
        if (messagesBeforeTickets) {
          db.exec(
            'UPDATE rec_message SET urgent = coalesce((SELECT urgent FROM rec_ticket t WHERE t.id = rec_message.ticket_id), 0)',
          );
        }
        db.prepare('UPDATE feed_head SET seq = ? WHERE id = 1').run(seq);
        const count = db.prepare('UPDATE record_count SET n = n + ? WHERE kind = ?');
        for (const kind of ENTITY_KINDS) if (added[kind] > 0) count.run(added[kind], kind);
      } catch (err) {
        end('ROLLBACK');
        return Promise.reject(err instanceof Error ? err : new Error(String(err)));
      }
      end('COMMIT');
      return Promise.resolve();
    },
    rollback() {
      end('ROLLBACK');
      return Promise.resolve();
    },
  };
}
