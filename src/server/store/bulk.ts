/**
 * Bulk insert for the seed (src/server/seed): one transaction, prepared
 * statements, no per-row reads. Seeding 1,000,000 tickets is a benchmark
 * set-up step, so this path skips what put() does for single writes: rows
 * are assumed new, and only a sample is schema-checked (enough to catch a
 * seed bug on the first rows without paying zod on every row).
 */
import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { ENTITY_KINDS, ENTITY_SCHEMAS } from '../../shared/entities.js';
import type {
  Account,
  Agent,
  Callback,
  Category,
  EntityKind,
  EntityTypes,
  RecoveryRequest,
  Ticket,
  TicketMessage,
} from '../../shared/entities.js';
import { tableOf } from '../db/schema.js';
import { prepareAccountKeys, writeAccountKeys } from './account-keys.js';
import { hashPassword } from './passwords.js';
import type { ScryptCost } from './passwords.js';
import { readHeadSeq } from './records.js';
import { isUrgent } from './urgency.js';
import { numericRid, storedJson } from './wire.js';

export interface SeedSink {
  categories(rows: Category[]): void;
  agents(rows: { agent: Agent; login: string; password: string; extraRoles?: string[] }[]): void;
  accounts(rows: Account[]): void;
  tickets(rows: Ticket[]): void;
  messages(rows: TicketMessage[]): void;
  recoveries(rows: RecoveryRequest[]): void;
  callbacks(rows: Callback[]): void;
  /** Blobs referenced by AttachmentMeta.id; a recovery request's documents come before the request. */
  documents(rows: { id: string; bytes: Uint8Array }[]): void;
}

const FULL_CHECK_ROWS = 1000;
const SAMPLE_EVERY = 1000;

function insertSql(kind: EntityKind): string {
  const t = tableOf(kind);
  if (kind === 'message') {
    // A message's phase follows its ticket (see urgency.ts), read here so the seed needs no lookup.
    return `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id)
      VALUES (@rid, @id, @seq, @version, coalesce((SELECT urgent FROM rec_ticket WHERE id = @ticketId), 0), @data, @ticketId)`;
  }
  if (kind === 'callback') {
    return `INSERT INTO ${t} (rid, id, seq, version, urgent, data, ticket_id, expert_id, starts_at, ends_at, status)
      VALUES (@rid, @id, @seq, @version, @urgent, @data, @ticketId, @expertId, @startsAt, @endsAt, @status)`;
  }
  return `INSERT INTO ${t} (rid, id, seq, version, urgent, data) VALUES (@rid, @id, @seq, @version, @urgent, @data)`;
}

function isPrimaryKeyClash(err: unknown): boolean {
  return err instanceof Error && (err as Error & { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** `cost`: of the seeded agents' password hashes. */
export function openSeedSink(db: Database, cost: ScryptCost): { sink: SeedSink; commit(): void; rollback(): void } {
  let seq = readHeadSeq(db);
  const inserts = {} as Record<EntityKind, Statement<Record<string, unknown>>>;
  for (const kind of ENTITY_KINDS) inserts[kind] = db.prepare(insertSql(kind));
  const seen = {} as Record<EntityKind, number>;
  for (const kind of ENTITY_KINDS) seen[kind] = 0;
  const accountKeys = prepareAccountKeys(db);
  const insertCredential = db.prepare(
    'INSERT INTO credential (login, password_hash, agent_id, display_name, extra_roles) VALUES (?, ?, ?, ?, ?)',
  );
  const insertDocument = db.prepare(
    'INSERT INTO document (id, bytes, size, sha256) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO NOTHING',
  );
  // A request's documents are its own: linked here, stamped with the decision's time when decided, so the
  // backend's purge job deletes their bytes by the same rule as after a decision made live.
  const linkDocument = db.prepare('UPDATE document SET recovery_id = ?, decided_at = ? WHERE id = ?');
  let messagesBeforeTickets = false;

  function insert<K extends EntityKind>(kind: K, record: EntityTypes[K]): void {
    const n = seen[kind]++;
    if (n < FULL_CHECK_ROWS || n % SAMPLE_EVERY === 0) ENTITY_SCHEMAS[kind].parse(record);
    const r = record as unknown as Record<string, unknown>;
    const params: Record<string, unknown> = {
      rid: numericRid(record.id),
      id: record.id,
      seq: ++seq,
      version: record.version,
      urgent: isUrgent(kind, record, () => false) ? 1 : 0,
      data: storedJson(record),
    };
    if (kind === 'message' || kind === 'callback') params.ticketId = r.ticketId;
    if (kind === 'callback')
      Object.assign(params, { expertId: r.expertId, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status });
    try {
      inserts[kind].run(params);
    } catch (err) {
      // "42" normally becomes row id 42; if a non-numeric id already took it, let SQLite pick one.
      if (!isPrimaryKeyClash(err) || params.rid === null) throw err;
      inserts[kind].run({ ...params, rid: null });
    }
    if (kind === 'account') writeAccountKeys(accountKeys, record.id, record);
  }

  db.exec('BEGIN IMMEDIATE');
  const sink: SeedSink = {
    categories: (rows) => {
      rows.forEach((r) => {
        insert('category', r);
      });
    },
    agents: (rows) => {
      rows.forEach((r) => {
        insert('agent', r.agent);
        insertCredential.run(
          r.login,
          hashPassword(r.password, cost),
          r.agent.id,
          r.agent.name,
          JSON.stringify(r.extraRoles ?? []),
        );
      });
    },
    accounts: (rows) => {
      rows.forEach((r) => {
        insert('account', r);
      });
    },
    tickets: (rows) => {
      if (seen.message > 0) messagesBeforeTickets = true;
      rows.forEach((r) => {
        insert('ticket', r);
      });
    },
    messages: (rows) => {
      rows.forEach((r) => {
        insert('message', r);
      });
    },
    recoveries: (rows) => {
      rows.forEach((r) => {
        insert('recovery', r);
        const decidedAt = r.status === 'approved' || r.status === 'rejected' ? (r.decision?.decidedAt ?? null) : null;
        for (const d of r.documents) linkDocument.run(r.id, decidedAt, d.id);
      });
    },
    callbacks: (rows) => {
      rows.forEach((r) => {
        insert('callback', r);
      });
    },
    documents: (rows) => {
      rows.forEach((r) => {
        const bytes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
        insertDocument.run(r.id, bytes, bytes.length, createHash('sha256').update(bytes).digest('hex'));
      });
    },
  };
  return {
    sink,
    commit() {
      if (messagesBeforeTickets) {
        db.exec(
          'UPDATE rec_message SET urgent = coalesce((SELECT urgent FROM rec_ticket t WHERE t.id = rec_message.ticket_id), 0)',
        );
      }
      db.exec('COMMIT');
    },
    rollback() {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}
