/** The open ticket: header with its state, the actions, flags and outbox, the people, the conversation. */
import { useTranslation } from 'react-i18next';
import type { CommandId } from '../../lib/keymap.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { formatDateTime } from '../../lib/format.js';
import { TICKET_HEADING_ID } from '../../lib/focus.js';
import { agentName, categoryName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';
import { commandEnabled, commandOffered, runCommand } from '../ui/commands.js';
import { Composer } from './Composer.js';
import { Conversation } from './Conversation.js';
import { MergeLinks } from './MergeLinks.js';
import { OutboxPanel } from './OutboxPanel.js';
import { TerminationFlag } from './TerminationFlag.js';
import { TicketCallback } from '../callbacks/TicketCallback.js';
import { PresenceLine } from '../presence/PresenceLine.js';
import { Attachments, Duplicates, RequesterCard } from './TicketInfo.js';

const ACTIONS: CommandId[] = ['recategorise', 'assign', 'status', 'reply', 'escalate', 'merge'];

export function TicketPane() {
  const { t } = useTranslation();
  const openId = useStore((s) => s.openId);
  const detail = useStore((s) => s.detail);
  const categories = useStore((s) => s.categories);
  const agents = useStore((s) => s.agents);
  const language = useStore((s) => s.language);
  const composerOpen = useStore((s) => s.composerOpen);
  const closeTicket = useStore((s) => s.closeTicket);
  // Subscribed so the buttons follow a change of session; the actions a role may not use are not shown at all.
  const roles = useStore((s) => s.session?.agent.roles);

  if (openId === null) {
    return (
      <section className="ticket ticket-empty" aria-label={t('ticket.label')} data-testid="ticket-empty">
        <p>{t('ticket.none')}</p>
        <p className="muted">{t('ticket.noneHint')}</p>
      </section>
    );
  }
  if (detail === null) {
    return (
      <section className="ticket" aria-label={t('ticket.label')} aria-busy="true" data-testid="ticket-loading">
        <p className="muted">{t('ticket.loading')}</p>
      </section>
    );
  }
  const { ticket } = detail;

  return (
    <section className="ticket" aria-labelledby={TICKET_HEADING_ID} data-testid="ticket" data-ticket-id={ticket.id}>
      <header className="ticket-header">
        <div className="ticket-title-row">
          <h2 id={TICKET_HEADING_ID} tabIndex={-1} data-testid="ticket-subject">
            {ticket.subject}
          </h2>
          <button
            type="button"
            className="button button-quiet"
            data-testid="ticket-close"
            onClick={() => {
              closeTicket();
              document.getElementById('queue-list')?.focus();
            }}
          >
            {t('ticket.close')} <kbd>Esc</kbd>
          </button>
        </div>
        <PresenceLine ticketId={ticket.id} />
        <dl className="ticket-facts">
          <div className="fact">
            <dt>{t('ticket.status')}</dt>
            <dd>
              <span className={`badge status-${ticket.status}`} data-testid="ticket-status" data-status={ticket.status}>
                {t(`status.${ticket.status}`)}
              </span>
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.category')}</dt>
            <dd data-testid="ticket-category" data-category-id={ticket.categoryId}>
              {categoryName(categories, ticket.categoryId, language)}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.assignee')}</dt>
            <dd data-testid="ticket-assignee" data-assignee-id={ticket.assigneeId ?? ''}>
              {agentName(agents, ticket.assigneeId) ?? t('assign.nobody')}
            </dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.level')}</dt>
            <dd data-testid="ticket-level">{ticket.level === 2 ? t('row.level2') : t('row.level1')}</dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.priority')}</dt>
            <dd>{t(`priority.${ticket.priority}`)}</dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.channel')}</dt>
            <dd>{t(`channel.${ticket.channel}`)}</dd>
          </div>
          <div className="fact">
            <dt>{t('ticket.created')}</dt>
            <dd>{formatDateTime(ticket.createdAt, language)}</dd>
          </div>
        </dl>
        <div className="action-bar" role="toolbar" aria-label={t('ticket.actions')} data-testid="ticket-actions">
          {ACTIONS.filter((id) => roles !== undefined && commandOffered(id)).map((id) => (
            <button
              key={id}
              type="button"
              className="button"
              data-testid={`action-${id}`}
              disabled={!commandEnabled(id)}
              onClick={() => {
                runCommand(id);
              }}
            >
              {t(`action.${id}`)} <kbd>{shortcutLabel(id)}</kbd>
            </button>
          ))}
        </div>
      </header>
      <div className="ticket-body">
        <MergeLinks ticket={ticket} />
        {detail.chatTermination && <TerminationFlag ticket={ticket} />}
        <TicketCallback ticketId={ticket.id} version={ticket.version} />
        <OutboxPanel entries={detail.outbox} messages={detail.messages} />
        {composerOpen && <Composer ticket={ticket} />}
        <Conversation detail={detail} />
        <div className="ticket-side">
          <RequesterCard detail={detail} />
          <Attachments detail={detail} />
          <Duplicates detail={detail} />
        </div>
      </div>
    </section>
  );
}
