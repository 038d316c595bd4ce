/**
 * In the triage ticket pane, for experts: whether this customer can be
 * called back. Eligible: the calls already booked and "schedule callback".
 * Asked for a call without being eligible: why not (no entitlement, ended,
 * no number, malformed number) and the reply that answers them in writing.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../lib/format.js';
import { useStore } from '../../store/index.js';
import { ScheduleDialog } from './ScheduleDialog.js';

export function TicketCallback({ ticketId, version }: { ticketId: string; version: number }) {
  const { t } = useTranslation();
  const isExpert = useStore((s) => s.session?.agent.roles.includes('expert') === true);
  const e = useStore((s) => s.cbEligibility);
  const language = useStore((s) => s.language);
  const schedule = useStore((s) => s.cbSchedule);
  const load = useStore((s) => s.loadEligibility);
  const open = useStore((s) => s.openSchedule);
  const setComposer = useStore((s) => s.setComposer);

  useEffect(() => {
    if (isExpert) void load(ticketId);
  }, [isExpert, load, ticketId, version]);

  if (!isExpert || e?.ticketId !== ticketId) return null;
  if (e.eligible) {
    return (
      <section className="cb-ticket" aria-label={t('callbacks.ticketLabel')} data-testid="cb-ticket">
        <span>
          {t('callbacks.eligible', { phone: e.phoneDisplay ?? '' })}
          {e.entitledUntil !== null && ` · ${t('callbacks.until', { day: formatDay(e.entitledUntil, language) })}`}
        </span>
        {e.scheduled.map((c) => (
          <span key={c.id} className="badge" data-testid="cb-ticket-scheduled" data-starts-at={c.startsAt}>
            {t('callbacks.scheduledAt', { time: formatDateTime(c.startsAt, language) })}
          </span>
        ))}
        <button
          type="button"
          className="button"
          data-testid="cb-schedule-open"
          onClick={() => {
            open(ticketId);
          }}
        >
          {t('callbacks.schedule')}
        </button>
        {schedule?.ticketId === ticketId && <ScheduleDialog />}
      </section>
    );
  }
  if (!e.requested || e.reason === null) return null;
  return (
    <section className="cb-ticket cb-why-not" role="note" data-testid="cb-why-not" data-reason={e.reason}>
      <strong>{t('callbacks.notEligible')}</strong>{' '}
      <span data-testid="cb-why-not-reason">
        {t(`callbacks.why.${e.reason}`, { day: e.entitledUntil === null ? '' : formatDay(e.entitledUntil, language) })}
      </span>
      {e.phoneProblem !== null && (
        <span data-testid="cb-phone-problem" data-problem={e.phoneProblem}>
          {' '}
          {t(`callbacks.phoneProblem.${e.phoneProblem}`, { phone: e.phoneDisplay ?? '' })}
        </span>
      )}
      {e.reply !== null && (
        <button
          type="button"
          className="button"
          data-testid="cb-use-reply"
          data-reply-id={e.reply.id}
          onClick={() => {
            if (e.reply !== null) setComposer(true, e.reply.body);
          }}
        >
          {t('callbacks.useReply', { title: e.reply.title })}
        </button>
      )}
    </section>
  );
}
