/**
 * The verdict of every recovery request of the demo seed (the embedded backend's seed 1, 60 requests), next to
 * the product rules written out here on their own: no request may be "ready" while it breaks one, nor before the
 * verifier confirmed what each of its documents is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { declaredFormat, formatProblem, sniffAccepted } from '../../shared/documents/formats.js';
import type { AcceptedFormat } from '../../shared/documents/formats.js';
import type { Account, RecoveryRequest } from '../../shared/entities.js';
import type { DocumentKind } from '../../shared/recovery/checklist.js';
import { kindSuggestedByName } from '../../shared/recovery/document-names.js';
import { recoveryVerdict } from '../../shared/recovery/verdict.js';
import { collectSeed } from '../seed/collecting-sink.js';
import type { CollectedSeed } from '../seed/collecting-sink.js';

let seed: CollectedSeed;
let accounts: Map<string, Account>;

beforeAll(() => {
  seed = collectSeed({ seed: 1 });
  accounts = new Map(seed.accounts.map((a) => [a.id, a]));
});

function sniffed(r: RecoveryRequest): Record<string, AcceptedFormat | null> {
  return Object.fromEntries(
    r.documents.map((d) => [d.id, sniffAccepted(seed.documents.get(d.id) ?? new Uint8Array())]),
  );
}

/**
 * What each seeded document is, the way a verifier looking at it would confirm it: the seed names files after
 * what they show, except phone photos ("IMG_…", always an ID card or a passport) and "Dokument"-like names (other).
 */
function lookedAt(r: RecoveryRequest): Record<string, DocumentKind> {
  return Object.fromEntries(
    r.documents.map((d) => [
      d.id,
      kindSuggestedByName(d.declaredName) ?? (d.declaredName.startsWith('IMG_') ? 'id_card' : 'other'),
    ]),
  );
}

/** The rules of docs/product-rules.md#what-a-verifier-checks, written out independently of the checklist. */
function rulesBroken(r: RecoveryRequest, kinds: Record<string, DocumentKind>): string[] {
  const account = r.matchedAccountId === null ? undefined : accounts.get(r.matchedAccountId);
  const f = r.fields;
  const broken: string[] = [];
  const required = ['firstName', 'lastName', 'contactEmail', 'resetEmail', 'phone', 'street', 'postalCode', 'city'];
  if (account?.type === 'organisation') required.push('organisationName');
  if (required.some((k) => f[k as keyof typeof f].trim() === '') || f.country.trim() === '') broken.push('form');
  if (account === undefined) broken.push('no account');
  if (r.documents.length === 0) broken.push('no document');
  const formats = sniffed(r);
  if (
    r.documents.some(
      (d) =>
        formatProblem(formats[d.id] ?? null, declaredFormat(d.declaredType, d.declaredName)) !== null &&
        formatProblem(formats[d.id] ?? null, declaredFormat(d.declaredType, d.declaredName)) !==
          'declared_type_unknown',
    )
  )
    broken.push('format');
  const shown = Object.values(kinds);
  const identity = shown.some((k) => k === 'id_card' || k === 'passport' || k === 'company_stamp_signature');
  const registered = account?.registeredEmails.some((e) => e.toLowerCase() === f.resetEmail.trim().toLowerCase());
  if (registered !== true && !identity) broken.push('unregistered address without an identity document');
  const fits =
    account?.type === 'organisation'
      ? shown.includes('company_stamp_signature')
      : shown.includes('id_card') || shown.includes('passport');
  if (!fits) broken.push('no document that fits the account');
  return broken;
}

describe('the verdict of every seeded recovery request', () => {
  it('is never "ready" before the verifier confirmed each document, as the queue shows it', () => {
    const listing = seed.recoveries.map((r) => {
      const v = recoveryVerdict({
        request: r,
        account: accounts.get(r.matchedAccountId ?? '') ?? null,
        sniffed: sniffed(r),
        documentKinds: {},
      });
      return `#${r.id} ${v.state}`;
    });
    expect(listing).toHaveLength(60);
    expect(listing.filter((l) => l.endsWith(' ready'))).toEqual([]);
  });

  it('with each document confirmed as what it shows: ready exactly when no rule is broken, else impossible', () => {
    const wrong: string[] = [];
    const counts = { ready: 0, impossible: 0, pending: 0 };
    for (const r of seed.recoveries) {
      const kinds = lookedAt(r);
      const v = recoveryVerdict({
        request: r,
        account: accounts.get(r.matchedAccountId ?? '') ?? null,
        sniffed: sniffed(r),
        documentKinds: kinds,
      });
      counts[v.state] += 1;
      const broken = rulesBroken(r, kinds);
      const expected = broken.length === 0 ? 'ready' : 'impossible';
      if (v.state !== expected) wrong.push(`#${r.id}: ${v.state}, the rules say ${expected} (${broken.join('; ')})`);
    }
    expect(wrong).toEqual([]);
    // Both outcomes occur in the demo, so neither half of the comparison is empty.
    expect(counts.ready).toBeGreaterThan(10);
    expect(counts.impossible).toBeGreaterThan(10);
    expect(counts.pending).toBe(0);
  });

  it('calls the five invoice-only requests impossible once the invoice is confirmed, never ready', () => {
    const invoiceOnly = seed.recoveries.filter(
      (r) => r.documents.length > 0 && r.documents.every((d) => kindSuggestedByName(d.declaredName) === 'invoice'),
    );
    const open = invoiceOnly.filter((r) => r.status === 'pending' || r.status === 'info_requested');
    expect(open.map((r) => r.id)).toEqual(['17', '19', '20', '32', '45']);
    for (const r of invoiceOnly) {
      const v = recoveryVerdict({
        request: r,
        account: accounts.get(r.matchedAccountId ?? '') ?? null,
        sniffed: sniffed(r),
        documentKinds: lookedAt(r),
      });
      expect([r.id, v.state, v.failed.some((f) => f.reason === 'invoice')]).toEqual([r.id, 'impossible', true]);
    }
  });
});
