/**
 * In the ticket pane: who else has this ticket open, one line each, "Marco
 * Rossi regarde ce ticket" or "… rédige une réponse" (the latter stands out:
 * two answers to one customer is what it warns of). Announced politely.
 */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { useStore } from '../../store/index.js';
import { presentOn } from './presence-slice.js';
import './presence.css';

export function PresenceLine({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const present = useStore((s) => s.present);
  const here = presentOn(present, ticketId);
  return (
    <div className="presence-line" role="status" aria-live="polite" data-testid="presence-line">
      {here.map((p) => (
        <p
          key={p.agentId}
          className={`presence presence-${p.activity}`}
          data-testid="presence"
          data-agent-id={p.agentId}
          data-activity={p.activity}
        >
          <Icon name={p.activity === 'replying' ? 'pen' : 'eye'} />
          {t(`presence.${p.activity}`, { name: p.name })}
        </p>
      ))}
    </div>
  );
}
