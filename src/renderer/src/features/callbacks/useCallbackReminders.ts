/**
 * A desktop notification a few minutes before each of my calls today, with
 * the Notification API, for the browser console (the harness). The desktop
 * app announces calls from the main process (src/main/shell/reminders.ts),
 * so inside Electron this stays quiet instead of notifying twice. Checked
 * every half minute from the cache: a call booked or moved meanwhile is
 * reminded at its new time, once.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../lib/api.js';
import { ZURICH } from '../../lib/format.js';
import { useStore } from '../../store/index.js';
import { dueReminders, reminderKey } from './reminders.js';

const CHECK_EVERY_MS = 30_000;
const IN_ELECTRON = typeof navigator !== 'undefined' && navigator.userAgent.includes('Electron/');
const reminded = new Set<string>();

export function useCallbackReminders(enabled = true): void {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    if (!enabled || IN_ELECTRON || typeof Notification === 'undefined') return;
    if (Notification.permission === 'default') {
      Notification.requestPermission().catch(() => undefined);
    }
    let stopped = false;
    const check = async (): Promise<void> => {
      if (Notification.permission !== 'granted') return;
      const day = await call('callbacks:day', null, null);
      if (stopped) return;
      for (const item of dueReminders(day.items, Date.now(), reminded)) {
        const cb = item.callback;
        const key = reminderKey(item);
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
  }, [enabled, t, i18n.language]);
}

/** Reminders while an expert works another desk (mounted by the triage sidebar); renders nothing. */
export function CallbackReminders() {
  const isExpert = useStore((s) => s.session?.agent.roles.includes('expert') === true);
  useCallbackReminders(isExpert);
  return null;
}
