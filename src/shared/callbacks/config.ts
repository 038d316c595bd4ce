/** The provider's callback settings: slot length and which holidays close the desk. */
import { DEFAULT_SLOT_MINUTES, checkSlotMinutes } from './calendar.js';
import type { CalendarRules } from './calendar.js';
import { FEDERAL_ONLY, swissHolidays } from './holidays.js';
import type { HolidayConfig } from './holidays.js';

export interface CallbackConfig {
  slotMinutes: number;
  holidays: HolidayConfig;
}

export const DEFAULT_CALLBACK_CONFIG: CallbackConfig = { slotMinutes: DEFAULT_SLOT_MINUTES, holidays: FEDERAL_ONLY };

export function calendarRules(config: CallbackConfig = DEFAULT_CALLBACK_CONFIG): CalendarRules {
  checkSlotMinutes(config.slotMinutes);
  return { slotMinutes: config.slotMinutes, holidays: swissHolidays(config.holidays) };
}
