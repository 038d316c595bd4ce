/**
 * A reply the backend refused because a colleague answered the ticket
 * first (the outbox kept it as a conflict: src/main/sync/reply-collision.ts).
 * Like the prompt before sending: their reply and the person's, then "send
 * anyway" (the outbox sends it on top, once) or "edit my reply" (taken out
 * of the outbox and put back in the composer: nothing lost, nothing sent).
 */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import type { OutboxEntryView } from '../../../../shared/ipc.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import { useStore } from '../../store/index.js';
import { BODY_ID } from './Composer.js';
import { CollisionReplies, useAuthors } from './CollisionReplies.js';
import { focusById } from '../../lib/focus.js';

export function ReplyConflict({ entry, messages }: { entry: OutboxEntryView; messages: readonly TicketMessage[] }) {
  const { t } = useTranslation();
  const me = useStore((s) => s.session?.agent.id ?? null);
  const resolve = useStore((s) => s.resolveOutbox);
  const setComposer = useStore((s) => s.setComposer);
  const since = Date.parse(entry.createdAt);
  const replies = messages.filter(
    (m) =>
      (m.kind === 'reply' || m.kind === 'note') &&
      m.authorAgentId !== null &&
      m.authorAgentId !== me &&
      Date.parse(m.createdAt) >= since,
  );
  const authors = useAuthors(replies);
  if (entry.action.type !== 'reply') return null;
  const body = entry.action.body;
  const edit = async () => {
    await resolve(entry.actionId, 'keep-theirs');
    const draft = useStore.getState().composerOpen ? useStore.getState().composerDraft.trim() : '';
    // A draft already under way keeps its text; the taken-back reply follows it.
    setComposer(true, draft === '' ? body : `${draft}\n\n${body}`);
    focusById(BODY_ID);
  };
  return (
    <div className="conflict reply-conflict" data-testid="reply-conflict">
      <p data-testid="conflict-sentence">
        {replies.length > 0 ? t('collision.explainSent', { names: authors }) : t('collision.explainSentUnknown')}
      </p>
      <CollisionReplies replies={replies} />
      <p className="muted">{t('collision.yours')}</p>
      <p className="message-body" data-testid="conflict-mine">
        <TextWithBreaks text={body} />
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          data-testid="collision-edit"
          onClick={() => void edit()}
        >
          {t('collision.edit')}
        </button>
        <button
          type="button"
          className="button"
          data-testid="collision-send"
          onClick={() => void resolve(entry.actionId, 'apply-mine-again')}
        >
          {t('collision.sendAnyway')}
        </button>
      </div>
    </div>
  );
}
