/**
 * The outbox's answer to a 409 before it becomes a conflict: a `stale_version`
 * whose record now still holds, in the fields the action changes, the values
 * the agent acted on was someone else's change elsewhere in the ticket. The
 * entry is moved onto that record and sent again (once), and the agent is
 * not asked anything.
 */
import { Ticket } from '../../shared/entities.js';
import type { RefusalCode } from '../../shared/refusal-codes.js';
import type { OutboxChange, OutboxEntry } from '../db/outbox-types.js';
import type { CacheWriter } from '../db/types.js';
import type { MutationAnswer } from './http.js';

const STALE_VERSION: RefusalCode = 'stale_version';

/** The change when the entry was moved and waits to be sent again; null when the answer stands as a conflict. */
export function rebaseOnConflict(
  writer: Pick<CacheWriter, 'outboxRebase'>,
  entry: OutboxEntry,
  answer: MutationAnswer,
  now: Date,
): OutboxChange | null {
  if (answer.status !== 409 || !('error' in answer) || answer.error.reason !== STALE_VERSION) return null;
  const current = Ticket.safeParse(answer.error.current);
  if (!current.success) return null;
  return writer.outboxRebase.rebaseOnCurrent(entry.actionId, current.data, { now });
}
