/**
 * Phone support hours (PRODUCT.md): Monday–Friday 08:00–12:00 and
 * 13:00–17:00, Europe/Zurich. Computed in the zone with luxon so a slot is
 * judged by the wall clock in Zurich, including across DST changes.
 */
import { DateTime } from 'luxon';

export const ZONE = 'Europe/Zurich';
export const SLOT_MINUTES = 15;
const WINDOWS: readonly [number, number][] = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];

/** True when [start, end) lies inside one business-hours window of one working day. */
export function withinBusinessHours(start: Date, end: Date, holidays: ReadonlySet<string> = new Set()): boolean {
  const s = DateTime.fromJSDate(start, { zone: ZONE });
  const e = DateTime.fromJSDate(end, { zone: ZONE });
  if (s.weekday > 5 || !s.hasSame(e, 'day') || holidays.has(s.toISODate() ?? '')) return false;
  const from = s.hour * 60 + s.minute + s.second / 60;
  const to = e.hour * 60 + e.minute + e.second / 60;
  return WINDOWS.some(([open, close]) => from >= open && to <= close);
}

/** Today's date in Zurich, e.g. "2026-03-29" (entitlements end at the end of that day there). */
export function todayInZurich(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate() ?? '';
}
