/**
 * A week of free slots for the scheduling dialog: the free slots of seven
 * days in a row, day by day, and which of those days can be booked at all
 * (inside the booking horizon, not after the customer's entitlement, a
 * business day). The dialog's day picker walks from week to week inside the
 * horizon, so an expert reaches any bookable day, not only the next few slots.
 */
import { addDays, daySlots, zurichDay } from './calendar.js';
import { expertWorks, nextFreeSlots } from './free-slots.js';
import type { FreeSlot, FreeSlotQuery } from './free-slots.js';

/** The console offers today and the next 30 calendar days. */
export const BOOKING_HORIZON_DAYS = 30;
export const WEEK_DAYS = 7;

export interface DayOfSlots {
  /** Zurich day, "YYYY-MM-DD". */
  day: string;
  /** Inside the horizon and the entitlement, a business day on which one of the experts works. */
  bookable: boolean;
  /** Free slots of that day in time order (one per time for the team, the first free expert). */
  slots: FreeSlot[];
}

export interface WeekOfSlots {
  days: DayOfSlots[];
  /** The first and last day that may be offered at all (today and the horizon's or entitlement's end). */
  firstBookable: string;
  lastBookable: string;
}

export type WeekQuery = Omit<FreeSlotQuery, 'limit' | 'horizonDays'> & {
  /** First day of the week shown; days before today are listed but never bookable. */
  fromDay: string;
  days?: number;
  /** Calendar days after today that may be booked (default BOOKING_HORIZON_DAYS). */
  horizonDays?: number;
};

export function freeSlotsByDay(q: WeekQuery): WeekOfSlots {
  const count = q.days ?? WEEK_DAYS;
  const today = zurichDay(q.after);
  const horizonEnd = addDays(today, q.horizonDays ?? BOOKING_HORIZON_DAYS);
  const lastBookable = q.lastDay !== undefined && q.lastDay !== null && q.lastDay < horizonEnd ? q.lastDay : horizonEnd;
  const shown = Array.from({ length: count }, (_, i) => addDays(q.fromDay, i));
  const open = shown.filter(
    (day) =>
      day >= today &&
      day <= lastBookable &&
      daySlots(day, q.rules).length > 0 &&
      q.experts.some((x) => expertWorks(x.calendar, day)),
  );
  const first = open[0];
  const last = open[open.length - 1];
  const slots =
    first === undefined || last === undefined
      ? []
      : nextFreeSlots({
          ...q,
          // The week's first open day, or now when that day is today: earlier slots are gone.
          after: first === today ? q.after : new Date(Date.parse(daySlots(first, q.rules)[0]?.startsAt ?? '')),
          horizonDays: shown.indexOf(last) - shown.indexOf(first),
          lastDay: last,
          limit: Number.MAX_SAFE_INTEGER,
        });
  const byDay = new Map<string, FreeSlot[]>();
  for (const s of slots) {
    const day = zurichDay(s.startsAt);
    const list = byDay.get(day);
    if (list === undefined) byDay.set(day, [s]);
    else list.push(s);
  }
  return {
    days: shown.map((day) => ({ day, bookable: open.includes(day), slots: byDay.get(day) ?? [] })),
    firstBookable: today,
    lastBookable,
  };
}
