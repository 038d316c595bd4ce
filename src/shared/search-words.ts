/**
 * The words a search looks for: letters, digits, `_`, and `@ . -` inside a
 * word (e-mail addresses, domains, ticket numbers). Everything else separates
 * words. Main builds its full-text query from these; the search box tells the
 * person when what they typed holds none, instead of silently showing the
 * whole queue.
 */
export const MAX_SEARCH_WORDS = 16;
/** The longest search text the queue takes (the IPC contract refuses more; the search box stops there). */
export const MAX_SEARCH_LENGTH = 200;

export function searchWords(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}_@.-]+/u)
    .map((w) => w.replace(/^[.@-]+|[.@-]+$/g, ''))
    .filter((w) => w.length > 0)
    .slice(0, MAX_SEARCH_WORDS);
}
