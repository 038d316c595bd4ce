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
  /**
   * The kind the verifier confirmed for each document, by id; a document absent here is not confirmed yet.
   * One confirmation per document: a stamp confirmed while an invoice was on screen must not cover the invoice.
   */
  documentKinds: Readonly<Record<string, DocumentKind>>;
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

/** The kinds confirmed for the request's documents, and how many documents still wait for one. */
function confirmed(input: ChecklistInput): { kinds: DocumentKind[]; unconfirmed: number } {
  const kinds: DocumentKind[] = [];
  for (const d of input.request.documents) {
    const kind = input.documentKinds[d.id];
    if (kind !== undefined) kinds.push(kind);
  }
  return { kinds, unconfirmed: input.request.documents.length - kinds.length };
}

function resetEmail(input: ChecklistInput): ChecklistItem {
  const id = 'reset_email_registered_or_document';
  const registered = new Set((input.account?.registeredEmails ?? []).map(normaliseEmail));
  if (registered.has(normaliseEmail(input.request.fields.resetEmail))) return item(id, 'pass', 'registered');
  // An unregistered address needs an identity document, or the request is refused
  // (docs/product-rules.md#what-the-requester-sends).
  if (input.request.documents.length === 0) return item(id, 'fail', 'not_registered_no_document');
  const { kinds, unconfirmed } = confirmed(input);
  if (kinds.some((k) => IDENTITY_KINDS.includes(k))) return item(id, 'pass', 'not_registered_identity_document');
  if (unconfirmed > 0) return item(id, 'review', 'not_registered_kind_unconfirmed');
  return item(id, 'fail', 'not_registered_not_identity');
}

/** Whether one document of this kind proves who holds an account of this type. */
export function kindFitsAccount(kind: DocumentKind, type: Account['type']): boolean {
  // An organisation proves who it is with its stamp and a signature; a person's ID card or passport does not
  // (docs/product-rules.md#what-the-requester-sends).
  return type === 'organisation' ? kind === 'company_stamp_signature' : kind === 'id_card' || kind === 'passport';
}

function kindFits(input: ChecklistInput): ChecklistItem {
  const id = 'document_kind_fits_account';
  if (input.request.documents.length === 0) return item(id, 'fail', 'no_document');
  const { kinds, unconfirmed } = confirmed(input);
  // Every document is confirmed before anything is concluded: the one not yet looked at may be the one that fits.
  if (unconfirmed > 0) return item(id, 'review', 'not_confirmed');
  if (input.account === null) return item(id, 'review', 'no_account');
  const type = input.account.type;
  if (kinds.some((k) => kindFitsAccount(k, type))) return item(id, 'pass', 'fits');
  // Nothing fits: name what was sent. An invoice is not an identity document, nor is anything else unnamed.
  if (kinds.includes('company_stamp_signature')) return item(id, 'fail', 'stamp_for_individual');
  if (kinds.includes('id_card') || kinds.includes('passport')) return item(id, 'fail', 'stamp_required');
  if (kinds.includes('invoice')) return item(id, 'fail', 'invoice');
  return item(id, 'fail', 'other');
}

/** Reviews every request has until the verifier opened the document and named its kind: routine, not a concern. */
const ROUTINE_REVIEWS = new Set(['not_checked', 'not_confirmed', 'not_registered_kind_unconfirmed']);

export interface ChecklistResult {
  items: ChecklistItem[];
  /** Approval is allowed only with no failing item, every document checked and its kind confirmed (verdict.ts says which). */
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
  | 'no_matching_account'
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
  if (failing('account_matched')) return 'no_matching_account';
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
  const states = Object.fromEntries(items.map((i) => [i.id, i.status])) as Record<ChecklistItemId, ItemStatus>;
  return { items, canApprove: blockers.length === 0, blockers, suggestedReason: suggest(items), states };
}
