/** A colleague's replies that came in while the person wrote theirs: author, time, text (the prompt and the outbox show them alike). */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import { formatDateTime } from '../../lib/format.js';
import { agentName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';

export function CollisionReplies({ replies }: { replies: readonly TicketMessage[] }) {
  const { t } = useTranslation();
  const agents = useStore((s) => s.agents);
  const language = useStore((s) => s.language);
  return (
    <ol className="collision-replies">
      {replies.map((m) => (
        <li key={m.id} className={`message message-${m.kind}`} data-testid="collision-reply" data-message-id={m.id}>
          <div className="message-head">
            <strong data-testid="collision-author">
              {agentName(agents, m.authorAgentId) ?? t('collision.someone')}
            </strong>
            <span className="badge">{t(`message.${m.kind}`)}</span>
            <time dateTime={m.createdAt} data-testid="collision-time">
              {formatDateTime(m.createdAt, language)}
            </time>
          </div>
          <p className="message-body" data-testid="collision-body">
            <TextWithBreaks text={m.body} />
          </p>
        </li>
      ))}
    </ol>
  );
}

/** The names of the people who wrote them, once each. */
export function useAuthors(replies: readonly TicketMessage[]): string {
  const { t } = useTranslation();
  const agents = useStore((s) => s.agents);
  return [...new Set(replies.map((m) => agentName(agents, m.authorAgentId) ?? t('collision.someone')))].join(', ');
}
