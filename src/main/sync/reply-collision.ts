/**
 * The outbox's side of the collision prompt. A reply sent while a colleague
 * answered the same ticket comes back 409 `stale_version` (their reply
 * bumped the ticket). A reply changes no field, so the outbox would move it
 * onto the new version and send it without asking (rebase-on-conflict.ts).
 * When the cache, brought up to the backend's head first, holds a reply or
 * note by an agent written since the person wrote theirs (a reply to the
 * customer, not an internal note of theirs), it stays a
 * conflict instead: the ticket pane shows that reply and the person sends
 * anyway or takes their reply back to edit (the panel's two choices).
 *
 * "Since" compares the message's time (the backend's clock) with the
 * entry's (this machine's): a clock far ahead can miss a colleague's reply,
 * which then goes out as before. The person's own earlier replies cannot
 * cause the 409 (a confirmed entry moves the later ones of its ticket).
 */
import type { MutationAnswer } from './http.js';
import type { OutboxEntry } from '../db/outbox-types.js';
import type { CacheReader } from '../db/types.js';

const STALE_VERSION = 'stale_version';

export interface ReplyCollisionDeps {
  reader: Pick<CacheReader, 'messagesOf'>;
  /** Brings the cache to the backend's head (the colleague's reply may not be in yet); a failure is no answer. */
  catchUp(): Promise<void>;
}

/** Whether the refused entry is a reply that met a colleague's: then it is a conflict for the person to decide. */
export async function replyMetColleague(
  deps: ReplyCollisionDeps,
  entry: OutboxEntry,
  answer: MutationAnswer,
): Promise<boolean> {
  // An internal note goes to no customer: two of them are no collision, it is resent as before.
  if (entry.action.type !== 'reply' || entry.action.internal) return false;
  if (answer.status !== 409 || !('error' in answer)) return false;
  if (answer.error.reason !== STALE_VERSION) return false;
  await deps.catchUp().catch(() => undefined);
  const since = Date.parse(entry.createdAt);
  return deps.reader
    .messagesOf(entry.ticketId)
    .some(
      (m) => (m.kind === 'reply' || m.kind === 'note') && m.authorAgentId !== null && Date.parse(m.createdAt) >= since,
    );
}
