/**
 * Test data for the recovery specs: requests submitted through the customer
 * portal's intake (as a requester would), and accounts no open request
 * points at (so a new request is not folded into an older duplicate).
 */
import { PNG } from 'pngjs';
import type { Account, RecoveryRequest } from '../../src/shared/entities.js';
import type { BackendAdmin } from '../../src/server/index.js';

export async function portalToken(url: string): Promise<string> {
  const res = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'portal', password: 'portal' }),
  });
  return ((await res.json()) as { token: string }).token;
}

export interface Upload {
  bytes: Uint8Array;
  name: string;
  type: string;
}

/** POST /v1/intake/recovery-requests; returns the status and, on 201, the request. */
export async function submitRecovery(
  url: string,
  token: string,
  fields: Record<string, string>,
  file: Upload,
): Promise<{ status: number; request: RecoveryRequest | null }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('document', new Blob([file.bytes.slice()], { type: file.type }), file.name);
  const res = await fetch(`${url}/v1/intake/recovery-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  return { status: res.status, request: res.status === 201 ? ((await res.json()) as RecoveryRequest) : null };
}

/** Form fields of the account's holder, resetting to its first registered address. */
export function fieldsFor(account: Account, over: Record<string, string> = {}): Record<string, string> {
  return {
    firstName: account.firstName,
    lastName: account.lastName,
    organisationName: account.organisationName ?? '',
    customerNumber: account.customerNumber,
    contactEmail: account.registeredEmails[0] ?? '',
    resetEmail: account.registeredEmails[0] ?? '',
    phone: '+41 79 555 12 34',
    street: 'Bahnhofstrasse 12',
    postalCode: '8001',
    city: 'Zürich',
    country: 'Schweiz',
    language: account.language,
    ...over,
  };
}

/** Fields of a person with no account (unique addresses: never grouped with another request). */
export function strangerFields(n: number): Record<string, string> {
  return {
    firstName: 'Test',
    lastName: `Corpus ${String(n)}`,
    contactEmail: `corpus.${String(n)}@example.org`,
    resetEmail: `corpus.${String(n)}@example.org`,
    phone: '+41 79 555 00 00',
    street: 'Teststrasse 1',
    postalCode: '3000',
    city: 'Bern',
    country: 'Schweiz',
    language: 'de',
  };
}

/** Accounts of the given type that no open recovery request matches or names. */
export async function freeAccounts(admin: BackendAdmin, type: Account['type'], count: number): Promise<Account[]> {
  const busyAccounts = new Set<string>();
  const busyEmails = new Set<string>();
  for (let i = 1; ; i++) {
    const r = await admin.get('recovery', String(i));
    if (r === undefined) break;
    if (r.status !== 'pending' && r.status !== 'info_requested') continue;
    if (r.matchedAccountId !== null) busyAccounts.add(r.matchedAccountId);
    busyEmails.add(r.fields.contactEmail.toLowerCase());
    busyEmails.add(r.fields.resetEmail.toLowerCase());
  }
  const out: Account[] = [];
  for (let i = 1; out.length < count; i++) {
    // The seed's account ids (src/server/seed/people.ts accountId).
    const a = await admin.get('account', `acc-${String(i).padStart(7, '0')}`);
    if (a === undefined) break;
    if (a.type !== type || busyAccounts.has(a.id)) continue;
    if (a.registeredEmails.some((e) => busyEmails.has(e.toLowerCase()))) continue;
    out.push(a);
  }
  if (out.length < count) throw new Error(`only ${String(out.length)} free ${type} accounts`);
  return out;
}

/** A small real PNG: a grey card with a darker band, enough to look like a scan. */
export function cardPng(width = 480, height = 300): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const band = y > 40 && y < 80;
      const photo = x > 30 && x < 150 && y > 100 && y < 260;
      const v = band ? 90 : photo ? 150 : 225;
      png.data[i] = v;
      png.data[i + 1] = v + (band ? 20 : 0);
      png.data[i + 2] = v + (band ? 60 : 10);
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** A PNG whose header is fine and whose image data is garbage: sniffs and sizes as PNG, cannot be decoded. */
export function brokenPng(): Uint8Array {
  const good = cardPng(64, 48);
  const out = good.slice();
  // Past the signature and IHDR (8 + 25 bytes): scramble everything, IDAT included.
  for (let i = 40; i < out.length - 12; i++) out[i] = (out[i] ?? 0) ^ 0x5a;
  return out;
}

/** A one-page invoice, what requesters too often send "as proof". */
export async function invoicePdf(): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const lines = ['RECHNUNG / FACTURE', 'Nr. 2026-0412', 'Webhosting Pro, 12 Monate', 'Total CHF 238.00'];
  lines.forEach((text, i) => {
    page.drawText(text, { x: 60, y: 760 - i * 28, size: i === 0 ? 22 : 14, font });
  });
  return doc.save();
}
