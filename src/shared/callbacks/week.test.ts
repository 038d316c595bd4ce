/**
 * The scheduling dialog's week: each day's free slots, which days can be
 * booked (today up to the horizon or the entitlement's end, business days
 * the experts work), and a week far ahead reached as well as this one.
 */
import { describe, expect, it } from 'vitest';
import { zurichDay } from './calendar.js';
import { calendarRules } from './config.js';
import { nextFreeSlots } from './free-slots.js';
import { freeSlotsByDay } from './week.js';

const rules = calendarRules();
/** Wednesday 2 December 2026, 10:07 in Zurich. */
const NOW = new Date('2026-12-02T09:07:00.000Z');
const expert = { id: 'ag-sophie', calendar: null };
const zurichTime = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

describe('a week of free slots', () => {
  it('lists each day’s free slots from now on, weekends and past days not bookable', () => {
    const booked = [
      { expertId: 'ag-sophie', startsAt: '2026-12-03T07:00:00.000Z', endsAt: '2026-12-03T07:15:00.000Z' },
    ];
    const week = freeSlotsByDay({ after: NOW, experts: [expert], booked, rules, fromDay: '2026-11-30' });
    expect(week.days.map((d) => [d.day, d.bookable])).toEqual([
      ['2026-11-30', false],
      ['2026-12-01', false],
      ['2026-12-02', true],
      ['2026-12-03', true],
      ['2026-12-04', true],
      ['2026-12-05', false],
      ['2026-12-06', false],
    ]);
    const [mon, , wed, thu, fri, sat] = week.days;
    expect(mon?.slots).toEqual([]);
    expect(sat?.slots).toEqual([]);
    // Today: the slots after 10:07 only (10:15 … 11:45, then the afternoon's 16).
    expect(wed?.slots.map((s) => zurichTime(s.startsAt)).slice(0, 2)).toEqual(['10:15', '10:30']);
    expect(wed?.slots).toHaveLength(7 + 16);
    // Thursday: 08:00 is booked; the 31 other slots of the day are free.
    expect(thu?.slots).toHaveLength(31);
    expect(thu?.slots[0]?.startsAt).toBe('2026-12-03T07:15:00.000Z');
    expect(fri?.slots).toHaveLength(32);
    for (const d of week.days) for (const s of d.slots) expect(zurichDay(s.startsAt)).toBe(d.day);
  });

  it('agrees with the next-free-slots search over the same days', () => {
    const week = freeSlotsByDay({ after: NOW, experts: [expert], booked: [], rules, fromDay: '2026-12-02' });
    const flat = week.days.flatMap((d) => d.slots);
    const next = nextFreeSlots({ after: NOW, experts: [expert], booked: [], rules, limit: flat.length });
    expect(flat).toEqual(next);
  });

  it('reaches a later week, and stops at the horizon and at the entitlement’s last day', () => {
    const later = freeSlotsByDay({ after: NOW, experts: [expert], booked: [], rules, fromDay: '2026-12-28' });
    expect(later.lastBookable).toBe('2027-01-01');
    // 28–31 December are open, 1 January is a holiday; the horizon ends that day (today + 30).
    expect(later.days.map((d) => d.slots.length)).toEqual([32, 32, 32, 32, 0, 0, 0]);
    expect(later.days.map((d) => d.bookable)).toEqual([true, true, true, true, false, false, false]);

    const ending = freeSlotsByDay({
      after: NOW,
      experts: [expert],
      booked: [],
      rules,
      fromDay: '2026-12-07',
      lastDay: '2026-12-09',
    });
    expect(ending.lastBookable).toBe('2026-12-09');
    expect(ending.days.map((d) => d.slots.length)).toEqual([32, 32, 32, 0, 0, 0, 0]);
  });

  it('gives the team one slot per time, and no slot on a day nobody works', () => {
    const partTime = { id: 'ag-konrad', calendar: { workingDays: [1, 2], absences: [] } };
    const away = {
      id: 'ag-marie',
      calendar: { workingDays: [1, 2, 3, 4, 5], absences: [{ from: '2026-12-09', to: '2026-12-11' }] },
    };
    const team = freeSlotsByDay({ after: NOW, experts: [partTime, away], booked: [], rules, fromDay: '2026-12-07' });
    expect(team.days.map((d) => d.slots.length)).toEqual([32, 32, 0, 0, 0, 0, 0]);
    expect(team.days.map((d) => d.bookable)).toEqual([true, true, false, false, false, false, false]);
    expect(team.days[0]?.slots.every((s) => s.expertId === 'ag-konrad')).toBe(true);
  });
});
