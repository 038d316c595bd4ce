/**
 * Choosing a slot for a callback: the next free slots (mine or the team's,
 * optionally in the customer's preferred part of the day). A booking waits
 * for the backend; when the slot was taken meanwhile the dialog says so,
 * names the call that holds it, and lists the next free slots instead.
 */
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../components/Modal.js';
import { formatDateTime } from '../../lib/format.js';
import { refusalKey } from '../../lib/refusal.js';
import { useStore } from '../../store/index.js';
import type { WindowChoice } from './callbacks-slice.js';

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

// Single-key shortcuts of the desk behind must not fire while choosing a slot.
const keepKeysInside = (e: KeyboardEvent): void => {
  if (e.key !== 'Escape' && e.key !== 'Tab') e.stopPropagation();
};

export function ScheduleDialog() {
  const { t } = useTranslation();
  const s = useStore((x) => x.cbSchedule);
  const language = useStore((x) => x.language);
  const close = useStore((x) => x.closeSchedule);
  const setScope = useStore((x) => x.setScheduleScope);
  const setWindow = useStore((x) => x.setScheduleWindow);
  const book = useStore((x) => x.bookSlot);
  if (s === null) return null;
  const title = s.callbackId === null ? t('callbacks.scheduleTitle') : t('callbacks.rescheduleTitle');

  return (
    <Modal label={title} onClose={close} testId="cb-schedule-dialog" wide>
      <div onKeyDown={keepKeysInside}>
        <h2 className="modal-title">{title}</h2>
        <div className="cb-schedule-options">
          <label>
            {t('callbacks.scope')}{' '}
            <select
              data-testid="cb-scope"
              value={s.scope}
              onChange={(e) => {
                setScope(e.target.value === 'team' ? 'team' : 'me');
              }}
            >
              <option value="me">{t('callbacks.scopeMe')}</option>
              <option value="team">{t('callbacks.scopeTeam')}</option>
            </select>
          </label>
          <label>
            {t('callbacks.window')}{' '}
            <select
              data-testid="cb-window"
              value={s.window}
              onChange={(e) => {
                setWindow(e.target.value as WindowChoice);
              }}
            >
              <option value="any">{t('callbacks.windowAny')}</option>
              <option value="morning">{t('callbacks.windowMorning')}</option>
              <option value="afternoon">{t('callbacks.windowAfternoon')}</option>
              {s.ticketWindow !== null && (
                <option value="ticket">
                  {t('callbacks.windowTicket', {
                    from: hhmm(s.ticketWindow.fromMinutes),
                    to: hhmm(s.ticketWindow.toMinutes),
                  })}
                </option>
              )}
            </select>
          </label>
        </div>
        {s.conflict !== null && (
          <div className="cb-conflict" role="alert" data-testid="cb-conflict" data-reason={s.conflict.reason}>
            <strong>{t(`callbacks.reason.${s.conflict.reason}`, { defaultValue: t('callbacks.refused') })}</strong>
            <p>{t(refusalKey(s.conflict.reason))}</p>
            {s.conflict.taken !== null && (
              <p className="muted">
                {t('callbacks.takenBy', { time: formatDateTime(s.conflict.taken.startsAt, language) })}
              </p>
            )}
            {s.conflict.nextFree.length > 0 && <p>{t('callbacks.nextFree')}</p>}
          </div>
        )}
        {s.booked !== null ? (
          <p className="cb-booked" role="status" data-testid="cb-booked" data-starts-at={s.booked.startsAt}>
            {t('callbacks.bookedAt', { time: formatDateTime(s.booked.startsAt, language) })}
          </p>
        ) : (
          <ul className="cb-slots" aria-busy={s.loading} aria-label={t('callbacks.freeSlots')} data-testid="cb-slots">
            {s.slots.map((slot) => (
              <li key={`${slot.expertId}|${slot.startsAt}`}>
                <button
                  type="button"
                  className="button cb-slot"
                  data-testid="cb-slot"
                  data-starts-at={slot.startsAt}
                  data-expert-id={slot.expertId}
                  disabled={s.busy}
                  onClick={() => {
                    void book(slot);
                  }}
                >
                  {formatDateTime(slot.startsAt, language)} · {slot.expertName}
                </button>
              </li>
            ))}
            {!s.loading && s.slots.length === 0 && <li className="muted">{t('callbacks.noSlots')}</li>}
          </ul>
        )}
        <div className="button-row">
          <button type="button" className="button" data-testid="cb-schedule-close" onClick={close}>
            {t('callbacks.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
