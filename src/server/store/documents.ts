/**
 * Document blobs (identity documents, attachments), addressed by AttachmentMeta.id.
 * An identity document belongs to one recovery request; once the request is
 * decided its bytes are deleted after the retention (docs/product-rules.md#identity-documents-are-personal-data),
 * and the row keeps only what the audit needs: hash, size, when it was purged.
 */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

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
  bytes: Buffer;
  size: number;
  sha256: string;
  recovery_id: string | null;
  purged_at: string | null;
}

export class Documents {
  constructor(private readonly db: Database) {}

  put(id: string, bytes: Buffer, recoveryId: string | null = null): StoredDocument {
    const doc = { id, bytes, size: bytes.length, sha256: sha256Hex(bytes), recoveryId, purgedAt: null };
    this.db
      .prepare('INSERT INTO document (id, bytes, size, sha256, recovery_id) VALUES (?, ?, ?, ?, ?)')
      .run(id, bytes, doc.size, doc.sha256, recoveryId);
    return doc;
  }

  get(id: string): StoredDocument | undefined {
    const row = this.db
      .prepare<[string], Row>('SELECT id, bytes, size, sha256, recovery_id, purged_at FROM document WHERE id = ?')
      .get(id);
    return row === undefined
      ? undefined
      : {
          id: row.id,
          bytes: row.bytes,
          size: row.size,
          sha256: row.sha256,
          recoveryId: row.recovery_id,
          purgedAt: row.purged_at,
        };
  }

  /** The request was approved or rejected at `at`: the retention of its documents starts. */
  markDecided(recoveryId: string, documentIds: readonly string[], at: string): void {
    const mark = this.db.prepare(
      'UPDATE document SET decided_at = ?, recovery_id = coalesce(recovery_id, ?) WHERE id = ? AND decided_at IS NULL',
    );
    for (const id of documentIds) mark.run(at, recoveryId, id);
  }

  /**
   * Deletes the bytes of every document whose request was decided at least `retentionMs` before `now`.
   * Answers how many were purged.
   */
  purgeDue(now: Date, retentionMs: number): number {
    const cutoff = new Date(now.getTime() - retentionMs).toISOString();
    return this.db
      .prepare(
        `UPDATE document SET bytes = zeroblob(0), purged_at = ?
         WHERE purged_at IS NULL AND decided_at IS NOT NULL AND decided_at <= ?`,
      )
      .run(now.toISOString(), cutoff).changes;
  }

  /** A view the backend served, beside its audit entry (same transaction). */
  recordView(view: { documentId: string; recoveryId: string; agentId: string; auditId: string; at: string }): void {
    this.db
      .prepare('INSERT INTO document_view (document_id, recovery_id, agent_id, audit_id, at) VALUES (?, ?, ?, ?, ?)')
      .run(view.documentId, view.recoveryId, view.agentId, view.auditId, view.at);
  }

  /** Ids of the request's documents that `agentId` downloaded. */
  viewedBy(recoveryId: string, agentId: string): Set<string> {
    const ids = this.db
      .prepare<[string, string], string>(
        'SELECT DISTINCT document_id FROM document_view WHERE recovery_id = ? AND agent_id = ?',
      )
      .pluck()
      .all(recoveryId, agentId);
    return new Set(ids);
  }
}
