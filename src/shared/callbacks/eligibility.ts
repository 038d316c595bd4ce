/**
 * Who can be called back: a ticket with a phone number that exists by its
 * country's numbering plan (Swiss unless it says otherwise), from an account
 * whose Priority Support is active on the day of the call (it ends at the end
 * of `prioritySupportUntil`, Europe/Zurich). When not, the reason, what is
 * wrong with the number, and the canned reply that answers the customer in
 * writing.
 */
// The full ("max") metadata, ~157 KB of data: the default ("min") set checks only a number's
// length, so +41 99 000 00 00 (no such Swiss prefix) passed. With it, a number must fit its
// country's numbering plan (area codes, mobile and service prefixes).
import { parsePhoneNumberFromString, validatePhoneNumberLength } from 'libphonenumber-js/max';
import {
  CALLBACK_ENTITLEMENT_ENDED_REPLY_ID,
  CALLBACK_MALFORMED_PHONE_REPLY_ID,
  CALLBACK_NO_PHONE_REPLY_ID,
  CALLBACK_PRIORITY_SUPPORT_REPLY_ID,
} from '../canned-replies.js';

export const INELIGIBLE_REASONS = ['no_entitlement', 'entitlement_ended', 'no_phone', 'malformed_phone'] as const;
export type IneligibleReason = (typeof INELIGIBLE_REASONS)[number];

/** The canned reply (id without the language) for each reason. */
export const REPLY_FOR_REASON: Record<IneligibleReason, string> = {
  no_entitlement: CALLBACK_PRIORITY_SUPPORT_REPLY_ID,
  entitlement_ended: CALLBACK_ENTITLEMENT_ENDED_REPLY_ID,
  no_phone: CALLBACK_NO_PHONE_REPLY_ID,
  malformed_phone: CALLBACK_MALFORMED_PHONE_REPLY_ID,
};

/** The backend's 422 reason (src/shared/mutations.ts RULE_REASONS) for each. */
export const RULE_FOR_REASON: Record<IneligibleReason, 'not_entitled' | 'no_callback_phone'> = {
  no_entitlement: 'not_entitled',
  entitlement_ended: 'not_entitled',
  no_phone: 'no_callback_phone',
  malformed_phone: 'no_callback_phone',
};

/** Why a number is refused. */
export const PHONE_PROBLEMS = [
  'not_a_number',
  'unknown_country',
  'too_short',
  'too_long',
  'wrong_length',
  'not_in_number_plan',
] as const;
export type PhoneProblem = (typeof PHONE_PROBLEMS)[number];

/** Each problem in a sentence (the backend's 422 message). */
export const PHONE_PROBLEM_TEXT: Record<PhoneProblem, string> = {
  not_a_number: 'it is not a phone number.',
  unknown_country: 'its country code does not exist.',
  too_short: 'it has too few digits.',
  too_long: 'it has too many digits.',
  wrong_length: 'no number of its country has that many digits.',
  not_in_number_plan: 'no such area code or prefix exists in its country’s numbering plan.',
};

export type ParsedPhone = { ok: true; e164: string; international: string } | { ok: false; problem: PhoneProblem };

const LENGTH_PROBLEM: Record<NonNullable<ReturnType<typeof validatePhoneNumberLength>>, PhoneProblem> = {
  NOT_A_NUMBER: 'not_a_number',
  INVALID_COUNTRY: 'unknown_country',
  TOO_SHORT: 'too_short',
  TOO_LONG: 'too_long',
  INVALID_LENGTH: 'wrong_length',
};

/** A number as customers type it: "044 668 18 00", "+41 44 668 18 00", "0041…", "+33 1 42 68 53 00". Swiss unless it says otherwise. */
export function parseCallbackPhone(raw: string): ParsedPhone {
  const text = raw.trim();
  if (text === '') return { ok: false, problem: 'not_a_number' };
  const parsed = parsePhoneNumberFromString(text, 'CH');
  if (parsed?.isValid() === true) {
    return { ok: true, e164: parsed.number, international: parsed.formatInternational() };
  }
  const length = validatePhoneNumberLength(text, 'CH');
  if (length !== undefined) return { ok: false, problem: LENGTH_PROBLEM[length] };
  // A length that fits, digits that do not: a prefix the country does not use.
  return { ok: false, problem: parsed === undefined ? 'not_a_number' : 'not_in_number_plan' };
}

export type Eligibility =
  | { eligible: true; phone: string; phoneDisplay: string; entitledUntil: string }
  | {
      eligible: false;
      reason: IneligibleReason;
      replyId: string;
      entitledUntil: string | null;
      /** What is wrong with the number, when the reason is malformed_phone. */
      phoneProblem: PhoneProblem | null;
    };

export interface EligibilityInput {
  callbackPhone: string | null;
  /** The account's last entitled day, or null (no account, or never bought). */
  prioritySupportUntil: string | null;
  /** The Zurich day of the call (or today, before a slot is chosen). */
  callDay: string;
}

export function callbackEligibility(input: EligibilityInput): Eligibility {
  const until = input.prioritySupportUntil;
  const refuse = (reason: IneligibleReason, phoneProblem: PhoneProblem | null = null): Eligibility => ({
    eligible: false,
    reason,
    replyId: REPLY_FOR_REASON[reason],
    entitledUntil: until,
    phoneProblem,
  });
  if (until === null) return refuse('no_entitlement');
  if (until < input.callDay) return refuse('entitlement_ended');
  if (input.callbackPhone === null || input.callbackPhone.trim() === '') return refuse('no_phone');
  const phone = parseCallbackPhone(input.callbackPhone);
  if (!phone.ok) return refuse('malformed_phone', phone.problem);
  return { eligible: true, phone: phone.e164, phoneDisplay: phone.international, entitledUntil: until };
}
