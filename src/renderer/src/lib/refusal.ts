/**
 * A refusal in the person's language: the i18n key of its code
 * (src/shared/refusal-codes.ts), never the backend's English sentence, which
 * stays in the outbox row and the logs. A code this console does not know (a
 * provider's own backend may add some) gets a general sentence.
 */
import { isRefusalCode } from '../../../shared/refusal-codes.js';

export function refusalKey(reason: string | null | undefined): string {
  return reason !== null && reason !== undefined && isRefusalCode(reason) ? `refusal.${reason}` : 'refusal.unknown';
}
