/**
 * The provider's callback settings: slot length and which holidays close the
 * desk. The backend and the console read the same environment variables:
 * SUPPORT_CONSOLE_HOLIDAY_CANTONS (e.g. "ZH,VD"), SUPPORT_CONSOLE_CLOSED_DAYS
 * (e.g. "2026-12-24,2026-12-31"), SUPPORT_CONSOLE_SLOT_MINUTES (default 15).
 */
import { DEFAULT_SLOT_MINUTES, checkSlotMinutes } from './calendar.js';
import type { CalendarRules } from './calendar.js';
import { CANTONS, FEDERAL_ONLY, swissHolidays } from './holidays.js';
import type { Canton, HolidayConfig } from './holidays.js';

export interface CallbackConfig {
  slotMinutes: number;
  holidays: HolidayConfig;
}

export const DEFAULT_CALLBACK_CONFIG: CallbackConfig = { slotMinutes: DEFAULT_SLOT_MINUTES, holidays: FEDERAL_ONLY };

export function calendarRules(config: CallbackConfig = DEFAULT_CALLBACK_CONFIG): CalendarRules {
  checkSlotMinutes(config.slotMinutes);
  return { slotMinutes: config.slotMinutes, holidays: swissHolidays(config.holidays) };
}

const list = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Reads the callback settings from an environment (passed in: this module is pure); throws on a value it cannot use. */
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
