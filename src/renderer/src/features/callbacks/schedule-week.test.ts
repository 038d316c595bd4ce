/** The scheduling dialog's day picker: day to day inside a week, week to week inside the horizon. */
import { describe, expect, it } from 'vitest';
import type { FreeWeekView } from '../../../../shared/ipc-callbacks.js';
import { dayToShow, stepDay, weekAfter, weekBefore } from './schedule-week.js';

/** Seven days from `from`; `open` lists the bookable ones. */
function week(from: string, open: readonly string[], first = '2026-12-02', last = '2027-01-01'): FreeWeekView {
  const days = Array.from({ length: 7 }, (_, i) =>
    new Date(Date.parse(`${from}T12:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10),
  );
  return {
    days: days.map((day) => ({ day, bookable: open.includes(day), slots: [] })),
    firstBookable: first,
    lastBookable: last,
  };
}

describe('moving through the scheduling dialog’s week', () => {
  const w = week('2026-12-03', ['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08', '2026-12-09']);

  it('steps to the next or previous bookable day, over the weekend, and stops at the week’s edge', () => {
    expect(stepDay(w, '2026-12-04', 1)).toBe('2026-12-07');
    expect(stepDay(w, '2026-12-07', -1)).toBe('2026-12-04');
    expect(stepDay(w, '2026-12-09', 1)).toBeNull();
    expect(stepDay(w, '2026-12-03', -1)).toBeNull();
    expect(stepDay(w, null, 1)).toBe('2026-12-03');
  });

  it('goes a week on or back, never before today nor past the horizon', () => {
    expect(weekAfter(w)).toBe('2026-12-10');
    expect(weekBefore(w)).toBe('2026-12-02');
    expect(weekBefore(week('2026-12-02', []))).toBeNull();
    expect(weekBefore(week('2026-12-16', []))).toBe('2026-12-09');
    expect(weekAfter(week('2026-12-28', ['2026-12-28']))).toBeNull();
    expect(weekAfter(week('2026-12-25', []))).toBe('2027-01-01');
  });
});

describe('the day a loaded week shows', () => {
  const slot = {
    expertId: 'e',
    expertName: 'Sophie',
    startsAt: '2026-12-04T08:00:00Z',
    endsAt: '2026-12-04T08:15:00Z',
  };
  /** Today (Thursday) bookable but its preferred window is over; Friday and Monday have free slots. */
  const w = week('2026-12-03', ['2026-12-03', '2026-12-04', '2026-12-07']);
  const withSlots: FreeWeekView = {
    ...w,
    days: w.days.map((d) => ({ ...d, slots: ['2026-12-04', '2026-12-07'].includes(d.day) ? [slot] : [] })),
  };

  it('is a day with a free slot: the next one when the day shown has none left', () => {
    expect(dayToShow(withSlots, '2026-12-03', 'keep')).toBe('2026-12-04');
    expect(dayToShow(withSlots, '2026-12-07', 'keep')).toBe('2026-12-07');
    expect(dayToShow(withSlots, null, 'first')).toBe('2026-12-04');
    expect(dayToShow(withSlots, null, 'last')).toBe('2026-12-07');
  });

  it('falls back on the bookable days when no day has a slot, so the dialog can say the day is full', () => {
    expect(dayToShow(w, null, 'first')).toBe('2026-12-03');
    expect(dayToShow(w, '2026-12-05', 'keep')).toBe('2026-12-07');
    expect(dayToShow(week('2026-12-03', []), null, 'first')).toBe('2026-12-03');
  });
});
