/**
 * Uploaded file names are the requester's text: shown to the verifier, never
 * used as a path. Cleaning removes what could mislead or break the display:
 * control characters, bidirectional overrides and isolates (an RTL override
 * turns "gpj.exe" into "exe.jpg" on screen), zero-width characters, and any
 * directory part ("../../etc/passwd" shows as "passwd").
 */

const MAX_SHOWN = 120;

// Controls (Cc) and format characters (Cf: bidi embeddings/overrides/isolates/marks, zero-width, BOM), line separators.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function cleanFileName(raw: string, fallback = 'document'): string {
  const noControls = raw.normalize('NFC').replace(INVISIBLE, '');
  // Both separators: a Windows path typed into a browser arrives with backslashes.
  const base = noControls.split(/[\\/]/).pop() ?? '';
  const trimmed = base.replace(/^[\s.]+/u, '').trim();
  if (trimmed === '') return fallback;
  // Cut between graphemes, so a long name never ends in half an emoji or a lone accent.
  const parts = Array.from(GRAPHEMES.segment(trimmed), (s) => s.segment);
  return parts.length <= MAX_SHOWN ? trimmed : `${parts.slice(0, MAX_SHOWN - 1).join('')}…`;
}
