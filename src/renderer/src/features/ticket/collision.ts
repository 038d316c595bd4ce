/**
 * The collision check before a reply is sent: did a colleague answer this
 * ticket since the person began writing? "Since" is the messages the cache
 * held while the draft was still empty: anything by another agent that is
 * not among them arrived after the draft began. Pure, so the rule is the
 * same wherever it is asked.
 */
import type { TicketMessage } from '../../../../shared/entities.js';

export function colleagueMessagesSince(
  messages: readonly TicketMessage[],
  seenBeforeDraft: ReadonlySet<string>,
  me: string | null,
): TicketMessage[] {
  return messages.filter(
    (m) =>
      (m.kind === 'reply' || m.kind === 'note') &&
      m.authorAgentId !== null &&
      m.authorAgentId !== me &&
      !seenBeforeDraft.has(m.id),
  );
}
