/**
 * Where a line may end inside an e-mail address: after its @ and its dots,
 * nowhere else. A narrow pane then wraps "marie.dupont@example.ch" as
 * "marie.dupont@" / "example.ch" instead of cutting a name in two, which
 * is what CSS does to a word too long for its line.
 */

// Deliberately loose: anything that looks like an address gets break points; nothing is validated here.
const ADDRESS = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+/gu;

export interface TextPiece {
  text: string;
  /** A line may end after this piece (a <wbr>). */
  breakAfter: boolean;
}

/** The pieces of `text`, each address cut after its @ and dots; the rest untouched. */
export function addressPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const start = match.index;
    if (start > last) pieces.push({ text: text.slice(last, start), breakAfter: false });
    const parts = match[0].split(/(?<=[@.])/u);
    parts.forEach((part, i) => {
      pieces.push({ text: part, breakAfter: i < parts.length - 1 });
    });
    last = start + match[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last), breakAfter: false });
  return pieces;
}
