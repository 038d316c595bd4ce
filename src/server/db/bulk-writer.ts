/**
 * What the seed's bulk load (store/bulk.ts) hands a database: rows already
 * made (seq, canonical JSON, the columns filtered on), to insert as fast as
 * the database allows. Each implementation of `SqlDatabase` has its own
 * (SQLite: prepared statements in one transaction, sqlite-bulk.ts). The
 * methods are synchronous so the seed stays a plain loop; a writer may queue
 * its work and report a failure at `commit` at the latest.
 */
import type { EntityKind } from '../../shared/entities.js';

export interface BulkRecord {
  /** The row id ("42" → 42); null when the id is not a number, or when that row id is taken: the writer picks one. */
  rid: number | null;
  id: string;
  seq: number;
  version: number;
  /** 0 or 1; null for a message, whose flag follows its ticket (looked up by the writer). */
  urgent: number | null;
  /** Canonical JSON (wire.ts storedJson). */
  data: string;
  /** message and callback */
  ticketId?: string;
  /** callback only */
  expertId?: string;
  startsAt?: string;
  endsAt?: string;
  status?: string;
}

export interface BulkCredential {
  login: string;
  passwordHash: string;
  agentId: string;
  displayName: string;
  /** JSON array of role names. */
  extraRoles: string;
}

export interface BulkDocument {
  id: string;
  bytes: Buffer;
  size: number;
  sha256: string;
}

export interface BulkWriter {
  /** The sequencer's seq when the load began: the loaded rows take the seqs after it. */
  readonly startSeq: number;
  /** New rows (never an update). */
  records(kind: EntityKind, rows: readonly BulkRecord[]): void;
  /** account_key rows: [account id, 'customer' | 'email' | 'domain', value]. */
  accountKeys(rows: readonly (readonly [string, string, string])[]): void;
  credentials(rows: readonly BulkCredential[]): void;
  /** A document already there keeps its bytes. */
  documents(rows: readonly BulkDocument[]): void;
  /** A recovery request's documents: linked to it, stamped with the decision's time when decided. */
  linkDocuments(rows: readonly { id: string; recoveryId: string; decidedAt: string | null }[]): void;
  /**
   * Ends the load in one commit: the sequencer moves to `head`, the record
   * counts grow by `added`, and when messages came before their tickets their
   * urgent flag is read again from the tickets.
   */
  commit(end: {
    head: number;
    added: Readonly<Record<EntityKind, number>>;
    messagesBeforeTickets: boolean;
  }): Promise<void>;
  /** Nothing of the load stays. */
  rollback(): Promise<void>;
}
