/**
 * Before a reply goes out: a colleague answered this ticket while the person
 * was writing. Their reply is shown (who, when, what); the person sends
 * theirs anyway or goes back to edit it, the draft kept as it was. Esc is
 * "edit": nothing is sent without a choice.
 */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import { Modal } from '../../components/Modal.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import { formatDateTime } from '../../lib/format.js';
import { agentName } from '../../lib/names.js';
import { useStore } from '../../store/index.js';

interface Props {
  replies: readonly TicketMessage[];
  onSendAnyway: () => void;
  onEdit: () => void;
}

export function CollisionDialog({ replies, onSendAnyway, onEdit }: Props) {
  const { t } = useTranslation();
  const agents = useStore((s) => s.agents);
  const language = useStore((s) => s.language);
  const authors = [...new Set(replies.map((m) => agentName(agents, m.authorAgentId) ?? t('collision.someone')))];
  return (
    <Modal label={t('collision.title')} onClose={onEdit} testId="collision-dialog" wide>
      <div className="collision">
        <h2>{t('collision.title')}</h2>
        <p>{t('collision.explain', { names: authors.join(', '), count: replies.length })}</p>
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
        <div className="button-row">
          <button type="button" className="button button-primary" data-testid="collision-edit" onClick={onEdit}>
            {t('collision.edit')} <kbd>Esc</kbd>
          </button>
          <button type="button" className="button" data-testid="collision-send" onClick={onSendAnyway}>
            {t('collision.sendAnyway')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
