/**
 * Document blobs (identity documents, attachments), addressed by AttachmentMeta.id.
 * An identity document belongs to one recovery request; once the request is
 * decided its bytes are deleted after the retention (docs/product-rules.md#identity-documents-are-personal-data),
 * and the row keeps only what the audit needs: hash, size, when it was purged.
 */
import { createHash } from 'node:crypto';
import type { SqlSession } from '../db/sql.js';

export interface StoredDocument {
  id: string;
  /** Empty once purged. */
  bytes: Buffer;
  size: number;
  sha256: string;
  /** The recovery request the document was sent with; null for a ticket attachment. */
  recoveryId: string | null;
  /** When its bytes were deleted; null while they are kept. */
  purgedAt: string | null;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface Row {
  id: string;
  bytes: Uint8Array;
  size: number;
  sha256: string;
  recovery_id: string | null;
  purged_at: string | null;
}

/** Over a session: the database, or the transaction the caller writes in. */
export class Documents {
  constructor(private readonly db: SqlSession) {}

  async put(id: string, bytes: Buffer, recoveryId: string | null = null): Promise<StoredDocument> {
    const doc = { id, bytes, size: bytes.length, sha256: sha256Hex(bytes), recoveryId, purgedAt: null };
    await this.db.run('INSERT INTO document (id, bytes, size, sha256, recovery_id) VALUES (?, ?, ?, ?, ?)', [
      id,
      bytes,
      doc.size,
      doc.sha256,
      recoveryId,
    ]);
    return doc;
  }

  async get(id: string): Promise<StoredDocument | undefined> {
    const row = await this.db.get<Row>(
      'SELECT id, bytes, size, sha256, recovery_id, purged_at FROM document WHERE id = ?',
      [id],
    );
    return row === undefined
      ? undefined
      : {
          id: row.id,
          bytes: Buffer.isBuffer(row.bytes) ? row.bytes : Buffer.from(row.bytes),
          size: row.size,
          sha256: row.sha256,
          recoveryId: row.recovery_id,
          purgedAt: row.purged_at,
        };
  }

  /** The request was approved or rejected at `at`: the retention of its documents starts. */
  async markDecided(recoveryId: string, documentIds: readonly string[], at: string): Promise<void> {
    for (const id of documentIds) {
      await this.db.run(
        'UPDATE document SET decided_at = ?, recovery_id = coalesce(recovery_id, ?) WHERE id = ? AND decided_at IS NULL',
        [at, recoveryId, id],
      );
    }
  }

  /**
   * Deletes the bytes of every document whose request was decided at least `retentionMs` before `now`.
   * Answers how many were purged.
   */
  async purgeDue(now: Date, retentionMs: number): Promise<number> {
    const cutoff = new Date(now.getTime() - retentionMs).toISOString();
    const purged = await this.db.run(
      `UPDATE document SET bytes = ?, purged_at = ?
       WHERE purged_at IS NULL AND decided_at IS NOT NULL AND decided_at <= ?`,
      [EMPTY, now.toISOString(), cutoff],
    );
    return purged.changes;
  }

  /** A view the backend served, beside its audit entry (same transaction). */
  async recordView(view: {
    documentId: string;
    recoveryId: string;
    agentId: string;
    auditId: string;
    at: string;
  }): Promise<void> {
    await this.db.run(
      'INSERT INTO document_view (document_id, recovery_id, agent_id, audit_id, at) VALUES (?, ?, ?, ?, ?)',
      [view.documentId, view.recoveryId, view.agentId, view.auditId, view.at],
    );
  }

  /** Ids of the request's documents that `agentId` downloaded. */
  async viewedBy(recoveryId: string, agentId: string): Promise<Set<string>> {
    const rows = await this.db.rows(
      'SELECT DISTINCT document_id FROM document_view WHERE recovery_id = ? AND agent_id = ?',
      [recoveryId, agentId],
    );
    return new Set(rows.map(([id]) => id as string));
  }
}

/** What a purged document's bytes become (the column stays NOT NULL). */
const EMPTY = new Uint8Array(0);
