/** The opening message and the replies and notes after it, oldest first. */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import type { TicketDetail } from '../../../../shared/ipc.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import { formatDateTime } from '../../lib/format.js';
import { agentName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';

export function Conversation({ detail }: { detail: TicketDetail }) {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const agents = useStore((s) => s.agents);
  const { ticket } = detail;
  const opening: Pick<
    TicketMessage,
    'id' | 'kind' | 'authorAgentId' | 'body' | 'createdAt' | 'mergedFromId' | 'attachments'
  > = {
    id: 'opening',
    kind: 'customer',
    authorAgentId: null,
    body: ticket.body,
    createdAt: ticket.createdAt,
  };
  const messages = [opening, ...detail.messages];
  return (
    <section className="conversation" aria-labelledby="conversation-heading" data-testid="conversation">
      <h3 id="conversation-heading" className="visually-hidden">
        {t('ticket.conversation')}
      </h3>
      <ol>
        {messages.map((m) => (
          <li key={m.id} className={`message message-${m.kind}`} data-testid="message" data-kind={m.kind}>
            <div className="message-head">
              <strong>{m.kind === 'customer' ? ticket.requesterName : agentName(agents, m.authorAgentId)}</strong>
              <span className="badge">{t(`message.${m.kind}`)}</span>
              <time dateTime={m.createdAt}>{formatDateTime(m.createdAt, language)}</time>
              {m.mergedFromId !== undefined && (
                <span className="badge badge-merged" data-testid="message-merged-from">
                  {t('merge.fromTicket', { id: m.mergedFromId })}
                </span>
              )}
            </div>
            {/* The customer writes in the ticket's language; hyphenation needs to know which. */}
            <p
              className="message-body"
              data-testid="message-body"
              lang={m.kind === 'customer' ? ticket.language : undefined}
            >
              <TextWithBreaks text={m.body} />
            </p>
            {m.attachments !== undefined && (
              <ul className="attachments" data-testid="message-attachments">
                {m.attachments.map((a) => (
                  <li key={a.id}>{a.declaredName}</li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
