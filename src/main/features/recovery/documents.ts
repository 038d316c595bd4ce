/**
 * Opening a recovery document: from memory when it was fetched before,
 * otherwise downloaded through the sync worker (bytes + sha256), checked
 * (size, integrity, real format, declared type, pixel count from the header)
 * and kept in memory. Every opening is in the backend's audit log before the
 * bytes go to the window: no audit, no view. A download is its own entry (the
 * backend writes it in the transaction that serves the bytes); an opening from
 * memory sends one view, since the backend served nothing. So each opening is
 * one entry, never two. A document the backend deleted after the request's
 * decision (410 document_purged) opens as "deleted", not as an error.
 */
import { randomUUID } from 'node:crypto';
import { cleanFileName } from '../../../shared/documents/file-name.js';
import { MAX_DOCUMENT_BYTES } from '../../../shared/documents/formats.js';
import { describeRealType, inspectDocument } from '../../../shared/documents/inspect.js';
import type { Inspection } from '../../../shared/documents/inspect.js';
import type { AttachmentMeta } from '../../../shared/entities.js';
import type { DocumentOpen } from '../../../shared/ipc-recovery.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import type { DocumentStore } from './document-store.js';

export interface OpenDocumentDeps {
  sync: Pick<SyncWorkerHandle, 'download' | 'call'>;
  store: DocumentStore;
  maxBytes?: number;
}

type Fetched =
  { ok: true; bytes: Uint8Array; inspection: Inspection } | { ok: false; tooLarge: boolean; purged: boolean };

async function fetchAndInspect(deps: OpenDocumentDeps, meta: AttachmentMeta, maxBytes: number): Promise<Fetched> {
  let got;
  try {
    // One byte over the limit is enough to know a file is too large, without reading it all.
    got = await deps.sync.download(meta.id, maxBytes);
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    return {
      ok: false,
      tooLarge: /too_large|over \d+ bytes|\b413\b/u.test(text),
      purged: /\bdocument_purged\b/u.test(text),
    };
  }
  // The backend's own claim must agree with the record's, and the bytes with both.
  const expected = got.declaredSha256 !== null && got.declaredSha256 !== meta.sha256 ? 'conflicting' : meta.sha256;
  const inspection = inspectDocument({
    bytes: got.bytes,
    declaredType: meta.declaredType,
    declaredName: meta.declaredName,
    expectedSha256: expected,
    actualSha256: got.sha256,
    maxBytes,
  });
  return { ok: true, bytes: got.bytes, inspection };
}

async function recordView(
  deps: OpenDocumentDeps,
  requestId: string,
  documentId: string,
  checklist: Record<string, 'pass' | 'fail' | 'review'>,
): Promise<boolean> {
  try {
    const answer = await deps.sync.call({
      mutation: 'recordDocumentView',
      recordId: requestId,
      body: { documentId, checklist },
      idempotencyKey: `view-${randomUUID()}`,
    });
    return answer.ok;
  } catch {
    return false;
  }
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export async function openDocument(
  deps: OpenDocumentDeps,
  requestId: string,
  meta: AttachmentMeta,
  checklist: Record<string, 'pass' | 'fail' | 'review'>,
  withBytes = true,
): Promise<DocumentOpen> {
  const displayName = cleanFileName(meta.declaredName);
  const maxBytes = deps.maxBytes ?? MAX_DOCUMENT_BYTES;
  const cached = deps.store.get(meta.id);
  // Downloaded: the backend's answer carried the bytes only after writing the view to its audit log.
  const [fetched, audited] =
    cached === undefined
      ? [await fetchAndInspect(deps, meta, maxBytes), true]
      : await Promise.all([
          Promise.resolve<Fetched>({ ok: true, bytes: cached.bytes, inspection: cached.inspection }),
          recordView(deps, requestId, meta.id, checklist),
        ]);
  const base = { documentId: meta.id, displayName };
  if (!fetched.ok && fetched.purged) return { ...base, status: 'deleted' };
  if (!fetched.ok) {
    return {
      ...base,
      status: 'refused',
      reason: fetched.tooLarge ? 'too_large' : 'download_failed',
      realType: null,
      format: null,
    };
  }
  const { bytes, inspection } = fetched;
  if (cached === undefined && inspection.status === 'viewable') {
    deps.store.put({ requestId, documentId: meta.id, bytes, inspection });
  }
  if (!audited) return { ...base, status: 'refused', reason: 'audit_unavailable', realType: null, format: null };
  if (inspection.status === 'refused') {
    const realType = inspection.reason === 'format_not_accepted' ? await describeRealType(bytes) : null;
    return { ...base, status: 'refused', reason: inspection.reason, realType, format: inspection.format };
  }
  return {
    ...base,
    status: 'viewable',
    format: inspection.format,
    width: inspection.width,
    height: inspection.height,
    size: bytes.length,
    base64: withBytes ? toBase64(bytes) : null,
  };
}
