import { describe, expect, it } from 'vitest';
import { todayInZurich, withinBusinessHours } from './business-hours.js';

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

  it('keeps the lunch break and the end of day, and weekends', () => {
    expect(withinBusinessHours(...slot('2026-03-02T10:45:00.000Z'))).toBe(true); // 11:45-12:00
    expect(withinBusinessHours(...slot('2026-03-02T10:50:00.000Z'))).toBe(false); // 11:50-12:05
    expect(withinBusinessHours(...slot('2026-03-02T12:00:00.000Z'))).toBe(true); // 13:00
    expect(withinBusinessHours(...slot('2026-03-02T15:50:00.000Z'))).toBe(false); // 16:50-17:05
    expect(withinBusinessHours(...slot('2026-03-07T09:00:00.000Z'))).toBe(false); // Saturday
    expect(withinBusinessHours(...slot('2026-03-02T09:00:00.000Z'), new Set(['2026-03-02']))).toBe(false);
  });

  it('gives today in Zurich, not in UTC', () => {
    expect(todayInZurich(new Date('2026-03-01T23:30:00.000Z'))).toBe('2026-03-02');
  });
});
