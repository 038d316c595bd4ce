/**
 * What a document's file name suggests it is. Requesters name their files
 * after what they photographed or downloaded ("Rechnung.pdf", "passeport.jpg"),
 * in the four languages of the desk. A name is the requester's text and can be
 * wrong, so this only points the verifier at the likely kind: it never
 * confirms one, and "IMG_2041.jpg" suggests nothing.
 */
import type { DocumentKind } from './checklist.js';

/** Words of a file name that point to a kind, compared without accents and case, as whole words. */
const WORDS: readonly (readonly [DocumentKind, readonly string[]])[] = [
  ['invoice', ['rechnung', 'facture', 'fattura', 'invoice', 'quittung', 'receipt', 'bill', 'beleg']],
  [
    'company_stamp_signature',
    ['stempel', 'cachet', 'timbro', 'stamp', 'firmenstempel', 'unterschrift', 'signature', 'firma'],
  ],
  ['passport', ['pass', 'passeport', 'passaporto', 'passport', 'reisepass']],
  ['id_card', ['id', 'ausweis', 'identitatskarte', 'carte', 'identite', 'carta', 'identita', 'idcard', 'cni']],
];

function wordsOf(fileName: string): string[] {
  const base = fileName.split(/[\\/]/u).pop() ?? '';
  const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
  return stem
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/u)
    .filter((w) => w !== '');
}

/** The kind the file name points to, or null when it names none (or two that disagree). */
export function kindSuggestedByName(fileName: string): DocumentKind | null {
  const words = new Set(wordsOf(fileName));
  const found = WORDS.filter(([, names]) => names.some((n) => words.has(n))).map(([kind]) => kind);
  return found.length === 1 ? (found[0] ?? null) : null;
}
