/**
 * Which slots can still be offered: the calendar's slots on the days an
 * expert works and is not absent, not already booked for that expert, after
 * a given instant, optionally inside the customer's preferred time of day
 * and not after the last day of their entitlement. "Next free slot" for one
 * expert is the same question with a team of one.
 */
import type { ExpertCalendar } from '../entities.js';
import { addDays, daySlots, weekdayOf, zurichDay, zurichMinutes } from './calendar.js';
import type { CalendarRules, Slot } from './calendar.js';

/** Monday to Friday, no absence: what an expert without a calendar works. */
export const DEFAULT_EXPERT_CALENDAR: ExpertCalendar = { workingDays: [1, 2, 3, 4, 5], absences: [] };

export interface ExpertAvailability {
  id: string;
  calendar: ExpertCalendar | null;
}

/** A booked call; only scheduled ones hold a slot. */
export interface Booking {
  expertId: string;
  startsAt: string;
  endsAt: string;
}

/** The customer's preferred time of day, in minutes after local midnight (Zurich), [from, to). */
export interface PreferredWindow {
  fromMinutes: number;
  toMinutes: number;
}

export interface FreeSlot extends Slot {
  expertId: string;
}

export interface FreeSlotQuery {
  /** Slots starting before this instant are not offered (now, plus any lead time). */
  after: Date;
  experts: readonly ExpertAvailability[];
  booked: readonly Booking[];
  rules: CalendarRules;
  limit: number;
  /** How many calendar days to look ahead (default 30). */
  horizonDays?: number;
  preferred?: PreferredWindow | null;
  /** Last day a call may take place (the entitlement's end), inclusive. */
  lastDay?: string | null;
  /** true (default): one entry per time, with the first free expert in `experts` order. */
  onePerTime?: boolean;
}

/** Whether an expert works on a day (working weekday, not within an absence). */
export function expertWorks(calendar: ExpertCalendar | null, day: string, weekday = weekdayOf(day)): boolean {
  const cal = calendar ?? DEFAULT_EXPERT_CALENDAR;
  if (!cal.workingDays.includes(weekday)) return false;
  return !cal.absences.some((a) => a.from <= day && day <= a.to);
}

/** Two half-open intervals overlap. Compared as instants, whatever the ISO spelling. */
export function overlaps(a: { startsAt: string; endsAt: string }, b: { startsAt: string; endsAt: string }): boolean {
  return Date.parse(a.startsAt) < Date.parse(b.endsAt) && Date.parse(b.startsAt) < Date.parse(a.endsAt);
}

export function inPreferredWindow(slot: Slot, preferred: PreferredWindow | null | undefined): boolean {
  if (preferred === null || preferred === undefined) return true;
  return zurichMinutes(slot.startsAt) >= preferred.fromMinutes && zurichMinutes(slot.endsAt) <= preferred.toMinutes;
}

export function nextFreeSlots(q: FreeSlotQuery): FreeSlot[] {
  const horizon = q.horizonDays ?? 30;
  const onePerTime = q.onePerTime ?? true;
  const afterMs = q.after.getTime();
  // Each expert's bookings in start order, walked with a cursor: slots come in time order, so the search is
  // linear in slots + bookings instead of slots × bookings.
  const byExpert = new Map<string, { s: number; e: number }[]>();
  for (const b of q.booked) {
    const list = byExpert.get(b.expertId) ?? [];
    list.push({ s: Date.parse(b.startsAt), e: Date.parse(b.endsAt) });
    byExpert.set(b.expertId, list);
  }
  for (const list of byExpert.values()) list.sort((a, b) => a.s - b.s);
  const cursor = new Map<string, number>();
  /** Whether the expert has a booking overlapping [s, e); every later call asks about a later slot. */
  const busy = (expertId: string, s: number, e: number): boolean => {
    const list = byExpert.get(expertId);
    if (list === undefined) return false;
    let i = cursor.get(expertId) ?? 0;
    // Bookings sorted by start may end out of order: only skip those that end before every later slot.
    while (i < list.length && (list[i]?.e ?? 0) <= s && (list[i]?.s ?? 0) <= s) i++;
    cursor.set(expertId, i);
    for (let k = i; k < list.length; k++) {
      const b = list[k];
      if (b === undefined || b.s >= e) break;
      if (b.e > s) return true;
    }
    return false;
  };
  const out: FreeSlot[] = [];
  const firstDay = zurichDay(q.after);
  for (let i = 0; i <= horizon && out.length < q.limit; i++) {
    const day = addDays(firstDay, i);
    if (q.lastDay !== undefined && q.lastDay !== null && day > q.lastDay) break;
    const weekday = weekdayOf(day);
    const working = q.experts.filter((x) => expertWorks(x.calendar, day, weekday));
    if (working.length === 0) continue;
    for (const slot of daySlots(day, q.rules)) {
      const s = Date.parse(slot.startsAt);
      if (s < afterMs || !inPreferredWindow(slot, q.preferred)) continue;
      const e = Date.parse(slot.endsAt);
      for (const x of working) {
        if (busy(x.id, s, e)) continue;
        out.push({ ...slot, expertId: x.id });
        if (onePerTime || out.length >= q.limit) break;
      }
      if (out.length >= q.limit) break;
    }
  }
  return out;
}

/** The earliest free slot of one expert, or null within the horizon. */
export function nextFreeSlotOf(
  expert: ExpertAvailability,
  q: Omit<FreeSlotQuery, 'experts' | 'limit' | 'onePerTime'>,
): FreeSlot | null {
  return nextFreeSlots({ ...q, experts: [expert], limit: 1 })[0] ?? null;
}
