/**
 * Property tests over the business-hours calendar. Local times are checked
 * with Intl (the platform's own time-zone data), not with luxon, which the
 * code under test uses: the two must agree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daySlots, slotAt, withinBusinessHours, zurichDay } from './calendar.js';
import type { CalendarRules } from './calendar.js';
import { nextFreeSlots } from './free-slots.js';
import type { Booking } from './free-slots.js';
import { swissHolidays } from './holidays.js';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Zurich',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Zurich wall clock of an instant, by Intl. */
function local(iso: string): { day: string; weekday: string; minutes: number } {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return {
    day: `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}`,
    weekday: p.weekday ?? '',
    minutes: Number(p.hour) * 60 + Number(p.minute),
  };
}

const DAY_MS = 86_400_000;
const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2031-01-01T00:00:00Z');
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

const instant = fc.integer({ min: FROM, max: TO }).map((ms) => new Date(ms));
const holidaySet = fc
  .uniqueArray(fc.integer({ min: 0, max: (TO - FROM) / DAY_MS }), { maxLength: 120 })
  .map((offsets) => new Set(offsets.map((o) => isoDay(FROM + o * DAY_MS))));
const slotMinutes = fc.constantFrom(10, 15, 20, 30, 45, 60);

function checkInsideBusinessHours(slot: { startsAt: string; endsAt: string }, rules: CalendarRules): void {
  const s = local(slot.startsAt);
  const e = local(slot.endsAt);
  expect(s.day).toBe(e.day);
  expect(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']).toContain(s.weekday);
  expect(rules.holidays.has(s.day)).toBe(false);
  const morning = s.minutes >= 8 * 60 && e.minutes <= 12 * 60;
  const afternoon = s.minutes >= 13 * 60 && e.minutes <= 17 * 60;
  expect(morning || afternoon, `${slot.startsAt} is ${s.day} ${String(s.minutes)} min`).toBe(true);
  expect(e.minutes - s.minutes).toBe(rules.slotMinutes);
}

describe('business-hours calendar (property-based)', () => {
  it('proposes only slots inside business hours, off holidays, outside lunch, never on a booked slot', () => {
    fc.assert(
      fc.property(
        instant,
        holidaySet,
        slotMinutes,
        fc.array(fc.integer({ min: 0, max: 20 * DAY_MS }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 60 }),
        (after, holidays, minutes, bookingOffsets, limit) => {
          const rules: CalendarRules = { holidays, slotMinutes: minutes };
          // Bookings of any length at any instant near the query, as another system might have left them.
          const booked: Booking[] = bookingOffsets.map((o, i) => {
            const s = after.getTime() + o;
            return {
              expertId: 'x',
              startsAt: new Date(s).toISOString(),
              endsAt: new Date(s + (5 + (i % 7) * 10) * 60_000).toISOString(),
            };
          });
          const slots = nextFreeSlots({ after, experts: [{ id: 'x', calendar: null }], booked, rules, limit });
          expect(slots.length).toBeGreaterThan(0);
          let previous = 0;
          for (const slot of slots) {
            checkInsideBusinessHours(slot, rules);
            expect(withinBusinessHours(new Date(slot.startsAt), new Date(slot.endsAt), holidays)).toBe(true);
            expect(slotAt(slot.startsAt, rules)).toEqual({ startsAt: slot.startsAt, endsAt: slot.endsAt });
            expect(Date.parse(slot.startsAt)).toBeGreaterThanOrEqual(after.getTime());
            expect(Date.parse(slot.startsAt)).toBeGreaterThan(previous);
            previous = Date.parse(slot.startsAt);
            for (const b of booked) {
              const clash =
                Date.parse(b.startsAt) < Date.parse(slot.endsAt) && Date.parse(slot.startsAt) < Date.parse(b.endsAt);
              expect(clash, `${slot.startsAt} overlaps ${b.startsAt}-${b.endsAt}`).toBe(false);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never puts two calls on one expert, booking slot after slot', () => {
    fc.assert(
      fc.property(
        instant,
        holidaySet,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 5, max: 80 }),
        (after, holidays, team, n) => {
          const rules: CalendarRules = { holidays, slotMinutes: 15 };
          const experts = Array.from({ length: team }, (_, i) => ({ id: `e${String(i)}`, calendar: null }));
          const booked: Booking[] = [];
          for (let k = 0; k < n; k++) {
            const [next] = nextFreeSlots({ after, experts, booked, rules, limit: 1 });
            if (next === undefined) break;
            booked.push(next);
          }
          for (const a of booked)
            for (const b of booked)
              if (a !== b && a.expertId === b.expertId) expect(a.startsAt === b.startsAt).toBe(false);
          expect(booked).toHaveLength(n);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects instants that are not one of its slots', () => {
    fc.assert(
      fc.property(instant, holidaySet, (t, holidays) => {
        const rules: CalendarRules = { holidays, slotMinutes: 15 };
        const slot = slotAt(t, rules);
        if (slot === null) return;
        checkInsideBusinessHours(slot, rules);
        expect(slot.startsAt).toBe(t.toISOString());
      }),
      { numRuns: 500 },
    );
  });
});

/** Days 2026–2030 whose UTC offset in Zurich differs from the day before's (by Intl). */
function clockChangeDays(): string[] {
  const offset = (ms: number): number => {
    const l = local(new Date(ms).toISOString());
    const [y, m, d] = l.day.split('-').map(Number);
    return Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, Math.floor(l.minutes / 60), l.minutes % 60) - ms;
  };
  const out: string[] = [];
  for (let ms = Date.parse('2026-01-01T12:00:00Z'); ms < Date.parse('2031-01-01T00:00:00Z'); ms += DAY_MS) {
    if (offset(ms) !== offset(ms - DAY_MS)) out.push(isoDay(ms));
  }
  return out;
}

describe('clock changes 2026–2030', () => {
  const changes = clockChangeDays();
  const rules: CalendarRules = { holidays: new Set(), slotMinutes: 15 };

  it('finds the ten clock-change days (last Sundays of March and October)', () => {
    expect(changes).toHaveLength(10);
    expect(changes).toContain('2026-03-29');
    expect(changes).toContain('2030-10-27');
  });

  it('puts every slot of the business days around each change at the right local hour', () => {
    for (const change of changes) {
      const sunday = Date.parse(`${change}T12:00:00Z`);
      for (const delta of [-2, 1, 2]) {
        const day = isoDay(sunday + delta * DAY_MS);
        const slots = daySlots(day, rules);
        expect(slots).toHaveLength(32);
        const expected = [
          ...Array.from({ length: 16 }, (_, i) => 8 * 60 + i * 15),
          ...Array.from({ length: 16 }, (_, i) => 13 * 60 + i * 15),
        ];
        expect(slots.map((s) => local(s.startsAt).minutes)).toEqual(expected);
        expect(slots.every((s) => local(s.startsAt).day === day)).toBe(true);
      }
    }
  });

  it('from any instant of a change day, the next slot is Monday 08:00 in Zurich', () => {
    fc.assert(
      fc.property(fc.constantFrom(...changes), fc.integer({ min: 0, max: DAY_MS - 1 }), (change, ms) => {
        const after = new Date(Date.parse(`${change}T00:00:00Z`) - 2 * 3_600_000 + ms);
        if (zurichDay(after) !== change) return;
        const [slot] = nextFreeSlots({ after, experts: [{ id: 'x', calendar: null }], booked: [], rules, limit: 1 });
        expect(slot).toBeDefined();
        const l = local(slot?.startsAt ?? '');
        expect(l.weekday).toBe('Mon');
        expect(l.minutes).toBe(8 * 60);
        // Summer time (after March) is UTC+2, winter time UTC+1.
        expect(slot?.startsAt.slice(11, 16)).toBe(change.slice(5, 7) === '03' ? '06:00' : '07:00');
      }),
      { numRuns: 200 },
    );
  });
});

describe('holidays from date-holidays', () => {
  it('closes the Swiss federal set and, when configured, a canton’s own', () => {
    const federal = swissHolidays();
    expect(federal.has('2026-08-01')).toBe(true);
    expect(federal.has('2026-04-03')).toBe(true); // Good Friday
    expect(federal.has('2027-05-06')).toBe(true); // Ascension 2027
    expect(federal.has('2026-05-01')).toBe(false);
    const zurich = swissHolidays({ cantons: ['ZH'], extraDays: ['2026-12-24'] });
    expect(zurich.has('2026-05-01')).toBe(true); // Labour Day in Zurich
    expect(zurich.has('2026-12-24')).toBe(true);
    expect(swissHolidays({ cantons: ['TI'], extraDays: [] }).has('2026-03-19')).toBe(true); // San Giuseppe
    expect(daySlots('2026-08-01', { holidays: federal, slotMinutes: 15 })).toEqual([]);
    expect(() => swissHolidays({ cantons: ['XX' as 'ZH'], extraDays: [] })).toThrow(/canton/);
  });
});
