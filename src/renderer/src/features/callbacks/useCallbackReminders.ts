/**
 * A desktop notification a few minutes before each of my calls today (the
 * Notification API: Electron shows it natively once the shell allows the
 * permission; a browser asks). Checked every half minute from the cache, so
 * a call booked or moved meanwhile is reminded at its new time, once.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api.js';
import { ZURICH } from '../../lib/format.js';

export const REMIND_BEFORE_MS = 5 * 60_000;
const CHECK_EVERY_MS = 30_000;
/** Call id + start: a moved call is reminded again at its new time. */
const reminded = new Set<string>();

export function useCallbackReminders(): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (typeof Notification === 'undefined') return;
    if (Notification.permission === 'default') {
      Notification.requestPermission().catch(() => undefined);
    }
    let stopped = false;
    const check = async (): Promise<void> => {
      if (Notification.permission !== 'granted') return;
      const day = await call('callbacks:day', null, null);
      const now = Date.now();
      for (const item of day.items) {
        const cb = item.callback;
        const key = `${cb.id}|${cb.startsAt}`;
        const lead = Date.parse(cb.startsAt) - now;
        if (stopped || cb.status !== 'scheduled' || reminded.has(key) || lead <= 0 || lead > REMIND_BEFORE_MS) continue;
        reminded.add(key);
        const time = new Intl.DateTimeFormat(`${i18n.language}-CH`, {
          timeZone: ZURICH,
          hour: '2-digit',
          minute: '2-digit',
        }).format(new Date(cb.startsAt));
        new Notification(t('callbacks.reminderTitle', { time }), {
          body: `${item.customerName} · ${item.phoneDisplay}`,
          tag: key,
        });
      }
    };
    const run = (): void => {
      check().catch((err: unknown) => {
        console.warn('callback reminders', err instanceof Error ? err.message : err);
      });
    };
    run();
    const timer = setInterval(run, CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [t, i18n.language]);
}
