/**
 * Where a merged ticket went and what was merged into this one, each a link to that ticket: the closed
 * duplicate says where its conversation continues, the ticket that stayed open where its copies came from.
 */
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../../../shared/entities.js';
import { useStore } from '../../store/index.js';

export function MergeLinks({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const openTicket = useStore((s) => s.openTicket);
  const from = ticket.mergedFrom ?? [];
  if (ticket.duplicateOfId === null && from.length === 0) return null;
  const link = (id: string, label: string, testId: string) => (
    <li key={`${testId}-${id}`}>
      <button
        type="button"
        className="button button-quiet"
        data-testid={testId}
        data-ticket-id={id}
        onClick={() => void openTicket(id)}
      >
        {label}
      </button>
    </li>
  );
  return (
    <section className="panel merge-links" aria-label={t('merge.history')} data-testid="merge-links">
      <ul>
        {ticket.duplicateOfId !== null &&
          link(ticket.duplicateOfId, t('merge.mergedInto', { id: ticket.duplicateOfId }), 'merged-into')}
        {from.map((id) => link(id, t('merge.mergedHere', { id }), 'merged-from'))}
      </ul>
    </section>
  );
}
