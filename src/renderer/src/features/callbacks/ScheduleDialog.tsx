/**
 * Choosing a slot for a callback: a week of free slots (mine or the team's,
 * optionally in the customer's preferred part of the day) with a day picker
 * that walks day by day and week by week inside the booking horizon. By
 * keyboard: ←/→ between days (on to the next week at its edge), ↓ into the
 * day's slots, arrows between slots, Enter books. A booking waits for the
 * backend; when the slot was taken meanwhile the dialog says so, names the
 * call that holds it, and lists the next free slots instead.
 */
import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FreeSlotView } from '../../../../shared/ipc-callbacks.js';
import { Modal } from '../../components/Modal.js';
import { formatDateTime, formatDay } from '../../lib/format.js';
import { refusalKey } from '../../lib/refusal.js';
import { useStore } from '../../store/index.js';
import type { WindowChoice } from './callbacks-slice.js';
import { stepDay, weekAfter, weekBefore } from './schedule-week.js';
import { formatPickerDay, formatTime } from './when.js';

const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

// Single-key shortcuts of the desk behind must not fire while choosing a slot.
const keepKeysInside = (e: KeyboardEvent): void => {
  if (e.key !== 'Escape' && e.key !== 'Tab') e.stopPropagation();
};

const SLOT = '[data-testid="cb-slot"]';

/** Arrows move between the buttons of a list of slots; ↑ on the first goes back to the day picker. */
function moveInSlots(e: KeyboardEvent<HTMLElement>, backToDays: () => void): void {
  const forward = e.key === 'ArrowDown' || e.key === 'ArrowRight';
  const backward = e.key === 'ArrowUp' || e.key === 'ArrowLeft';
  if (!forward && !backward) return;
  const slots = [...e.currentTarget.querySelectorAll<HTMLButtonElement>(SLOT)];
  const at = slots.findIndex((b) => b === document.activeElement);
  if (at < 0) return;
  e.preventDefault();
  if (backward && at === 0) {
    backToDays();
    return;
  }
  slots[Math.max(0, Math.min(slots.length - 1, at + (forward ? 1 : -1)))]?.focus();
}

export function ScheduleDialog() {
  const { t } = useTranslation();
  const s = useStore((x) => x.cbSchedule);
  const language = useStore((x) => x.language);
  const close = useStore((x) => x.closeSchedule);
  const setScope = useStore((x) => x.setScheduleScope);
  const setWindow = useStore((x) => x.setScheduleWindow);
  const setDay = useStore((x) => x.setScheduleDay);
  const shiftWeek = useStore((x) => x.shiftScheduleWeek);
  const book = useStore((x) => x.bookSlot);
  const daysRef = useRef<HTMLDivElement>(null);
  const slotsRef = useRef<HTMLUListElement>(null);
  // The picker takes the focus when the first week arrives and after each move by keyboard, not on a click.
  const focusDay = useRef(true);
  const week = s?.week ?? null;
  const shownDay = s?.day ?? null;

  useEffect(() => {
    if (week === null || !focusDay.current) return;
    focusDay.current = false;
    daysRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }, [week, shownDay]);

  if (s === null) return null;
  const title = s.callbackId === null ? t('callbacks.scheduleTitle') : t('callbacks.rescheduleTitle');
  const day = week?.days.find((d) => d.day === s.day) ?? null;
  const proposals = s.conflict?.nextFree ?? [];

  const toDay = (direction: 1 | -1): void => {
    if (week === null) return;
    const next = stepDay(week, s.day, direction);
    focusDay.current = true;
    if (next !== null) setDay(next);
    else void shiftWeek(direction);
  };
  const onDaysKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      toDay(e.key === 'ArrowRight' ? 1 : -1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      slotsRef.current?.querySelector<HTMLElement>(SLOT)?.focus();
    }
  };
  const backToDays = (): void => {
    daysRef.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  };

  const slotButton = (slot: FreeSlotView, label: string) => (
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
        {label} · {slot.expertName}
      </button>
    </li>
  );

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
            {proposals.length > 0 && <p>{t('callbacks.nextFree')}</p>}
          </div>
        )}
        {s.booked !== null ? (
          <p className="cb-booked" role="status" data-testid="cb-booked" data-starts-at={s.booked.startsAt}>
            {t('callbacks.bookedAt', { time: formatDateTime(s.booked.startsAt, language) })}
          </p>
        ) : proposals.length > 0 ? (
          <ul
            className="cb-slots"
            aria-label={t('callbacks.nextFree')}
            data-testid="cb-slots"
            onKeyDown={(e) => {
              moveInSlots(e, backToDays);
            }}
          >
            {proposals.map((slot) => slotButton(slot, formatDateTime(slot.startsAt, language)))}
          </ul>
        ) : (
          <>
            <div className="cb-week-nav">
              <button
                type="button"
                className="button button-quiet"
                data-testid="cb-week-prev"
                disabled={week === null || weekBefore(week) === null || s.loading}
                onClick={() => void shiftWeek(-1)}
              >
                ‹ {t('callbacks.weekPrev')}
              </button>
              <span className="muted" data-testid="cb-week-range">
                {week !== null &&
                  t('callbacks.weekRange', {
                    from: formatDay(week.days[0]?.day ?? '', language),
                    to: formatDay(week.days[week.days.length - 1]?.day ?? '', language),
                  })}
              </span>
              <button
                type="button"
                className="button button-quiet"
                data-testid="cb-week-next"
                disabled={week === null || weekAfter(week) === null || s.loading}
                onClick={() => void shiftWeek(1)}
              >
                {t('callbacks.weekNext')} ›
              </button>
            </div>
            <div
              className="cb-days"
              role="tablist"
              aria-label={t('callbacks.days')}
              data-testid="cb-days"
              ref={daysRef}
              onKeyDown={onDaysKey}
            >
              {week?.days.map((d) => (
                <button
                  key={d.day}
                  type="button"
                  role="tab"
                  id={`cb-day-tab-${d.day}`}
                  className="button button-quiet cb-day-tab"
                  aria-selected={d.day === s.day}
                  aria-controls="cb-day-slots"
                  tabIndex={d.day === s.day ? 0 : -1}
                  disabled={!d.bookable}
                  data-testid="cb-day-tab"
                  data-day={d.day}
                  data-free={d.slots.length}
                  onClick={() => {
                    setDay(d.day);
                  }}
                >
                  <span className="cb-day-tab-name">{formatPickerDay(d.day, language)}</span>
                  <span className="cb-day-tab-free">
                    {d.bookable ? t('callbacks.freeCount', { count: d.slots.length }) : '—'}
                  </span>
                </button>
              ))}
            </div>
            <div
              id="cb-day-slots"
              role="tabpanel"
              aria-labelledby={day === null ? undefined : `cb-day-tab-${day.day}`}
              data-testid="cb-day-slots"
              data-day={day?.day ?? ''}
            >
              <ul
                className="cb-slots"
                ref={slotsRef}
                aria-busy={s.loading}
                aria-label={t('callbacks.freeSlots')}
                data-testid="cb-slots"
                onKeyDown={(e) => {
                  moveInSlots(e, backToDays);
                }}
              >
                {day?.slots.map((slot) => slotButton(slot, formatTime(slot.startsAt, language)))}
                {!s.loading && week !== null && (day === null || day.slots.length === 0) && (
                  <li className="muted" data-testid="cb-no-slots">
                    {week.days.some((d) => d.bookable) ? t('callbacks.noSlotsDay') : t('callbacks.noSlots')}
                  </li>
                )}
              </ul>
            </div>
          </>
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
