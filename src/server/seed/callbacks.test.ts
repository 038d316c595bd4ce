import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { swissHolidays } from '../../shared/callbacks/holidays.js';
import { parseCallbackPhone } from '../../shared/callbacks/eligibility.js';
import { expertWorks } from '../../shared/callbacks/free-slots.js';
import { withinBusinessHours } from '../rules/business-hours.js';
import { SLOT_MS, businessSlots } from './callbacks.js';
import type { CollectedSeed } from './collecting-sink.js';
import { collectSeed } from './collecting-sink.js';

const NOW = new Date('2026-03-26T10:05:00.000Z'); // Thursday; Zurich switches to summer time on Sunday 29 March.
const TODAY = '2026-03-26';

let seed: CollectedSeed;

beforeAll(() => {
  seed = collectSeed({ seed: 4, now: NOW, tickets: 3000, accounts: 400, recoveries: 2, callbacks: 60 });
});

describe('seed callbacks', () => {
  it('honours the count, with upcoming and past calls', () => {
    expect(seed.callbacks).toHaveLength(60);
    const upcoming = seed.callbacks.filter((c) => c.status === 'scheduled');
    expect(upcoming.length).toBeGreaterThan(20);
    expect(upcoming.every((c) => c.startsAt > NOW.toISOString())).toBe(true);
    const past = seed.callbacks.filter((c) => c.status !== 'scheduled');
    expect(past.length).toBeGreaterThan(10);
    expect(past.every((c) => c.endsAt <= NOW.toISOString() && c.note !== null)).toBe(true);
  });

  it('lie in 15-minute slots inside business hours, by the backend rule', () => {
    for (const c of seed.callbacks) {
      const start = new Date(c.startsAt);
      expect(Date.parse(c.endsAt) - start.getTime()).toBe(SLOT_MS);
      expect(withinBusinessHours(start, new Date(c.endsAt), swissHolidays()), c.startsAt).toBe(true);
      expect(DateTime.fromJSDate(start, { zone: 'Europe/Zurich' }).minute % 15).toBe(0);
    }
  });

  it('never put two calls on one expert at once', () => {
    const seen = new Set<string>();
    for (const c of seed.callbacks) {
      const key = `${c.expertId}|${c.startsAt}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  it('are only for entitled customers who left a number, by experts', () => {
    const tickets = new Map(seed.tickets.map((t) => [t.id, t]));
    const accounts = new Map(seed.accounts.map((a) => [a.id, a]));
    const agents = new Map(seed.agents.map((r) => [r.agent.id, r.agent]));
    for (const c of seed.callbacks) {
      const t = tickets.get(c.ticketId);
      expect(parseCallbackPhone(t?.callbackPhone ?? '')).toMatchObject({ ok: true, e164: c.phone });
      expect((accounts.get(t?.accountId ?? '')?.prioritySupportUntil ?? '') >= TODAY).toBe(true);
      expect(agents.get(c.expertId)?.roles).toContain('expert');
      expect(
        expertWorks(
          agents.get(c.expertId)?.calendar ?? null,
          DateTime.fromISO(c.startsAt, { zone: 'Europe/Zurich' }).toISODate() ?? '',
        ),
      ).toBe(true);
      expect(c.createdAt >= (t?.createdAt ?? '')).toBe(true);
      expect(c.createdAt <= c.startsAt).toBe(true);
    }
  });

  it('closes on public holidays from the holiday data (Easter Monday 2026)', () => {
    const slots = businessSlots(new Date('2026-04-02T10:00:00.000Z'), 1, 3).map((ms) => new Date(ms).toISOString());
    expect(slots.some((s) => s.startsWith('2026-04-03') || s.startsWith('2026-04-06'))).toBe(false);
    expect(slots.some((s) => s.startsWith('2026-04-07'))).toBe(true);
  });

  it('computes slots on the Zurich wall clock across the daylight-saving change', () => {
    const slots = businessSlots(NOW, 1, 3).map((ms) => new Date(ms).toISOString());
    // Friday 27 March is still CET (UTC+1), Monday 30 March is CEST (UTC+2): 08:00 both times.
    expect(slots).toContain('2026-03-27T07:00:00.000Z');
    expect(slots).toContain('2026-03-30T06:00:00.000Z');
    expect(slots.some((s) => s.startsWith('2026-03-28') || s.startsWith('2026-03-29'))).toBe(false);
    expect(slots.filter((s) => s.startsWith('2026-03-30'))).toHaveLength(32);
  });
});
