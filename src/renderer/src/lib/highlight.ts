/**
 * Splits a search snippet on the private-use highlight marks the main process
 * puts around matched terms. Customer text is never parsed as HTML: the
 * result is rendered as text nodes and <mark> elements.
 */
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/ipc.js';

export interface HighlightPart {
  text: string;
  match: boolean;
}

export function splitHighlights(snippet: string): HighlightPart[] {
  const parts: HighlightPart[] = [];
  let rest = snippet;
  let inside = false;
  while (rest.length > 0) {
    const marker = inside ? HIGHLIGHT_END : HIGHLIGHT_START;
    const at = rest.indexOf(marker);
    const text = at === -1 ? rest : rest.slice(0, at);
    // A stray mark of the other kind is dropped rather than shown as a glyph.
    const clean = text.split(inside ? HIGHLIGHT_START : HIGHLIGHT_END).join('');
    if (clean.length > 0) pushPart(parts, clean, inside);
    if (at === -1) break;
    rest = rest.slice(at + marker.length);
    inside = !inside;
  }
  return parts;
}

function pushPart(parts: HighlightPart[], text: string, match: boolean): void {
  const last = parts[parts.length - 1];
  if (last?.match === match) last.text += text;
  else parts.push({ text, match });
}
