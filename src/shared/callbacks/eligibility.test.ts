import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cannedReply } from '../canned-replies.js';
import { LANGUAGES } from '../entities.js';
import {
  INELIGIBLE_REASONS,
  PHONE_PROBLEMS,
  PHONE_PROBLEM_TEXT,
  REPLY_FOR_REASON,
  callbackEligibility,
  parseCallbackPhone,
} from './eligibility.js';
import { MAX_CALL_ATTEMPTS, afterNoAnswer } from './retry.js';

const DAY = '2026-11-27';

describe('callback eligibility', () => {
  it('accepts an entitled customer with a Swiss or international number, normalised to E.164', () => {
    for (const [raw, e164] of [
      ['044 668 18 00', '+41446681800'],
      ['+41 44 668 18 00', '+41446681800'],
      ['0041 79 123 45 67', '+41791234567'],
      ['079/123.45.67', '+41791234567'],
      ['+41 79 555 12 34', '+41795551234'],
      ['+41 58 123 45 67', '+41581234567'],
      ['0800 800 800', '+41800800800'],
      ['+33 1 42 68 53 00', '+33142685300'],
      ['+49 30 901820', '+4930901820'],
      ['+44 20 7946 0958', '+442079460958'],
      ['+1 212 555 0100', '+12125550100'],
      ['+43 1 53115 0', '+431531150'],
    ] as const) {
      const r = callbackEligibility({ callbackPhone: raw, prioritySupportUntil: DAY, callDay: DAY });
      expect(r, raw).toMatchObject({ eligible: true, phone: e164 });
    }
  });

  it('says why not, with the reply that answers the customer', () => {
    const cases = [
      [{ callbackPhone: '044 668 18 00', prioritySupportUntil: null }, 'no_entitlement'],
      [{ callbackPhone: '044 668 18 00', prioritySupportUntil: '2026-11-26' }, 'entitlement_ended'],
      [{ callbackPhone: null, prioritySupportUntil: DAY }, 'no_phone'],
      [{ callbackPhone: '   ', prioritySupportUntil: DAY }, 'no_phone'],
      [{ callbackPhone: '12345', prioritySupportUntil: DAY }, 'malformed_phone'],
      [{ callbackPhone: 'call me maybe', prioritySupportUntil: DAY }, 'malformed_phone'],
      [{ callbackPhone: '+41 44 668 18', prioritySupportUntil: DAY }, 'malformed_phone'],
    ] as const;
    for (const [input, reason] of cases) {
      const r = callbackEligibility({ ...input, callDay: DAY });
      expect(r).toMatchObject({ eligible: false, reason, replyId: REPLY_FOR_REASON[reason] });
    }
  });

  it('refuses a number of the right length that its country does not use, and says what is wrong', () => {
    // Nine digits after +41, as Swiss numbers have: the length-only check of the default metadata let it through.
    expect(callbackEligibility({ callbackPhone: '+41 99 000 00 00', prioritySupportUntil: DAY, callDay: DAY })).toEqual(
      {
        eligible: false,
        reason: 'malformed_phone',
        replyId: REPLY_FOR_REASON.malformed_phone,
        entitledUntil: DAY,
        phoneProblem: 'not_in_number_plan',
      },
    );
    for (const [raw, problem] of [
      ['+41 99 000 00 00', 'not_in_number_plan'],
      ['099 000 00 00', 'not_in_number_plan'],
      ['+41 74 123 45 67', 'not_in_number_plan'], // 074 is not a Swiss mobile prefix (075–079 are)
      ['+41 44 668 18', 'too_short'],
      ['12345', 'too_short'],
      ['+41 44 668 1800 12345 6789', 'too_long'],
      ['044 668 18 00 1', 'wrong_length'],
      ['+999 123 456', 'unknown_country'],
      ['call me maybe', 'not_a_number'],
    ] as const) {
      expect(parseCallbackPhone(raw), raw).toEqual({ ok: false, problem });
    }
    for (const problem of PHONE_PROBLEMS) expect(PHONE_PROBLEM_TEXT[problem]).toMatch(/^[a-z].*\.$/);
  });

  it('judges the entitlement on the day of the call, not today', () => {
    const base = { callbackPhone: '044 668 18 00', prioritySupportUntil: '2026-11-30' };
    expect(callbackEligibility({ ...base, callDay: '2026-11-30' }).eligible).toBe(true);
    expect(callbackEligibility({ ...base, callDay: '2026-12-01' })).toMatchObject({ reason: 'entitlement_ended' });
  });

  it('has a reply in every customer language for every reason', () => {
    for (const reason of INELIGIBLE_REASONS)
      for (const language of LANGUAGES) expect(cannedReply(REPLY_FOR_REASON[reason], language)?.body).toBeTruthy();
  });

  it('never throws on whatever a customer types', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (raw) => {
        const parsed = parseCallbackPhone(raw);
        if (parsed.ok) expect(parsed.e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('retry after no answer', () => {
  const slot = new Date('2026-11-27T08:00:00.000Z');
  it('tries again an hour later at the earliest, up to three calls, then writes', () => {
    expect(afterNoAnswer(1, slot, slot)).toEqual({
      kind: 'retry',
      attempt: 2,
      notBefore: new Date('2026-11-27T09:00:00.000Z'),
    });
    const late = new Date('2026-11-27T11:00:00.000Z');
    expect(afterNoAnswer(2, slot, late)).toMatchObject({ kind: 'retry', attempt: 3, notBefore: late });
    expect(afterNoAnswer(MAX_CALL_ATTEMPTS, slot, slot)).toEqual({
      kind: 'written_reply',
      replyId: 'callback-no-answer',
    });
  });
});
