/** Which of my calls to remind now: scheduled, starting within the lead time, not reminded at that time yet. */
import type { CallbackDayItem } from '../../../../shared/ipc-callbacks.js';

export const REMIND_BEFORE_MS = 5 * 60_000;

/** Call id + start: a moved call is reminded again at its new time. */
export const reminderKey = (item: CallbackDayItem): string => `${item.callback.id}|${item.callback.startsAt}`;

export function dueReminders(
  items: readonly CallbackDayItem[],
  nowMs: number,
  reminded: ReadonlySet<string>,
  leadMs = REMIND_BEFORE_MS,
): CallbackDayItem[] {
  return items.filter((item) => {
    const lead = Date.parse(item.callback.startsAt) - nowMs;
    return item.callback.status === 'scheduled' && !reminded.has(reminderKey(item)) && lead > 0 && lead <= leadMs;
  });
}
