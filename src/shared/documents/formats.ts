/**
 * The document formats the provider accepts (PDF, GIF, PNG, JPG:
 * docs/product-rules.md#document-checks), judged by the file's first bytes, and what the requester declared (the
 * upload's MIME type and the file name's extension). Synchronous and pure so
 * that the reference backend can apply it inside a write transaction and the
 * console gets the very same answer.
 *
 * A magic number only says how a file starts: a GIF/JS polyglot starts like
 * a GIF (file-type sniffs it as image/gif). The viewer still decodes under
 * limits, and nothing it decodes can run.
 */

export const ACCEPTED_FORMATS = ['pdf', 'png', 'jpeg', 'gif'] as const;
export type AcceptedFormat = (typeof ACCEPTED_FORMATS)[number];

/** The largest document the console fetches and shows (the reference backend's upload limit). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const SIGNATURES: readonly (readonly [AcceptedFormat, readonly number[]])[] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x37, 0x61]], // GIF87a
  ['gif', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]], // GIF89a
];

/** The accepted format the bytes start with, or null when they start like none of them. */
export function sniffAccepted(bytes: Uint8Array): AcceptedFormat | null {
  for (const [format, sig] of SIGNATURES) {
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return format;
  }
  return null;
}

const BY_MIME: Readonly<Record<string, AcceptedFormat>> = {
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/gif': 'gif',
};

const BY_EXTENSION: Readonly<Record<string, AcceptedFormat>> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  gif: 'gif',
};

/** MIME types that declare nothing: browsers send them for files they cannot name. */
const NO_DECLARATION = new Set(['', 'application/octet-stream', 'binary/octet-stream']);

/**
 * What the requester said the file is.
 * - `format`: the accepted format declared (MIME first, then extension), or null;
 * - `conflict`: MIME and extension name two different formats, or one of them names a format we do not accept;
 * - `unknown`: neither says anything.
 */
export interface Declared {
  format: AcceptedFormat | null;
  conflict: boolean;
  unknown: boolean;
}

function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot <= 0
    ? ''
    : base
        .slice(dot + 1)
        .trim()
        .toLowerCase();
}

export function declaredFormat(declaredType: string, declaredName: string): Declared {
  const mime = declaredType.split(';')[0]?.trim().toLowerCase() ?? '';
  const ext = extensionOf(declaredName);
  const byMime = NO_DECLARATION.has(mime) ? undefined : (BY_MIME[mime] ?? null);
  const byExt = ext === '' ? undefined : (BY_EXTENSION[ext] ?? null);
  const said = [byMime, byExt].filter((f) => f !== undefined);
  if (said.length === 0) return { format: null, conflict: false, unknown: true };
  const first = said[0] ?? null;
  const conflict = said.some((f) => f === null) || said.some((f) => f !== first);
  return { format: conflict ? null : first, conflict, unknown: false };
}

/** Why a document's format check fails, or null when the bytes are an accepted format and match the declaration. */
export type FormatProblem = 'format_not_accepted' | 'format_mismatch' | 'declared_type_unknown';

export function formatProblem(real: AcceptedFormat | null, declared: Declared): FormatProblem | null {
  if (real === null) return 'format_not_accepted';
  if (declared.unknown) return 'declared_type_unknown';
  if (declared.conflict || declared.format !== real) return 'format_mismatch';
  return null;
}
