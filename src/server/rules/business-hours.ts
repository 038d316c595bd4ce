/**
 * The backend's callback calendar: the shared one (src/shared/callbacks),
 * configured for this deployment. Holidays come from date-holidays: the
 * Swiss federal set, plus the cantons in SUPPORT_CONSOLE_HOLIDAY_CANTONS
 * (e.g. "ZH,VD") and extra closed days in SUPPORT_CONSOLE_CLOSED_DAYS
 * (e.g. "2026-12-24,2026-12-31"); slot length in SUPPORT_CONSOLE_SLOT_MINUTES
 * (default 15). A bad value stops the backend at start with a clear error.
 */
import { withinBusinessHours as within, zurichDay } from '../../shared/callbacks/calendar.js';
import type { CalendarRules } from '../../shared/callbacks/calendar.js';
import { DEFAULT_CALLBACK_CONFIG, calendarRules } from '../../shared/callbacks/config.js';
import type { CallbackConfig } from '../../shared/callbacks/config.js';
import { CANTONS } from '../../shared/callbacks/holidays.js';
import type { Canton, HolidayLookup } from '../../shared/callbacks/holidays.js';

export { ZONE } from '../../shared/callbacks/calendar.js';

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads the callback settings from the environment; throws on a value it cannot use. */
export function callbackConfigFromEnv(env: Record<string, string | undefined>): CallbackConfig {
  const cantons = list(env.SUPPORT_CONSOLE_HOLIDAY_CANTONS).map((c) => c.toUpperCase());
  for (const c of cantons) {
    if (!(CANTONS as readonly string[]).includes(c)) {
      throw new RangeError(
        `SUPPORT_CONSOLE_HOLIDAY_CANTONS: unknown canton "${c}" (expected one of ${CANTONS.join(', ')})`,
      );
    }
  }
  const extraDays = list(env.SUPPORT_CONSOLE_CLOSED_DAYS);
  for (const d of extraDays) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d))
      throw new RangeError(`SUPPORT_CONSOLE_CLOSED_DAYS: "${d}" is not a YYYY-MM-DD day`);
  }
  const slotRaw = env.SUPPORT_CONSOLE_SLOT_MINUTES;
  const slotMinutes = slotRaw === undefined || slotRaw === '' ? DEFAULT_CALLBACK_CONFIG.slotMinutes : Number(slotRaw);
  const config: CallbackConfig = { slotMinutes, holidays: { cantons: cantons as Canton[], extraDays } };
  calendarRules(config); // validates the slot length
  return config;
}

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
