/**
 * Moving through the scheduling dialog's week: from a day to the next or
 * previous bookable one, and from a week to the one before or after it,
 * never before today nor past the booking horizon (the week's bounds).
 */
import type { FreeWeekView } from '../../../../shared/ipc-callbacks.js';

const DAY_MS = 86_400_000;

/** A calendar day "YYYY-MM-DD" moved by `n` days (noon UTC: no time zone can change the date). */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The next (or previous) bookable day of the week after `day`, or null at the week's edge. */
export function stepDay(week: FreeWeekView, day: string | null, direction: 1 | -1): string | null {
  const open = week.days.filter((d) => d.bookable).map((d) => d.day);
  const candidates =
    direction === 1
      ? open.filter((d) => day === null || d > day)
      : open.filter((d) => day !== null && d < day).reverse();
  return candidates[0] ?? null;
}

/** The first day of the following week, or null when it would start after the last bookable day. */
export function weekAfter(week: FreeWeekView): string | null {
  const first = week.days[0]?.day;
  if (first === undefined) return null;
  const next = addDays(first, week.days.length);
  return next <= week.lastBookable ? next : null;
}

/** The first day of the week before, never before today; null when this week already starts there. */
export function weekBefore(week: FreeWeekView): string | null {
  const first = week.days[0]?.day;
  if (first === undefined || first <= week.firstBookable) return null;
  const before = addDays(first, -week.days.length);
  return before < week.firstBookable ? week.firstBookable : before;
}

/**
 * The day a freshly loaded week shows: one with a free slot, since a window the customer prefers can empty
 * the day that was shown (this afternoon has no morning left). `keep` stays on `shown`, or moves to the next
 * day that has a slot; `first`/`last` take the week's first or last such day. Without any free slot, the
 * bookable days are the choice (the dialog then says the day is full).
 */
export function dayToShow(week: FreeWeekView, shown: string | null, pick: 'first' | 'last' | 'keep'): string | null {
  const open = week.days.filter((d) => d.bookable);
  const free = open.filter((d) => d.slots.length > 0);
  const choices = (free.length > 0 ? free : open).map((d) => d.day);
  const last = choices[choices.length - 1];
  if (pick === 'keep' && shown !== null) return choices.find((d) => d >= shown) ?? last ?? null;
  return (pick === 'last' ? last : choices[0]) ?? week.days[0]?.day ?? null;
}
