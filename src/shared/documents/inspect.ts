/**
 * Everything the console checks about a document's bytes before any decoder
 * sees them, in order: size, integrity (sha256 against the backend's), real
 * format by magic number, agreement with the declared type, and for images
 * the pixel count read from the header. The answer is definite: viewable
 * (with what the decoder may expect) or refused with one reason code.
 */
import { fileTypeFromBuffer } from 'file-type/core';
import { declaredFormat, formatProblem, MAX_DOCUMENT_BYTES, sniffAccepted } from './formats.js';
import type { AcceptedFormat, Declared } from './formats.js';
import { MAX_IMAGE_PIXELS, readImageHeader } from './image-header.js';

export const REFUSAL_REASONS = [
  'empty',
  'too_large',
  'sha256_mismatch',
  'format_not_accepted',
  'format_mismatch',
  'image_header_unreadable',
  'image_too_large',
  // Set by the viewer after the checks above passed and the decoder still failed or took too long.
  'pdf_unreadable',
  'image_undecodable',
  'render_timeout',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface InspectInput {
  bytes: Uint8Array;
  declaredType: string;
  declaredName: string;
  /** The sha256 the backend published for the document (AttachmentMeta.sha256). */
  expectedSha256: string;
  /** What the bytes received actually hash to (computed by the caller: hashing needs a runtime). */
  actualSha256: string;
  maxBytes?: number;
  maxPixels?: number;
}

export type Inspection =
  | {
      status: 'viewable';
      format: AcceptedFormat;
      declared: Declared;
      /** Images only: the header's dimensions, already under the pixel limit. */
      width: number | null;
      height: number | null;
    }
  | { status: 'refused'; reason: RefusalReason; format: AcceptedFormat | null };

export function inspectDocument(input: InspectInput): Inspection {
  const { bytes } = input;
  const maxBytes = input.maxBytes ?? MAX_DOCUMENT_BYTES;
  if (bytes.length === 0) return { status: 'refused', reason: 'empty', format: null };
  if (bytes.length > maxBytes) return { status: 'refused', reason: 'too_large', format: null };
  if (input.actualSha256.toLowerCase() !== input.expectedSha256.toLowerCase()) {
    return { status: 'refused', reason: 'sha256_mismatch', format: null };
  }
  const format = sniffAccepted(bytes);
  const declared = declaredFormat(input.declaredType, input.declaredName);
  const problem = formatProblem(format, declared);
  if (format === null) return { status: 'refused', reason: 'format_not_accepted', format: null };
  // An undeclared type is left to the checklist ("needs a look"); a contradicting one is refused.
  if (problem === 'format_mismatch') return { status: 'refused', reason: 'format_mismatch', format };
  if (format === 'pdf') return { status: 'viewable', format, declared, width: null, height: null };
  const header = readImageHeader(bytes, format, input.maxPixels ?? MAX_IMAGE_PIXELS);
  if (!header.ok) return { status: 'refused', reason: header.reason, format };
  return { status: 'viewable', format, declared, width: header.width, height: header.height };
}

/**
 * What a refused file really is, for the message ("this is a ZIP archive"),
 * by file-type's wider signature table. Never used to accept a file.
 */
export async function describeRealType(bytes: Uint8Array): Promise<string | null> {
  try {
    const found = await fileTypeFromBuffer(bytes.subarray(0, 64 * 1024));
    return found?.mime ?? null;
  } catch {
    return null;
  }
}
