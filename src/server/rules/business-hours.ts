/**
 * The backend's callback calendar: the shared one (src/shared/callbacks),
 * configured for this deployment. Holidays come from date-holidays: the
 * Swiss federal set, plus the cantons in SUPPORT_CONSOLE_HOLIDAY_CANTONS
 * (e.g. "ZH,VD") and extra closed days in SUPPORT_CONSOLE_CLOSED_DAYS
 * (e.g. "2026-12-24,2026-12-31"); slot length in SUPPORT_CONSOLE_SLOT_MINUTES
 * (default 15). A bad value is refused with a clear error on the first booking.
 */
import { withinBusinessHours as within, zurichDay } from '../../shared/callbacks/calendar.js';
import type { CalendarRules } from '../../shared/callbacks/calendar.js';
import { calendarRules, callbackConfigFromEnv } from '../../shared/callbacks/config.js';
import type { HolidayLookup } from '../../shared/callbacks/holidays.js';

export { ZONE } from '../../shared/callbacks/calendar.js';

export { callbackConfigFromEnv } from '../../shared/callbacks/config.js';

let rules: CalendarRules | null = null;

/** The calendar every callback rule of this backend uses (read once from the environment). */
export function backendCalendar(): CalendarRules {
  rules ??= calendarRules(callbackConfigFromEnv(process.env));
  return rules;
}

/** Today's date in Zurich, e.g. "2026-03-29" (entitlements end at the end of that day there). */
export function todayInZurich(now: Date): string {
  return zurichDay(now);
}

/** [start, end) inside business hours on a working day of this backend's calendar (or of `holidays`). */
export function withinBusinessHours(
  start: Date,
  end: Date,
  holidays: HolidayLookup = backendCalendar().holidays,
): boolean {
  return within(start, end, holidays);
}
