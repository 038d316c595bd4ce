/**
 * Who can be called back (PRODUCT.md): a ticket with a phone number that
 * parses as a real Swiss or international number, from an account whose
 * Priority Support is active on the day of the call (it ends at the end of
 * `prioritySupportUntil`, Europe/Zurich). When not, the reason and the
 * canned reply that answers the customer in writing.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
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

export type ParsedPhone = { ok: true; e164: string; international: string } | { ok: false };

/** A number as customers type it: "044 668 18 00", "+41 44 668 18 00", "0041…", "+33 1 42 68 53 00". Swiss unless it says otherwise. */
export function parseCallbackPhone(raw: string): ParsedPhone {
  const text = raw.trim();
  if (text === '') return { ok: false };
  const parsed = parsePhoneNumberFromString(text, 'CH');
  if (parsed?.isValid() !== true) return { ok: false };
  return { ok: true, e164: parsed.number, international: parsed.formatInternational() };
}

export type Eligibility =
  | { eligible: true; phone: string; phoneDisplay: string; entitledUntil: string }
  | { eligible: false; reason: IneligibleReason; replyId: string; entitledUntil: string | null };

export interface EligibilityInput {
  callbackPhone: string | null;
  /** The account's last entitled day, or null (no account, or never bought). */
  prioritySupportUntil: string | null;
  /** The Zurich day of the call (or today, before a slot is chosen). */
  callDay: string;
}

export function callbackEligibility(input: EligibilityInput): Eligibility {
  const until = input.prioritySupportUntil;
  const refuse = (reason: IneligibleReason): Eligibility => ({
    eligible: false,
    reason,
    replyId: REPLY_FOR_REASON[reason],
    entitledUntil: until,
  });
  if (until === null) return refuse('no_entitlement');
  if (until < input.callDay) return refuse('entitlement_ended');
  if (input.callbackPhone === null || input.callbackPhone.trim() === '') return refuse('no_phone');
  const phone = parseCallbackPhone(input.callbackPhone);
  if (!phone.ok) return refuse('malformed_phone');
  return { eligible: true, phone: phone.e164, phoneDisplay: phone.international, entitledUntil: until };
}
