/**
 * The expert's day: today's callbacks (or another day's) in call order on
 * the left, the selected call on the right with what the expert needs to
 * make it and record how it went. Follows the cache: any ticket change
 * reloads the day; a reminder comes a few minutes before each call.
 */
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Splitter, usePaneWidth } from '../../components/Splitter.js';
import { subscribe } from '../../lib/api.js';
import { formatDay, ZURICH } from '../../lib/format.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { CallbackDetail } from './CallbackDetail.js';
import { shiftDay } from './callbacks-slice.js';
import { ScheduleDialog } from './ScheduleDialog.js';
import { useCallbackKeys } from './useCallbackKeys.js';
import { useCallbackReminders } from './useCallbackReminders.js';
import { formatCallWhen } from './when.js';
import './callbacks.css';

const timeOf = (iso: string, language: string): string =>
  new Intl.DateTimeFormat(`${language}-CH`, { timeZone: ZURICH, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

export function CallbacksWorkspace() {
  const { t } = useTranslation();
  const day = useStore((s) => s.cbDay);
  const selected = useStore((s) => s.cbSelectedId);
  const language = useStore((s) => s.language);
  const load = useStore((s) => s.loadCallbackDay);
  const select = useStore((s) => s.selectCallback);
  const schedule = useStore((s) => s.cbSchedule);
  const deskRef = useRef<HTMLElement>(null);
  // The call's detail keeps room for its outcome buttons and the notes.
  const dayPane = usePaneWidth('callbacks.day', deskRef, { min: 260, reserve: 385, initial: 320 });
  useCallbackKeys();
  useCallbackReminders(true);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    // Bookings and outcomes touch their ticket: one reload for a burst of changes.
    const off = subscribe('tickets:changed', () => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        void useStore.getState().loadCallbackDay();
      }, 150);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [load]);

  const shown = day?.day ?? null;
  const items = day?.items ?? [];
  return (
    <main
      className="desk cb-desk"
      data-testid="callbacks-workspace"
      ref={deskRef}
      style={{ '--cb-day-w': `${String(dayPane.width)}px` } as CSSProperties}
    >
      <section
        className="cb-day"
        id="cb-day"
        aria-labelledby="cb-day-title"
        data-testid="cb-day"
        data-day={shown ?? ''}
      >
        <header className="cb-day-header">
          <h2 id="cb-day-title" data-testid="cb-day-title">
            {shown === null ? t('callbacks.loading') : formatDay(shown, language)}
          </h2>
          <div className="cb-day-nav">
            <button
              type="button"
              className="button button-quiet"
              data-testid="cb-prev-day"
              aria-label={t('callbacks.prevDay')}
              onClick={() => {
                if (shown !== null) void load(shiftDay(shown, -1));
              }}
            >
              ‹ <kbd>{shortcutLabel('dayPrev')}</kbd>
            </button>
            <button
              type="button"
              className="button button-quiet"
              data-testid="cb-today"
              onClick={() => {
                void load(null);
              }}
            >
              {t('callbacks.today')} <kbd>{shortcutLabel('dayToday')}</kbd>
            </button>
            <button
              type="button"
              className="button button-quiet"
              data-testid="cb-next-day"
              aria-label={t('callbacks.nextDay')}
              onClick={() => {
                if (shown !== null) void load(shiftDay(shown, 1));
              }}
            >
              <kbd>{shortcutLabel('dayNext')}</kbd> ›
            </button>
            <label className="visually-hidden" htmlFor="cb-day-picker">
              {t('callbacks.pickDay')}
            </label>
            <input
              id="cb-day-picker"
              type="date"
              data-testid="cb-day-picker"
              value={shown ?? ''}
              onChange={(e) => {
                if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value)) void load(e.target.value);
              }}
            />
          </div>
        </header>
        <ol className="cb-list" aria-label={t('callbacks.listLabel')} data-testid="cb-list">
          {items.map((i) => (
            <li key={i.callback.id}>
              <button
                type="button"
                className="cb-item"
                aria-current={i.callback.id === selected ? 'true' : undefined}
                data-testid="cb-item"
                data-callback-id={i.callback.id}
                data-ticket-id={i.callback.ticketId}
                data-status={i.callback.status}
                data-attempt={i.attempt}
                onClick={() => {
                  select(i.callback.id);
                }}
              >
                <span className="cb-item-time" data-testid="cb-item-time">
                  {timeOf(i.callback.startsAt, language)}
                </span>
                <span className="cb-item-name">{i.customerName}</span>
                <span className={`badge cb-status-${i.callback.status}`}>
                  {t(`callbacks.status.${i.callback.status}`)}
                </span>
                {i.attempt > 1 && (
                  <span className="badge" data-testid="cb-item-attempt">
                    {t('callbacks.attempt', { n: i.attempt, max: i.maxAttempts })}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ol>
        {day !== null && items.length === 0 && (
          <div className="cb-empty" data-testid="cb-empty">
            <p className="muted" data-testid="cb-empty-text">
              {day.next === null
                ? t(day.day === day.today ? 'callbacks.emptyToday' : 'callbacks.empty')
                : t(day.day === day.today ? 'callbacks.emptyTodayNext' : 'callbacks.emptyNext', {
                    when: formatCallWhen(day.next.startsAt, language, day.today),
                    name: day.next.customerName,
                  })}
            </p>
            {day.next !== null && (
              // The pointer is a way there, not only a sentence: it opens that day with the call selected.
              <button
                type="button"
                className="button"
                data-testid="cb-next-call"
                data-day={day.next.day}
                data-callback-id={day.next.callbackId}
                onClick={() => {
                  const next = day.next;
                  if (next === null) return;
                  select(next.callbackId);
                  void load(next.day);
                }}
              >
                {t('callbacks.goToNext', { day: formatDay(day.next.day, language) })}
              </button>
            )}
          </div>
        )}
      </section>
      <Splitter label={t('layout.resizeCallbackDay')} controls="cb-day" pane={dayPane} side="before" />
      <CallbackDetail />
      {schedule !== null && <ScheduleDialog />}
    </main>
  );
}
