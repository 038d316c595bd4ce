/**
 * Opening a ticket's attachment: downloaded through the sync worker from the
 * backend's attachments route (bytes + sha256), then put through the same
 * checks as an identity document before any decoder sees it (size, integrity
 * against the ticket's sha256, real format by magic number, agreement with
 * the declared type, pixel count from the header). Nothing is kept: an
 * attachment is opened now and then, not flipped through like a request's
 * documents, and it is not audited (it is no identity document).
 */
import { cleanFileName } from '../../../shared/documents/file-name.js';
import { MAX_DOCUMENT_BYTES } from '../../../shared/documents/formats.js';
import { describeRealType, inspectDocument } from '../../../shared/documents/inspect.js';
import type { AttachmentMeta } from '../../../shared/entities.js';
import type { DocumentOpen } from '../../../shared/ipc-recovery.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';

export interface OpenAttachmentDeps {
  sync: Pick<SyncWorkerHandle, 'download'>;
  maxBytes?: number;
}

export async function openAttachment(deps: OpenAttachmentDeps, meta: AttachmentMeta): Promise<DocumentOpen> {
  const maxBytes = deps.maxBytes ?? MAX_DOCUMENT_BYTES;
  const base = { documentId: meta.id, displayName: cleanFileName(meta.declaredName) };
  let got;
  try {
    // One byte over the limit is enough to know a file is too large, without reading it all.
    got = await deps.sync.download(meta.id, maxBytes, 'attachment');
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const tooLarge = /too_large|over \d+ bytes|\b413\b/u.test(text);
    return {
      ...base,
      status: 'refused',
      reason: tooLarge ? 'too_large' : 'download_failed',
      realType: null,
      format: null,
    };
  }
  // The backend's own claim must agree with the ticket's, and the bytes with both.
  const expected = got.declaredSha256 !== null && got.declaredSha256 !== meta.sha256 ? 'conflicting' : meta.sha256;
  const inspection = inspectDocument({
    bytes: got.bytes,
    declaredType: meta.declaredType,
    declaredName: meta.declaredName,
    expectedSha256: expected,
    actualSha256: got.sha256,
    maxBytes,
  });
  if (inspection.status === 'refused') {
    const realType = inspection.reason === 'format_not_accepted' ? await describeRealType(got.bytes) : null;
    return { ...base, status: 'refused', reason: inspection.reason, realType, format: inspection.format };
  }
  return {
    ...base,
    status: 'viewable',
    format: inspection.format,
    width: inspection.width,
    height: inspection.height,
    size: got.bytes.length,
    base64: Buffer.from(got.bytes.buffer, got.bytes.byteOffset, got.bytes.byteLength).toString('base64'),
  };
}
