/**
 * Lookup keys that match a recovery request to an account: customer number,
 * registered e-mail, and the domain of a registered e-mail. Accounts carry no
 * domain list in the contract, so a registered address on the customer's own
 * domain stands for it; public mail providers are left out, otherwise every
 * gmail.com customer would "own" gmail.com.
 */
import type { SqlSession } from '../db/sql.js';

const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.ch',
  'live.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'bluewin.ch',
  'gmx.ch',
  'gmx.net',
  'gmx.de',
  'web.de',
  'sunrise.ch',
  'hispeed.ch',
  'swissonline.ch',
  'orange.fr',
  'free.fr',
  'libero.it',
  'example.com',
  'example.org',
  'example.net',
]);

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function normaliseCustomerNumber(value: string): string {
  return value.trim().toUpperCase().replace(/\s+/g, '');
}

/** "https://www.Example.ch/path" -> "example.ch". */
export function normaliseDomain(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '')
    .replace(/\.$/, '');
}

export function ownDomainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 0) return null;
  const domain = normaliseDomain(email.slice(at + 1));
  return domain === '' || PUBLIC_MAIL_DOMAINS.has(domain) ? null : domain;
}

/** The account_key rows of one account, [account id, kind, value], from its (possibly invalid) data. */
export function accountKeyRows(id: string, data: unknown): [string, string, string][] {
  if (typeof data !== 'object' || data === null) return [];
  const rec = data as { customerNumber?: unknown; registeredEmails?: unknown };
  const rows: [string, string, string][] = [];
  if (typeof rec.customerNumber === 'string') rows.push([id, 'customer', normaliseCustomerNumber(rec.customerNumber)]);
  if (!Array.isArray(rec.registeredEmails)) return rows;
  const domains = new Set<string>();
  for (const email of rec.registeredEmails) {
    if (typeof email !== 'string') continue;
    rows.push([id, 'email', normaliseEmail(email)]);
    const domain = ownDomainOf(email);
    if (domain !== null) domains.add(domain);
  }
  for (const domain of domains) rows.push([id, 'domain', domain]);
  return rows;
}

/** Rewrites the keys of one account from its (possibly invalid) data, inside the transaction that wrote it. */
export async function writeAccountKeys(tx: SqlSession, id: string, data: unknown): Promise<void> {
  await tx.run('DELETE FROM account_key WHERE account_id = ?', [id]);
  for (const row of accountKeyRows(id, data)) {
    await tx.run('INSERT INTO account_key (account_id, kind, value) VALUES (?, ?, ?)', row);
  }
}

/**
 * The account a recovery form points at: customer number first (most
 * specific), then the registered e-mails given, then the domain. A key that
 * matches several accounts matches none (a verifier must not be shown the
 * wrong person's account).
 */
export async function matchAccount(
  db: SqlSession,
  form: { customerNumber: string; domain: string; resetEmail: string; contactEmail: string },
): Promise<string | null> {
  const tries: [string, string][] = [
    ['customer', normaliseCustomerNumber(form.customerNumber)],
    ['email', normaliseEmail(form.resetEmail)],
    ['email', normaliseEmail(form.contactEmail)],
    ['domain', normaliseDomain(form.domain)],
  ];
  for (const [kind, value] of tries) {
    if (value === '') continue;
    const rows = await db.all<{ account_id: string }>(
      'SELECT DISTINCT account_id FROM account_key WHERE kind = ? AND value = ? LIMIT 2',
      [kind, value],
    );
    if (rows.length === 1 && rows[0]) return rows[0].account_id;
  }
  return null;
}
