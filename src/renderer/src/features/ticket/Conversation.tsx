/** The opening message and the replies and notes after it, oldest first. */
import { useTranslation } from 'react-i18next';
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
  const messages = [
    { id: 'opening', kind: 'customer' as const, authorAgentId: null, body: ticket.body, createdAt: ticket.createdAt },
    ...detail.messages,
  ];
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
            </div>
            {/* The customer writes in the ticket's language; hyphenation needs to know which. */}
            <p
              className="message-body"
              data-testid="message-body"
              lang={m.kind === 'customer' ? ticket.language : undefined}
            >
              <TextWithBreaks text={m.body} />
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
