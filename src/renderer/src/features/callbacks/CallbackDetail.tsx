/** The selected call: who, which language, the number to dial, the ticket and its history, and the outcome. */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { shortcutLabel } from '../../lib/keymap.js';
import type { CommandOf } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { desksFor } from '../ui/desks.js';
import type { Outcome } from './callbacks-slice.js';

const OUTCOMES: { outcome: Outcome; command: CommandOf<'callbacks'> }[] = [
  { outcome: 'reached', command: 'callReached' },
  { outcome: 'no_answer', command: 'callNoAnswer' },
  { outcome: 'cancelled', command: 'callCancelled' },
];

export function CallbackDetail() {
  const { t } = useTranslation();
  const day = useStore((s) => s.cbDay);
  const selectedId = useStore((s) => s.cbSelectedId);
  const takenId = useStore((s) => s.cbTakenId);
  const note = useStore((s) => s.cbNote);
  const busy = useStore((s) => s.cbBusy);
  const language = useStore((s) => s.language);
  const take = useStore((s) => s.takeCallback);
  const setNote = useStore((s) => s.setCallbackNote);
  const close = useStore((s) => s.closeCallback);
  const openSchedule = useStore((s) => s.openSchedule);
  // An expert without the triage desk reads the ticket's context here (line and history); one with it may open it there.
  const hasTriage = useStore((s) => desksFor(s.session?.agent.roles ?? []).includes('triage'));
  const item = day?.items.find((i) => i.callback.id === selectedId);

  if (item === undefined) {
    return (
      <section className="cb-detail cb-detail-empty" aria-label={t('callbacks.detailLabel')}>
        <p className="muted">{t('callbacks.noneSelected')}</p>
      </section>
    );
  }
  const cb = item.callback;
  const open = cb.status === 'scheduled';
  const taken = takenId === cb.id;
  return (
    <section
      className="cb-detail"
      aria-labelledby="cb-detail-title"
      data-testid="cb-detail"
      data-callback-id={cb.id}
      data-status={cb.status}
    >
      <h2 id="cb-detail-title" data-testid="cb-customer">
        {item.customerName}
      </h2>
      <dl className="ticket-facts">
        <div className="fact">
          <dt>{t('callbacks.when')}</dt>
          <dd>{formatDateTime(cb.startsAt, language)}</dd>
        </div>
        <div className="fact">
          <dt>{t('callbacks.phone')}</dt>
          <dd>
            {item.telHref === null ? (
              <span data-testid="cb-phone">{item.phoneDisplay}</span>
            ) : (
              <a href={item.telHref} data-testid="cb-phone">
                {item.phoneDisplay}
              </a>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('callbacks.language')}</dt>
          <dd data-testid="cb-language">{t(`callbacks.lang.${item.language}`)}</dd>
        </div>
        <div className="fact">
          <dt>{t('callbacks.try')}</dt>
          <dd data-testid="cb-attempt" data-attempt={item.attempt}>
            {t('callbacks.attempt', { n: item.attempt, max: item.maxAttempts })}
          </dd>
        </div>
        <div className="fact">
          <dt>{t('callbacks.statusLabel')}</dt>
          <dd data-testid="cb-status">{t(`callbacks.status.${cb.status}`)}</dd>
        </div>
      </dl>
      {item.ticket !== null && (
        <p className="cb-ticket-line" data-testid="cb-ticket-subject">
          #{item.ticket.id} · {item.ticket.subject} · {t(`status.${item.ticket.status}`)}
          {hasTriage && (
            <button
              type="button"
              className="button button-quiet"
              data-testid="cb-open-ticket"
              onClick={() => {
                const s = useStore.getState();
                // The call stays selected: the Callbacks tab (or Alt+3) comes back to it.
                if (s.setWorkspace('triage')) void s.openTicket(cb.ticketId);
              }}
            >
              {t('callbacks.openTicket')}
            </button>
          )}
        </p>
      )}
      {open && (
        <div className="action-bar" role="toolbar" aria-label={t('callbacks.actions')}>
          {!taken && (
            <button
              type="button"
              className="button"
              data-testid="cb-take"
              onClick={() => {
                take(cb.id);
              }}
            >
              {t('callbacks.take')} <kbd>{shortcutLabel('callTake')}</kbd>
            </button>
          )}
          {OUTCOMES.map(({ outcome, command }) => (
            <button
              key={outcome}
              type="button"
              className="button"
              data-testid={`cb-outcome-${outcome}`}
              disabled={busy}
              onClick={() => {
                void close(cb.id, outcome);
              }}
            >
              {t(`callbacks.outcome.${outcome}`)} <kbd>{shortcutLabel(command)}</kbd>
            </button>
          ))}
          <button
            type="button"
            className="button button-quiet"
            data-testid="cb-reschedule"
            onClick={() => {
              openSchedule(cb.ticketId, cb.id);
            }}
          >
            {t('callbacks.reschedule')} <kbd>{shortcutLabel('callReschedule')}</kbd>
          </button>
        </div>
      )}
      {taken && (
        <div className="cb-taken" data-testid="cb-taken">
          <label htmlFor="cb-note">{t('callbacks.note')}</label>
          <textarea
            id="cb-note"
            data-testid="cb-note"
            rows={3}
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </div>
      )}
      {cb.note !== null && <p className="cb-note-shown">{cb.note}</p>}
      <h3>{t('callbacks.history')}</h3>
      <ol className="cb-history" data-testid="cb-history">
        {item.history.map((m) => (
          <li key={m.id} className={`cb-history-${m.kind}`}>
            <span className="muted">
              {formatDateTime(m.createdAt, language)} · {t(`callbacks.kind.${m.kind}`)}
            </span>
            <p>{m.body}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
