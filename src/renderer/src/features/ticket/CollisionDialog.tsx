/**
 * Before a reply goes out: a colleague answered this ticket while the person
 * was writing. Their reply is shown (who, when, what); the person sends
 * theirs anyway or goes back to edit it, the draft kept as it was. Esc is
 * "edit": nothing is sent without a choice.
 */
import { useTranslation } from 'react-i18next';
import type { TicketMessage } from '../../../../shared/entities.js';
import { Modal } from '../../components/Modal.js';
import { CollisionReplies, useAuthors } from './CollisionReplies.js';

interface Props {
  replies: readonly TicketMessage[];
  onSendAnyway: () => void;
  onEdit: () => void;
}

export function CollisionDialog({ replies, onSendAnyway, onEdit }: Props) {
  const { t } = useTranslation();
  const authors = useAuthors(replies);
  return (
    <Modal label={t('collision.title')} onClose={onEdit} testId="collision-dialog" wide>
      <div className="collision">
        <h2>{t('collision.title')}</h2>
        <p>{t('collision.explain', { names: authors })}</p>
        <CollisionReplies replies={replies} />
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
