/**
 * Every machine reason a refusal can carry: the backend's non-2xx answers
 * (the `reason` of the ApiError body) and the console's own refusals before
 * sending (the same rules, applied locally). The backend throws only these
 * (its HttpError takes a RefusalCode, and a test reads every throw); the
 * console shows each in the person's language (renderer i18n key
 * `refusal.<code>`, tested for FR, DE and EN) and keeps the backend's English
 * sentence for the log only.
 */
import { RULE_REASONS } from './mutations.js';

export const REFUSAL_CODES = [
  // 400: the request itself is wrong.
  'invalid_body',
  'invalid_multipart',
  'bad_request',
  'bad_limit',
  'bad_cursor',
  'idempotency_key_required',
  // 401: who is calling is not known (any more).
  'unauthenticated',
  'token_expired',
  'token_revoked',
  'invalid_credentials',
  // 403
  'role_missing',
  // 404, 410
  'not_found',
  'document_purged',
  // 409: the record changed since the person saw it; 409/410: the backend's history is not the one the
  // console's data and actions come from (a restored or replaced backend).
  'stale_version',
  'history_diverged',
  // 413, 415: what the customer portal sends.
  'payload_too_large',
  'file_too_large',
  'unsupported_media_type',
  'unsupported_document_format',
  // 422: a product rule forbids the action (some are 409s: slot_taken, recovery_already_decided).
  ...RULE_REASONS,
  // 429
  'too_many_attempts',
  // 5xx, and the test backend's fault injection.
  'internal_error',
  'injected_fault',
  // The console's own, before anything is sent: an action that names fields or a ticket it should not.
  'unknown_fields',
  'wrong_ticket',
] as const;

export type RefusalCode = (typeof REFUSAL_CODES)[number];

const KNOWN: ReadonlySet<string> = new Set(REFUSAL_CODES);

/** Whether a reason (from the wire, so any string) is one of ours; a provider's own backend may send others. */
export function isRefusalCode(reason: string): reason is RefusalCode {
  return KNOWN.has(reason);
}
