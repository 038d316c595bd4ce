/**
 * Identity documents in memory only: never written to disk, never logged.
 * Bounded by total bytes (least recently used goes first), and forgotten when
 * their request is decided, on sign-out and when the services stop. A
 * document is kept with its inspection so a second look needs no download.
 */
import type { Inspection } from '../../../shared/documents/inspect.js';

export interface StoredDocument {
  requestId: string;
  documentId: string;
  bytes: Uint8Array;
  inspection: Inspection;
}

export interface DocumentStore {
  get(documentId: string): StoredDocument | undefined;
  put(doc: StoredDocument): void;
  /** Forgets every document of these requests (decided, or their duplicates). */
  purgeRequests(requestIds: readonly string[]): void;
  purgeAll(): void;
  readonly bytes: number;
  readonly size: number;
}

/** 96 MiB: a verifier's working set (a few requests ahead and behind), well under a renderer's memory. */
export const DEFAULT_STORE_BYTES = 96 * 1024 * 1024;

export function createDocumentStore(maxBytes = DEFAULT_STORE_BYTES): DocumentStore {
  // A Map iterates in insertion order: re-inserting on use makes the first key the least recently used.
  const docs = new Map<string, StoredDocument>();
  let total = 0;

  const remove = (id: string): void => {
    const d = docs.get(id);
    if (d === undefined) return;
    // Overwrite before letting go: the buffer may live on until the next GC.
    d.bytes.fill(0);
    total -= d.bytes.length;
    docs.delete(id);
  };

  return {
    get(documentId) {
      const d = docs.get(documentId);
      if (d !== undefined) {
        docs.delete(documentId);
        docs.set(documentId, d);
      }
      return d;
    },
    put(doc) {
      remove(doc.documentId);
      // A document larger than the whole budget is shown but not kept.
      if (doc.bytes.length > maxBytes) return;
      while (total + doc.bytes.length > maxBytes) {
        const oldest = docs.keys().next();
        if (oldest.done === true) break;
        remove(oldest.value);
      }
      docs.set(doc.documentId, doc);
      total += doc.bytes.length;
    },
    purgeRequests(requestIds) {
      const ids = new Set(requestIds);
      for (const [id, d] of [...docs]) if (ids.has(d.requestId)) remove(id);
    },
    purgeAll() {
      for (const id of [...docs.keys()]) remove(id);
    },
    get bytes() {
      return total;
    },
    get size() {
      return docs.size;
    },
  };
}
