/**
 * `npx tsx bench/callbacks.ts`: how long the shared calendar takes to find
 * free slots on a busy team (what the scheduling dialog and a 409's
 * proposals cost in main). One JSON line per figure, as bench/README says;
 * the bare limit is one pass over the same bookings (parse and sort), so the
 * ratio says how much the calendar adds on top of touching the data at all.
 */
import { calendarRules } from '../src/shared/callbacks/config.js';
import { nextFreeSlots } from '../src/shared/callbacks/free-slots.js';
import type { Booking } from '../src/shared/callbacks/free-slots.js';

const EXPERTS = 30;
const BOOKED_DAYS = 5;
const RUNS = 50;
const rules = calendarRules();
const after = new Date('2026-11-26T07:00:00.000Z');
const experts = Array.from({ length: EXPERTS }, (_, i) => ({ id: `e${String(i)}`, calendar: null }));
// Every expert fully booked for a week: the search must walk past all of it.
const booked: Booking[] = experts.flatMap((e) =>
  nextFreeSlots({ after, experts: [e], booked: [], rules, limit: 32 * BOOKED_DAYS }).map((s) => ({
    ...s,
    expertId: e.id,
  })),
);

function timeMs(fn: () => unknown): { p50Ms: number; p95Ms: number; seconds: number } {
  fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number): number =>
    Number((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(3));
  return { p50Ms: at(0.5), p95Ms: at(0.95), seconds: Number((times.reduce((a, b) => a + b, 0) / 1000).toFixed(3)) };
}

const limit = timeMs(() => booked.map((b) => Date.parse(b.startsAt)).sort((a, b) => a - b));
console.log(JSON.stringify({ bench: 'callbacks.bookings.limit', n: booked.length, ...limit }));
for (const [bench, run] of [
  ['callbacks.next-free.team', () => nextFreeSlots({ after, experts, booked, rules, limit: 8 })],
  ['callbacks.next-free.expert', () => nextFreeSlots({ after, experts: experts.slice(0, 1), booked, rules, limit: 1 })],
] as const) {
  const t = timeMs(run);
  console.log(
    JSON.stringify({
      bench,
      n: booked.length,
      experts: bench.endsWith('team') ? EXPERTS : 1,
      ...t,
      limitBench: 'callbacks.bookings.limit',
      ratioToLimit: Number((t.p50Ms / Math.max(limit.p50Ms, 0.001)).toFixed(1)),
    }),
  );
}
