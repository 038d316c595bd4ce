/**
 * The phone-support calendar (docs/product-rules.md#phone-support-hours):
 * Monday–Friday 08:00–12:00 and 13:00–17:00 on the wall clock in Europe/Zurich, public holidays closed,
 * callbacks in fixed slots (15 minutes by default) counted from the opening
 * of each window. Every instant is computed from the Zurich wall clock with
 * luxon, so a slot is at 08:00 local time on both sides of a clock change.
 * Used by the console and the reference backend alike.
 */
import { DateTime } from 'luxon';
import type { HolidayLookup } from './holidays.js';

export const ZONE = 'Europe/Zurich';
export const DEFAULT_SLOT_MINUTES = 15;
/** Opening windows in minutes after local midnight, [open, close). */
export const BUSINESS_WINDOWS: readonly (readonly [number, number])[] = [
  [8 * 60, 12 * 60],
  [13 * 60, 17 * 60],
];

export interface CalendarRules {
  holidays: HolidayLookup;
  /** Length of a callback slot; slots start at the opening of a window and every slotMinutes after. */
  slotMinutes: number;
}

export interface Slot {
  /** ISO UTC instants, e.g. 2026-03-30T06:00:00.000Z. */
  startsAt: string;
  endsAt: string;
}

export function checkSlotMinutes(slotMinutes: number): void {
  if (!Number.isInteger(slotMinutes) || slotMinutes < 5 || slotMinutes > 240) {
    throw new RangeError(`slot length must be a whole number of minutes between 5 and 240, got ${slotMinutes}`);
  }
}

const inZurich = (instant: Date | string): DateTime =>
  typeof instant === 'string'
    ? DateTime.fromISO(instant, { zone: ZONE })
    : DateTime.fromJSDate(instant, { zone: ZONE });

/** The Zurich calendar day of an instant, e.g. "2026-03-02" for 2026-03-01T23:30Z. */
export function zurichDay(instant: Date | string): string {
  return inZurich(instant).toISODate() ?? '';
}

/** Minutes after local midnight in Zurich (fractional with seconds). */
export function zurichMinutes(instant: Date | string): number {
  const t = inZurich(instant);
  return t.hour * 60 + t.minute + t.second / 60 + t.millisecond / 60_000;
}

/** ISO weekday (1 = Monday) of a day "YYYY-MM-DD". */
export function weekdayOf(day: string): number {
  return DateTime.fromISO(day, { zone: ZONE }).weekday;
}

/** The day after (or `n` days after) a day, on the calendar. */
export function addDays(day: string, n: number): string {
  return DateTime.fromISO(day, { zone: ZONE }).plus({ days: n }).toISODate() ?? '';
}

/** Monday to Friday and not a holiday. */
export function isBusinessDay(day: string, holidays: HolidayLookup): boolean {
  return weekdayOf(day) <= 5 && !holidays.has(day);
}

/** The instant a Zurich wall-clock time on a day denotes (business hours never fall in a DST gap). */
export function zurichInstant(day: string, minutes: number): Date {
  const d = DateTime.fromISO(day, { zone: ZONE });
  return DateTime.fromObject(
    { year: d.year, month: d.month, day: d.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: ZONE },
  ).toJSDate();
}

// The slot grid of a day never changes; time-zone arithmetic is the costly part of a search, so it is kept.
const grids = new Map<string, readonly Slot[]>();

/** Every slot of a day in time order; none on weekends and holidays. */
export function daySlots(day: string, rules: CalendarRules): Slot[] {
  checkSlotMinutes(rules.slotMinutes);
  if (!isBusinessDay(day, rules.holidays)) return [];
  const key = `${day}|${String(rules.slotMinutes)}`;
  const known = grids.get(key);
  if (known !== undefined) return [...known];
  const out: Slot[] = [];
  for (const [open, close] of BUSINESS_WINDOWS) {
    for (let m = open; m + rules.slotMinutes <= close; m += rules.slotMinutes) {
      out.push({
        startsAt: zurichInstant(day, m).toISOString(),
        endsAt: zurichInstant(day, m + rules.slotMinutes).toISOString(),
      });
    }
  }
  if (grids.size >= 20_000) grids.clear();
  grids.set(key, out);
  return [...out];
}

/** True when [start, end) lies inside one window of one business day (any length, any alignment). */
export function withinBusinessHours(start: Date, end: Date, holidays: HolidayLookup): boolean {
  if (!(end.getTime() > start.getTime())) return false;
  const day = zurichDay(start);
  if (day !== zurichDay(end) || !isBusinessDay(day, holidays)) return false;
  const from = zurichMinutes(start);
  const to = zurichMinutes(end);
  return BUSINESS_WINDOWS.some(([open, close]) => from >= open && to <= close);
}

/** The slot starting at `startsAt` when it is one of the calendar's slots, else null. */
export function slotAt(startsAt: string | Date, rules: CalendarRules): Slot | null {
  const start = typeof startsAt === 'string' ? new Date(startsAt) : startsAt;
  if (Number.isNaN(start.getTime())) return null;
  const iso = start.toISOString();
  return daySlots(zurichDay(start), rules).find((s) => s.startsAt === iso) ?? null;
}
