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

/**
 * What a search may name exactly, beside its words: a ticket number, an
 * e-mail address, a customer number or a domain. Agents paste these from a
 * phone call or an e-mail; the full-text index cuts them into words (`@` and
 * `.` separate tokens there), so "1994" also matches every text holding 1994
 * and an address matches its parts anywhere. Main looks these up in indexes
 * and lists what they name first.
 */
export interface ExactProbes {
  /** `#1994` or `1994` → "1994" (leading zeros dropped: ticket ids are plain numbers). */
  ticketId: string | null;
  /** Lower case: addresses are compared case-insensitively. */
  email: string | null;
  /** As typed and in upper case ("ch-104233" finds "CH-104233"). */
  customerNumbers: string[];
  /** Lower case, without a scheme, `www.`, path or leading `@`. */
  domain: string | null;
}

const TICKET_NUMBER = /^#?0*(\d{1,12})$/;
const EMAIL = /^[^\s@]+@([^\s@]+\.[^\s@]+)$/;
// Labels of letters, digits and hyphens, at least one dot, a final label of two or more letters.
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;
// Customer numbers hold a digit ("CH-104233"); the account schema allows up to 32 characters.
const CUSTOMER_NUMBER = /^(?=.*\d)[\p{L}\p{N}._/-]{1,32}$/u;

/**
 * The exact lookups a search text asks for; null when it is not one token
 * (a sentence is a full-text search only) or names nothing exact.
 */
export function exactProbes(text: string): ExactProbes | null {
  const token = text.trim();
  if (token === '' || /\s/.test(token)) return null;
  const number = TICKET_NUMBER.exec(token);
  const email = EMAIL.test(token) ? token.toLowerCase() : null;
  const domain = email === null ? domainOf(token) : null;
  const bare = token.replace(/^#/, '');
  const customerNumbers =
    email === null && domain === null && CUSTOMER_NUMBER.test(bare) ? [...new Set([bare, bare.toUpperCase()])] : [];
  const probes: ExactProbes = { ticketId: number?.[1] ?? null, email, customerNumbers, domain };
  return probes.ticketId === null && email === null && domain === null && customerNumbers.length === 0 ? null : probes;
}

function domainOf(token: string): string | null {
  const host = token
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^@/, '')
    .replace(/^www\./, '')
    .replace(/[/?#].*$/, '')
    .replace(/\.$/, '');
  return DOMAIN.test(host) ? host : null;
}
