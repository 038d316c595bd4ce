/** Document blobs (identity documents, attachments), addressed by AttachmentMeta.id. */
import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';

export interface StoredDocument {
  bytes: Buffer;
  size: number;
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class Documents {
  constructor(private readonly db: Database) {}

  put(id: string, bytes: Buffer): StoredDocument {
    const doc = { bytes, size: bytes.length, sha256: sha256Hex(bytes) };
    this.db
      .prepare('INSERT INTO document (id, bytes, size, sha256) VALUES (?, ?, ?, ?)')
      .run(id, bytes, doc.size, doc.sha256);
    return doc;
  }

  get(id: string): StoredDocument | undefined {
    return this.db.prepare<[string], StoredDocument>('SELECT bytes, size, sha256 FROM document WHERE id = ?').get(id);
  }
}
