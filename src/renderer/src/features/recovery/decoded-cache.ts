/**
 * Documents the window has already decoded (a parsed PDF, an image's
 * bitmap), so that going back to a request (J/K) draws at once instead of
 * decoding 12 megapixels again. Small (a few documents), and emptied when
 * their request is decided and when the desk closes: pixels of identity
 * documents stay no longer than the work on them.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

export type Decoded = { kind: 'pdf'; doc: PDFDocumentProxy; pages: number } | { kind: 'image'; bitmap: ImageBitmap };

interface Entry {
  requestId: string;
  decoded: Decoded;
}

const MAX_ENTRIES = 4;
const entries = new Map<string, Entry>();
/**
 * Page counts of the PDFs decoded, by document id, kept after the pixels are released: the checklist names
 * "PDF, 2 pages" beside each document's confirmation, and a number says nothing about the person.
 */
const pageCounts = new Map<string, number>();
const listeners = new Set<() => void>();

export function pageCountOf(documentId: string): number | undefined {
  return pageCounts.get(documentId);
}

/** For useSyncExternalStore: called whenever a PDF's page count becomes known. */
export function subscribePageCounts(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function release(d: Decoded): void {
  if (d.kind === 'pdf') void d.doc.destroy();
  else d.bitmap.close();
}

export function hasDecoded(documentId: string): boolean {
  return entries.has(documentId);
}

export function takeDecoded(documentId: string): Decoded | undefined {
  const e = entries.get(documentId);
  if (e === undefined) return undefined;
  // Most recently used last: the first key is the one to evict.
  entries.delete(documentId);
  entries.set(documentId, e);
  return e.decoded;
}

export function keepDecoded(requestId: string, documentId: string, decoded: Decoded): void {
  const old = entries.get(documentId);
  if (old !== undefined && old.decoded !== decoded) release(old.decoded);
  if (decoded.kind === 'pdf' && pageCounts.get(documentId) !== decoded.pages) {
    pageCounts.set(documentId, decoded.pages);
    for (const l of listeners) l();
  }
  entries.delete(documentId);
  entries.set(documentId, { requestId, decoded });
  while (entries.size > MAX_ENTRIES) {
    const first = entries.keys().next();
    if (first.done === true) break;
    const e = entries.get(first.value);
    entries.delete(first.value);
    if (e !== undefined) release(e.decoded);
  }
}

export function forgetDecoded(requestIds?: readonly string[]): void {
  for (const [id, e] of [...entries]) {
    if (requestIds === undefined || requestIds.includes(e.requestId)) {
      entries.delete(id);
      release(e.decoded);
    }
  }
}
