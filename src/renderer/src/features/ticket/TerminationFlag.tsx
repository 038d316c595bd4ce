/**
 * A termination that came by chat cannot be processed as one
 * (docs/product-rules.md#chat-terminations): the flag says why and offers
 * the canned reply that sends the customer to the proper channel, in the
 * ticket's language when there is one.
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/entities.js';
import { Icon } from '../../components/Icon.js';
import { focusById } from '../../lib/focus.js';
import { BODY_ID } from './Composer.js';
import { useStore } from '../../store/index.js';

export function TerminationFlag({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const canned = useStore((s) => s.canned);
  const setComposer = useStore((s) => s.setComposer);
  const candidates = canned.filter((c) => c.id.includes('termination'));
  const reply = candidates.find((c) => c.language === ticket.language) ?? candidates.find((c) => c.language === 'fr');

  return (
    <div className="flag flag-termination" role="note" data-testid="chat-termination-flag">
      <Icon name="warning" />
      <div>
        <strong>{t('termination.title')}</strong>
        <p>{t('termination.reason')}</p>
        {reply && (
          <button
            type="button"
            className="button"
            data-testid="use-termination-reply"
            onClick={() => {
              setComposer(true, reply.body);
              focusById(BODY_ID);
            }}
          >
            {t('termination.useReply')}
          </button>
        )}
      </div>
    </div>
  );
}
