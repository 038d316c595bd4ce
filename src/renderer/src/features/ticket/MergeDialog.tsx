/**
 * The merge's confirmation: both tickets side by side (number, subject, requester, messages), which one
 * is closed and which stays open. Enter or m confirms, Esc cancels; a merge cannot be taken back once
 * sent, so it is never made without this look.
 */
import { useTranslation } from 'react-i18next';
import type { KeyboardEvent } from 'react';
import type { TicketDetail } from '../../../../shared/ipc.js';
import { Modal } from '../../components/Modal.js';
import { useStore } from '../../store/index.js';

function TicketCard({ detail, role }: { detail: TicketDetail; role: 'closes' | 'staysOpen' }) {
  const { t } = useTranslation();
  const { ticket } = detail;
  // The opening message counts: it is the first thing carried over.
  const messages = detail.messages.length + 1;
  return (
    <section className={`merge-card merge-card-${role}`} data-testid={`merge-${role}`} data-ticket-id={ticket.id}>
      <h3>{t(`merge.${role}`)}</h3>
      <p className="merge-number" data-testid="merge-card-number">
        #{ticket.id}
      </p>
      <p className="merge-subject" data-testid="merge-card-subject">
        {ticket.subject}
      </p>
      <p className="muted" data-testid="merge-card-requester">
        {ticket.requesterName} · {ticket.requesterEmail}
      </p>
      <p className="muted" data-testid="merge-card-messages">
        {t('merge.messages', { count: messages })}
      </p>
    </section>
  );
}

export function MergeDialog() {
  const { t } = useTranslation();
  const duplicate = useStore((s) => s.mergeAsk);
  const target = useStore((s) => s.detail);
  const confirm = useStore((s) => s.confirmMerge);
  const openOverlay = useStore((s) => s.openOverlay);
  if (duplicate === null || target === null) return null;

  const cancel = () => {
    openOverlay(null);
  };
  // The key that opened it confirms it, as Enter does on the focused button.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'm' && e.key !== 'M') return;
    e.preventDefault();
    void confirm();
  };

  return (
    <Modal label={t('merge.title')} onClose={cancel} testId="merge-dialog" wide>
      <div className="merge-dialog" onKeyDown={onKeyDown}>
        <h2>{t('merge.title')}</h2>
        <p>{t('merge.explain', { from: duplicate.ticket.id, into: target.ticket.id })}</p>
        <div className="merge-cards">
          <TicketCard detail={duplicate} role="closes" />
          <span className="merge-arrow" aria-hidden="true">
            →
          </span>
          <TicketCard detail={target} role="staysOpen" />
        </div>
        <div className="button-row">
          <button
            type="button"
            className="button button-primary"
            data-testid="merge-confirm"
            onClick={() => void confirm()}
          >
            {t('merge.confirm')} <kbd>↵</kbd> <kbd>M</kbd>
          </button>
          <button type="button" className="button" data-testid="merge-cancel" onClick={cancel}>
            {t('merge.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </div>
    </Modal>
  );
}
