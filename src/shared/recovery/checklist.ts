/**
 * The verification checklist of a recovery request
 * (docs/product-rules.md#what-a-verifier-checks), as pure functions: the
 * console shows it and gates its approve button with it, and the reference backend refuses an approval with the
 * same functions (src/server/rules/recovery.ts). Each item says pass, fail
 * or "needs the verifier's eye", with a reason code; the UI turns
 * `recovery.check.<item>.<reason>` into a sentence.
 */
import type { Account, DOCUMENT_KINDS, RecoveryFields, RecoveryRequest } from '../entities.js';
import { declaredFormat, formatProblem } from '../documents/formats.js';
import type { AcceptedFormat } from '../documents/formats.js';

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export type ItemStatus = 'pass' | 'fail' | 'review';

/** Item ids, in display order. The seeded decisions use the same ids. */
export const CHECKLIST_ITEMS = [
  'fields_complete',
  'account_matched',
  'document_present',
  'format_matches',
  'reset_email_registered_or_document',
  'document_kind_fits_account',
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

export interface ChecklistItem {
  id: ChecklistItemId;
  status: ItemStatus;
  reason: string;
  /** i18n key of the sentence that says why. */
  key: string;
  /** Missing field names, for fields_complete. */
  fields?: (keyof RecoveryFields)[];
}

export interface ChecklistInput {
  request: Pick<RecoveryRequest, 'fields' | 'documents' | 'matchedAccountId'>;
  account: Pick<Account, 'type' | 'registeredEmails'> | null;
  /** Real format of each document by id, from its bytes (null = none of the accepted ones); absent = not checked yet. */
  sniffed: Readonly<Record<string, AcceptedFormat | null>>;
  /** The document's kind as the verifier confirmed it; null until they did. */
  documentKind: DocumentKind | null;
}

export const IDENTITY_KINDS: readonly DocumentKind[] = ['id_card', 'passport', 'company_stamp_signature'];

/** Fields every requester must fill (the portal's form); organisations also name the organisation. */
export const REQUIRED_FIELDS: readonly (keyof RecoveryFields)[] = [
  'firstName',
  'lastName',
  'contactEmail',
  'resetEmail',
  'phone',
  'street',
  'postalCode',
  'city',
  'country',
];

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function item(
  id: ChecklistItemId,
  status: ItemStatus,
  reason: string,
  extra: Partial<ChecklistItem> = {},
): ChecklistItem {
  return { id, status, reason, key: `recovery.check.${id}.${reason}`, ...extra };
}

function fieldsComplete(input: ChecklistInput): ChecklistItem {
  const f = input.request.fields;
  const required =
    input.account?.type === 'organisation' ? [...REQUIRED_FIELDS, 'organisationName' as const] : REQUIRED_FIELDS;
  const missing = required.filter((k) => f[k].trim() === '');
  if (missing.length > 0) return item('fields_complete', 'fail', 'missing', { fields: missing });
  const bad = (['contactEmail', 'resetEmail'] as const).filter((k) => !EMAIL.test(f[k].trim()));
  if (bad.length > 0) return item('fields_complete', 'fail', 'invalid_email', { fields: bad });
  return item('fields_complete', 'pass', 'complete');
}

function accountMatched(input: ChecklistInput): ChecklistItem {
  return input.request.matchedAccountId !== null && input.account !== null
    ? item('account_matched', 'pass', 'matched')
    : item('account_matched', 'fail', 'no_account');
}

function documentPresent(input: ChecklistInput): ChecklistItem {
  return input.request.documents.length > 0
    ? item('document_present', 'pass', 'present')
    : item('document_present', 'fail', 'missing');
}

function formatMatches(input: ChecklistInput): ChecklistItem {
  const docs = input.request.documents;
  if (docs.length === 0) return item('format_matches', 'review', 'no_document');
  let unchecked = false;
  let unknown = false;
  for (const d of docs) {
    if (!(d.id in input.sniffed)) {
      unchecked = true;
      continue;
    }
    const problem = formatProblem(input.sniffed[d.id] ?? null, declaredFormat(d.declaredType, d.declaredName));
    if (problem === 'format_not_accepted') return item('format_matches', 'fail', 'not_accepted');
    if (problem === 'format_mismatch') return item('format_matches', 'fail', 'mismatch');
    if (problem === 'declared_type_unknown') unknown = true;
  }
  if (unchecked) return item('format_matches', 'review', 'not_checked');
  if (unknown) return item('format_matches', 'review', 'declared_unknown');
  return item('format_matches', 'pass', 'matches');
}

function resetEmail(input: ChecklistInput): ChecklistItem {
  const id = 'reset_email_registered_or_document';
  const registered = new Set((input.account?.registeredEmails ?? []).map(normaliseEmail));
  if (registered.has(normaliseEmail(input.request.fields.resetEmail))) return item(id, 'pass', 'registered');
  // An unregistered address needs an identity document, or the request is refused
  // (docs/product-rules.md#what-the-requester-sends).
  if (input.request.documents.length === 0) return item(id, 'fail', 'not_registered_no_document');
  if (input.documentKind === null) return item(id, 'review', 'not_registered_kind_unconfirmed');
  if (IDENTITY_KINDS.includes(input.documentKind)) return item(id, 'pass', 'not_registered_identity_document');
  return item(id, 'fail', 'not_registered_not_identity');
}

function kindFits(input: ChecklistInput): ChecklistItem {
  const id = 'document_kind_fits_account';
  const kind = input.documentKind;
  if (input.request.documents.length === 0) return item(id, 'fail', 'no_document');
  if (kind === null) return item(id, 'review', 'not_confirmed');
  // An invoice is not an identity document, nor is anything else unnamed
  // (docs/product-rules.md#what-the-requester-sends).
  if (kind === 'invoice') return item(id, 'fail', 'invoice');
  if (kind === 'other') return item(id, 'fail', 'other');
  if (input.account === null) return item(id, 'review', 'no_account');
  if (input.account.type === 'individual') {
    return kind === 'company_stamp_signature' ? item(id, 'fail', 'stamp_for_individual') : item(id, 'pass', 'fits');
  }
  // An organisation proves who it is with its stamp and a signature; a person's ID card or passport does not
  // (docs/product-rules.md#what-the-requester-sends).
  return kind === 'company_stamp_signature' ? item(id, 'pass', 'fits') : item(id, 'fail', 'stamp_required');
}

/** Reviews every request has until the verifier opened the document and named its kind: routine, not a concern. */
const ROUTINE_REVIEWS = new Set(['not_checked', 'not_confirmed', 'not_registered_kind_unconfirmed']);

export type Verdict = 'ready' | 'review' | 'refuse';

export interface ChecklistResult {
  items: ChecklistItem[];
  /** At a glance: ready to approve (once the document is looked at), needs a look, must be refused. */
  verdict: Verdict;
  /** Approval is allowed only with no failing item, the document checked and its kind confirmed. */
  canApprove: boolean;
  /** Items that stop an approval now (failing, or waiting for the verifier). */
  blockers: ChecklistItem[];
  /** The rejection reason the failing items point to, for the decision bar's default. */
  suggestedReason: RejectReason | null;
  /** id -> status, as stored with a decision. */
  states: Record<ChecklistItemId, ItemStatus>;
}

export type RejectReason =
  | 'invoice_not_identity'
  | 'document_missing'
  | 'email_not_registered_no_document'
  | 'fields_incomplete'
  | 'document_unreadable'
  | 'duplicate_request'
  | 'other';

function suggest(items: readonly ChecklistItem[]): RejectReason | null {
  const failing = (id: ChecklistItemId, reason?: string) =>
    items.some((i) => i.id === id && i.status === 'fail' && (reason === undefined || i.reason === reason));
  if (failing('reset_email_registered_or_document', 'not_registered_no_document'))
    return 'email_not_registered_no_document';
  if (failing('document_kind_fits_account', 'invoice')) return 'invoice_not_identity';
  // The organisation's stamp is the document missing: the message asks for it.
  if (failing('document_present') || failing('document_kind_fits_account', 'stamp_required')) return 'document_missing';
  if (failing('format_matches')) return 'document_unreadable';
  if (failing('fields_complete')) return 'fields_incomplete';
  if (items.some((i) => i.status === 'fail')) return 'other';
  return null;
}

export function evaluateChecklist(input: ChecklistInput): ChecklistResult {
  const items = [
    fieldsComplete(input),
    accountMatched(input),
    documentPresent(input),
    formatMatches(input),
    resetEmail(input),
    kindFits(input),
  ];
  const blockers = items.filter((i) => i.status === 'fail' || (i.status === 'review' && ROUTINE_REVIEWS.has(i.reason)));
  const verdict: Verdict = items.some((i) => i.status === 'fail')
    ? 'refuse'
    : items.some((i) => i.status === 'review' && !ROUTINE_REVIEWS.has(i.reason))
      ? 'review'
      : 'ready';
  const states = Object.fromEntries(items.map((i) => [i.id, i.status])) as Record<ChecklistItemId, ItemStatus>;
  return { items, verdict, canApprove: blockers.length === 0, blockers, suggestedReason: suggest(items), states };
}
