/**
 * What happens after a call nobody answered: try again later, up to
 * MAX_CALL_ATTEMPTS calls in all, then answer the customer in writing
 * (the ticket gets the canned reply and waits for them).
 */
import { CALLBACK_NO_ANSWER_REPLY_ID } from '../canned-replies.js';

export const MAX_CALL_ATTEMPTS = 3;
/** A retry is not offered sooner than this after the missed call's slot began. */
export const RETRY_DELAY_MINUTES = 60;

export type NoAnswerNext =
  { kind: 'retry'; attempt: number; notBefore: Date } | { kind: 'written_reply'; replyId: string };

/** `attempts` counts the calls made so far, the unanswered one included. */
export function afterNoAnswer(attempts: number, slotStart: Date, now: Date): NoAnswerNext {
  if (attempts >= MAX_CALL_ATTEMPTS) return { kind: 'written_reply', replyId: CALLBACK_NO_ANSWER_REPLY_ID };
  const notBefore = new Date(Math.max(now.getTime(), slotStart.getTime() + RETRY_DELAY_MINUTES * 60_000));
  return { kind: 'retry', attempt: attempts + 1, notBefore };
}
