import { describe, expect, it } from 'vitest';
import { callbackConfigFromEnv, todayInZurich, withinBusinessHours } from './business-hours.js';

const slot = (iso: string): [Date, Date] => {
  const start = new Date(iso);
  return [start, new Date(start.getTime() + 15 * 60_000)];
};

describe('business hours (Europe/Zurich)', () => {
  it('follows the wall clock in Zurich across the DST change', () => {
    // Friday 27 March 2026 is still CET (UTC+1); Monday 30 March is CEST (UTC+2).
    expect(withinBusinessHours(...slot('2026-03-27T07:00:00.000Z'))).toBe(true); // 08:00 CET
    expect(withinBusinessHours(...slot('2026-03-27T06:45:00.000Z'))).toBe(false); // 07:45 CET
    expect(withinBusinessHours(...slot('2026-03-30T06:00:00.000Z'))).toBe(true); // 08:00 CEST
    expect(withinBusinessHours(...slot('2026-03-30T05:45:00.000Z'))).toBe(false); // 07:45 CEST
  });

  it('keeps the lunch break and the end of day, weekends and holidays', () => {
    expect(withinBusinessHours(...slot('2026-03-02T10:45:00.000Z'))).toBe(true); // 11:45-12:00
    expect(withinBusinessHours(...slot('2026-03-02T10:50:00.000Z'))).toBe(false); // 11:50-12:05
    expect(withinBusinessHours(...slot('2026-03-02T12:00:00.000Z'))).toBe(true); // 13:00
    expect(withinBusinessHours(...slot('2026-03-02T15:50:00.000Z'))).toBe(false); // 16:50-17:05
    expect(withinBusinessHours(...slot('2026-03-07T09:00:00.000Z'))).toBe(false); // Saturday
    expect(withinBusinessHours(...slot('2026-03-02T09:00:00.000Z'), new Set(['2026-03-02']))).toBe(false);
    expect(withinBusinessHours(...slot('2026-04-06T09:00:00.000Z'))).toBe(false); // Easter Monday (date-holidays)
  });

  it('gives today in Zurich, not in UTC', () => {
    expect(todayInZurich(new Date('2026-03-01T23:30:00.000Z'))).toBe('2026-03-02');
  });

  it('reads cantons, closed days and the slot length from the environment, refusing bad values', () => {
    const config = callbackConfigFromEnv({
      SUPPORT_CONSOLE_HOLIDAY_CANTONS: 'zh, VD',
      SUPPORT_CONSOLE_CLOSED_DAYS: '2026-12-24',
      SUPPORT_CONSOLE_SLOT_MINUTES: '20',
    });
    expect(config).toEqual({ slotMinutes: 20, holidays: { cantons: ['ZH', 'VD'], extraDays: ['2026-12-24'] } });
    expect(callbackConfigFromEnv({})).toEqual({ slotMinutes: 15, holidays: { cantons: [], extraDays: [] } });
    expect(() => callbackConfigFromEnv({ SUPPORT_CONSOLE_HOLIDAY_CANTONS: 'ZZ' })).toThrow(/unknown canton "ZZ"/);
    expect(() => callbackConfigFromEnv({ SUPPORT_CONSOLE_CLOSED_DAYS: '24.12.2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => callbackConfigFromEnv({ SUPPORT_CONSOLE_SLOT_MINUTES: 'soon' })).toThrow(/slot length/);
  });
});
