/**
 * The tickets a search names exactly (src/shared/search-words.ts
 * `exactProbes`): by number, by the requester's e-mail, by the account's
 * customer number, by a domain (the requester's address or the account's
 * registered addresses). The queue lists them first, above the full-text
 * matches. Every lookup is an index range scan (migration 012 for the
 * addresses, the accounts' customer-number index, the tickets' account
 * index), newest first, capped.
 */
import type { Statement } from 'better-sqlite3';
import type { ExactProbes } from '../../shared/search-words.js';

/** The most exact matches listed: a mail provider's domain names a large part of the tickets. */
export const EXACT_CAP = 500;

/**
 * A domain registered by more accounts than this is a mail provider's
 * (bluewin.ch, gmail.com), not a customer's own: its accounts' tickets would
 * be a large part of the base, so only the requesters writing from it count.
 */
export const PROVIDER_ACCOUNTS = 20;

/**
 * The newest entries of an address or a domain looked at. Testing an entry against the view's set is a call
 * into JS (~0.5 µs): a mail provider's domain held 117,551 of 1M tickets, and finding 500 of them in open
 * work walked enough of them to take 45–75 ms; bounded, the walk costs a few ms. A customer's own address or
 * domain has far fewer tickets, so its matches stay complete.
 */
export const EXACT_WALK = 5_000;

// Verbatim as in migration 012's indexes, or SQLite would not use them.
const EMAIL_KEY = 'lower(requester_email)';
const DOMAIN_KEY = "lower(substr(requester_email, instr(requester_email, '@') + 1))";

/**
 * Rids of the tickets the probes name, newest first, at most EXACT_CAP.
 * `filtered`: test each against the view's set (`sc_in_view`, view-sets.ts,
 * loaded by the caller); false when the view holds every ticket.
 */
export function exactMatchRids(prepared: (sql: string) => Statement, probes: ExactProbes, filtered: boolean): number[] {
  const inView = (col: string) => (filtered ? ` AND sc_in_view(${col})` : '');
  const rids = (sql: string, ...params: unknown[]): number[] =>
    prepared(sql)
      .pluck()
      .all(...params) as number[];
  // The newest EXACT_WALK entries of the key, newest first (a backward range scan of its index), then the view.
  const newestOf = (key: string): string =>
    `SELECT rid FROM (SELECT rid FROM tickets WHERE ${key} = ? ORDER BY rid DESC LIMIT ?) WHERE 1${inView('rid')} ORDER BY rid DESC LIMIT ?`;
  const found: number[] = [];
  if (probes.ticketId !== null)
    found.push(...rids(`SELECT rid FROM tickets WHERE id = ?${inView('rid')}`, probes.ticketId));
  if (probes.email !== null) found.push(...rids(newestOf(EMAIL_KEY), probes.email, EXACT_WALK, EXACT_CAP));
  if (probes.customerNumbers.length > 0)
    found.push(
      ...rids(
        `SELECT t.rid FROM accounts a JOIN tickets t ON t.account_id = a.id
          WHERE a.customer_number IN (${probes.customerNumbers.map(() => '?').join(', ')})${inView('t.rid')}
          ORDER BY t.rid DESC LIMIT ?`,
        ...probes.customerNumbers,
        EXACT_CAP,
      ),
    );
  if (probes.domain !== null) {
    found.push(...rids(newestOf(DOMAIN_KEY), probes.domain, EXACT_WALK, EXACT_CAP));
    const accounts = rids(
      'SELECT count(*) FROM (SELECT 1 FROM account_domains WHERE domain = ? LIMIT ?)',
      probes.domain,
      PROVIDER_ACCOUNTS + 1,
    )[0];
    if (accounts !== undefined && accounts > 0 && accounts <= PROVIDER_ACCOUNTS)
      found.push(
        ...rids(
          `SELECT t.rid FROM account_domains d JOIN tickets t ON t.account_id = d.account_id
            WHERE d.domain = ?${inView('t.rid')} ORDER BY t.rid DESC LIMIT ?`,
          probes.domain,
          EXACT_CAP,
        ),
      );
  }
  return [...new Set(found)].sort((a, b) => b - a).slice(0, EXACT_CAP);
}
