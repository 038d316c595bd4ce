/**
 * Bulk insert for the seed (src/server/seed): the rows are made here (seq,
 * canonical JSON, urgency, account keys, password hashes) and handed to the
 * database's bulk writer (db/bulk-writer.ts), which inserts them its fastest
 * way in one transaction. Seeding 1,000,000 tickets is a benchmark set-up
 * step, so this path skips what put() does for single writes: rows are
 * assumed new, and only a sample is schema-checked (enough to catch a seed
 * bug on the first rows without paying zod on every row).
 */
import { createHash } from 'node:crypto';
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
import type { BulkRecord } from '../db/bulk-writer.js';
import type { SqlDatabase } from '../db/sql.js';
import { accountKeyRows } from './account-keys.js';
import { hashPassword } from './passwords.js';
import type { ScryptCost } from './passwords.js';
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

export interface SeedSession {
  sink: SeedSink;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** `cost`: of the seeded agents' password hashes. */
export async function openSeedSink(db: SqlDatabase, cost: ScryptCost): Promise<SeedSession> {
  const writer = await db.openBulkWriter();
  let seq = writer.startSeq;
  const seen = {} as Record<EntityKind, number>;
  for (const kind of ENTITY_KINDS) seen[kind] = 0;
  let messagesBeforeTickets = false;

  function row<K extends EntityKind>(kind: K, record: EntityTypes[K]): BulkRecord {
    const n = seen[kind]++;
    if (n < FULL_CHECK_ROWS || n % SAMPLE_EVERY === 0) ENTITY_SCHEMAS[kind].parse(record);
    const r = record as unknown as Record<string, string>;
    const out: BulkRecord = {
      rid: numericRid(record.id),
      id: record.id,
      seq: ++seq,
      version: record.version,
      urgent: kind === 'message' ? null : isUrgent(kind, record, () => false) ? 1 : 0,
      data: storedJson(record),
    };
    if (kind === 'message' || kind === 'callback') out.ticketId = r.ticketId;
    if (kind === 'callback')
      Object.assign(out, { expertId: r.expertId, startsAt: r.startsAt, endsAt: r.endsAt, status: r.status });
    return out;
  }

  function insert<K extends EntityKind>(kind: K, records: readonly EntityTypes[K][]): void {
    writer.records(
      kind,
      records.map((r) => row(kind, r)),
    );
  }

  const sink: SeedSink = {
    categories: (rows) => {
      insert('category', rows);
    },
    agents: (rows) => {
      insert(
        'agent',
        rows.map((r) => r.agent),
      );
      writer.credentials(
        rows.map((r) => ({
          login: r.login,
          passwordHash: hashPassword(r.password, cost),
          agentId: r.agent.id,
          displayName: r.agent.name,
          extraRoles: JSON.stringify(r.extraRoles ?? []),
        })),
      );
    },
    accounts: (rows) => {
      insert('account', rows);
      writer.accountKeys(rows.flatMap((r) => accountKeyRows(r.id, r)));
    },
    tickets: (rows) => {
      if (seen.message > 0) messagesBeforeTickets = true;
      insert('ticket', rows);
    },
    messages: (rows) => {
      insert('message', rows);
    },
    recoveries: (rows) => {
      insert('recovery', rows);
      // A request's documents are its own: linked here, stamped with the decision's time when decided, so the
      // backend's purge job deletes their bytes by the same rule as after a decision made live.
      writer.linkDocuments(
        rows.flatMap((r) => {
          const decidedAt = r.status === 'approved' || r.status === 'rejected' ? (r.decision?.decidedAt ?? null) : null;
          return r.documents.map((d) => ({ id: d.id, recoveryId: r.id, decidedAt }));
        }),
      );
    },
    callbacks: (rows) => {
      insert('callback', rows);
    },
    documents: (rows) => {
      writer.documents(
        rows.map((r) => {
          const bytes = Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength);
          return { id: r.id, bytes, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
        }),
      );
    },
  };
  return {
    sink,
    commit: () => writer.commit({ head: seq, added: seen, messagesBeforeTickets }),
    rollback: () => writer.rollback(),
  };
}
