/**
 * What the customer portal checks before a request reaches the helpdesk:
 * required fields, e-mail syntax, and the real format of an uploaded file,
 * judged by its first bytes (a renamed text file called id.pdf is refused).
 */
import { z } from 'zod';
import { CHANNELS, Language, LANGUAGES } from '../../shared/entities.js';
import type { RecoveryFields } from '../../shared/entities.js';
import { HttpError } from '../http/errors.js';

export const ACCEPTED_FORMATS = 'PDF, PNG, JPG or GIF';

/** Sniffs the format from magic numbers; null when it is none of the accepted ones. */
export function sniffFormat(bytes: Uint8Array): 'pdf' | 'png' | 'jpeg' | 'gif' | null {
  const starts = (sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (starts([0xff, 0xd8, 0xff])) return 'jpeg';
  if (starts([0x47, 0x49, 0x46, 0x38, 0x37, 0x61]) || starts([0x47, 0x49, 0x46, 0x38, 0x39, 0x61])) return 'gif';
  return null;
}

const REQUIRED = 'This field is required.';

/** 400 naming each bad field; an absent or blank field reads "required", not a zod type message. */
function fieldErrors(error: z.ZodError, input: Record<string, unknown>): HttpError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '(body)';
    const value = input[key];
    fields[key] ??=
      value === undefined || (typeof value === 'string' && value.trim() === '') ? REQUIRED : issue.message;
  }
  const names = Object.keys(fields).join(', ');
  return new HttpError(400, 'invalid_body', `Please complete or correct: ${names}.`, { fields });
}

const required = (max: number) => z.string().trim().min(1, REQUIRED).max(max);

export const IntakeTicket = z.object({
  accountId: z.string().min(1).max(64).nullable().optional(),
  channel: z.enum(CHANNELS),
  categoryId: required(64),
  subject: required(500),
  body: required(100_000),
  requesterName: required(300),
  requesterEmail: z.email(),
  language: Language,
  callbackPhone: z.string().trim().max(64).nullable().optional(),
});
export type IntakeTicket = z.infer<typeof IntakeTicket>;

export function parseIntakeTicket(body: unknown): IntakeTicket {
  const input = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const parsed = IntakeTicket.safeParse(input);
  if (!parsed.success) throw fieldErrors(parsed.error, input);
  return parsed.data;
}

/**
 * The recovery form. Names, address, both e-mails and the phone are
 * required; organisation name, customer number and domain are not (people
 * with no account have none), nor is the free-text message.
 */
const RecoveryForm = z.object({
  firstName: required(200),
  lastName: required(200),
  organisationName: z.string().trim().max(300).default(''),
  customerNumber: z.string().trim().max(64).default(''),
  domain: z.string().trim().max(253).default(''),
  contactEmail: z.email().max(320),
  resetEmail: z.email().max(320),
  phone: required(64),
  street: required(300),
  postalCode: required(16),
  city: required(200),
  country: required(64),
  message: z.string().max(10_000).default(''),
  language: z.enum(LANGUAGES),
});

export function parseRecoveryForm(
  input: Record<string, string>,
  hasDocument: boolean,
): { fields: RecoveryFields; language: Language } {
  const parsed = RecoveryForm.safeParse(input);
  if (!parsed.success || !hasDocument) {
    const err = parsed.success
      ? new HttpError(400, 'invalid_body', '', { fields: {} })
      : fieldErrors(parsed.error, input);
    const fields = { ...(err.extra.fields ?? {}) };
    if (!hasDocument) fields.document = 'Attach an identity document (PDF, PNG, JPG or GIF).';
    throw new HttpError(400, 'invalid_body', `Please complete or correct: ${Object.keys(fields).join(', ')}.`, {
      fields,
    });
  }
  const { language, ...fields } = parsed.data;
  return { fields, language };
}
