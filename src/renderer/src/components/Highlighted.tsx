/** A search snippet with its matches in <mark>: text nodes only, never HTML from customer text. */
import { splitHighlights } from '../lib/highlight.js';

export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {splitHighlights(text).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
