/**
 * Callback rules against the reference backend over real HTTP (127.0.0.1,
 * port 0, temp database): the race for one slot, the expert's calendar, the
 * slot grid, entitlement on the day of the call, and the ticket following the
 * outcome (retries after no answer, then the written reply).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarRules } from '../../shared/callbacks/config.js';
import { nextFreeSlots } from '../../shared/callbacks/free-slots.js';
import type { Agent, Callback } from '../../shared/entities.js';
import { MutationResult } from '../../shared/mutations.js';
import { login, mutate, reasonOf, startTestBackend, TEST_NOW } from '../testing/harness.js';
import type { JsonAnswer, TestBackend } from '../testing/harness.js';

let backend: TestBackend;
let lea: string;
let sophie: string;
const version = async (kind: 'ticket' | 'callback', id: string): Promise<number> =>
  (await backend.admin.get(kind, id))?.version ?? 0;
const callbackIn = (a: JsonAnswer): Callback => {
  const c = MutationResult.parse(a.body).changes.find((x) => x.kind === 'callback' && x.op === 'upsert');
  if (c?.op !== 'upsert') throw new Error(`no callback in ${a.text}`);
  return c.data as Callback;
};
const schedule = async (token: string, ticket: string, expertId: string, startsAt: string): Promise<JsonAnswer> =>
  mutate(backend.url, token, 'scheduleCallback', ticket, {
    baseVersion: await version('ticket', ticket),
    expertId,
    startsAt,
  });

beforeAll(async () => {
  // Fixture tickets 2, 4, 8, 10, 14, 16, 20 … belong to the entitled account and carry a phone number.
  backend = await startTestBackend({ seed: { tickets: 60 } });
  lea = await login(backend.url, 'lea');
  sophie = await login(backend.url, 'sophie');
});
afterAll(async () => {
  await backend.dispose();
});

describe('two experts booking the same slot at the same time', () => {
  it('lets exactly one win, every time; the other gets 409 slot_taken with the callback that holds it', async () => {
    const slots = nextFreeSlots({
      after: new Date(TEST_NOW.getTime() + 3_600_000),
      experts: [{ id: '4', calendar: null }],
      booked: [],
      rules: calendarRules(),
      limit: 60,
    });
    const entitled = [2, 4, 8, 10, 14, 16, 20, 22, 26, 28].map(String);
    let wins = 0;
    for (const [round, slot] of slots.entries()) {
      const a = entitled[round % entitled.length] ?? '2';
      const b = entitled[(round + 5) % entitled.length] ?? '4';
      // Léa books ticket a and Sophie ticket b, both into Sophie's calendar, at once.
      const answers = await Promise.all([
        schedule(lea, a, '4', slot.startsAt),
        schedule(sophie, b, '4', slot.startsAt),
      ]);
      const statuses = answers.map((x) => x.status).sort();
      expect(statuses, answers.map((x) => x.text).join('\n')).toEqual([200, 409]);
      const winner = answers.find((x) => x.status === 200);
      const loser = answers.find((x) => x.status === 409);
      if (!winner || !loser) throw new Error('no winner or no loser');
      expect(reasonOf(loser)).toBe('slot_taken');
      const held = (loser.body as { error: { current: Callback } }).error.current;
      expect(held).toMatchObject({
        id: callbackIn(winner).id,
        expertId: '4',
        startsAt: slot.startsAt,
        status: 'scheduled',
      });
      wins++;
    }
    expect(wins).toBe(slots.length);
    expect(slots.length).toBe(60);
  });

  it('lets one of two bookings of the same ticket win; the other was based on the old version (409)', async () => {
    const slots = nextFreeSlots({
      after: new Date('2026-03-10T06:00:00.000Z'),
      experts: [{ id: '1', calendar: null }],
      booked: [],
      rules: calendarRules(),
      limit: 20,
    });
    for (const slot of slots) {
      const base = await version('ticket', '8');
      const body = (expertId: string) => ({ baseVersion: base, expertId, startsAt: slot.startsAt });
      const answers = await Promise.all([
        mutate(backend.url, lea, 'scheduleCallback', '8', body('1')),
        mutate(backend.url, sophie, 'scheduleCallback', '8', body('4')),
      ]);
      expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
      expect(answers.map(reasonOf).filter((r) => r !== undefined)).toEqual(['stale_version']);
    }
  });
});

describe('callback rules', () => {
  it('keeps to the slot grid, the expert’s working days and absences, and the future', async () => {
    const expert = (await backend.admin.get('agent', '4')) as Agent;
    await backend.admin.writeUnchecked('agent', '4', {
      ...expert,
      calendar: { workingDays: [1, 2, 3, 4], absences: [{ from: '2026-04-13', to: '2026-04-17' }] },
      version: expert.version + 1,
    });
    const expectRefused = async (startsAt: string, reason: string, pattern: RegExp): Promise<void> => {
      const a = await schedule(lea, '10', '4', startsAt);
      expect([a.status, reasonOf(a)], a.text).toEqual([422, reason]);
      expect(a.text).toMatch(pattern);
    };
    await expectRefused('2026-04-10T07:00:00.000Z', 'outside_business_hours', /does not work on 2026-04-10/); // Friday
    await expectRefused('2026-04-14T07:00:00.000Z', 'outside_business_hours', /does not work on 2026-04-14/); // absent
    await expectRefused('2026-04-07T07:05:00.000Z', 'outside_business_hours', /15-minute slots/);
    await expectRefused('2026-03-03T11:00:00.000Z', 'outside_business_hours', /Monday to Friday/); // 12:00, lunch
    await expectRefused('2026-03-02T07:00:00.000Z', 'outside_business_hours', /already passed/); // Mon 08:00 < now
    await expectRefused('2026-04-06T07:00:00.000Z', 'outside_business_hours', /Monday to Friday/); // Easter Monday
    const ok = await schedule(lea, '10', '4', '2026-04-07T07:00:00.000Z');
    expect(ok.status, ok.text).toBe(200);
    expect(callbackIn(ok)).toMatchObject({ phone: '+41445550000', endsAt: '2026-04-07T07:15:00.000Z' });
    await backend.admin.writeUnchecked('agent', '4', { ...expert, version: expert.version + 2 });
  });

  it('refuses a number that is not in its country’s numbering plan, and says so', async () => {
    const ticket = await backend.admin.get('ticket', '16');
    if (!ticket) throw new Error('no ticket 16');
    // Nine digits after +41, as Swiss numbers have, but no Swiss number starts with 99.
    await backend.admin.writeUnchecked('ticket', '16', {
      ...ticket,
      callbackPhone: '+41 99 000 00 00',
      version: ticket.version + 1,
    });
    try {
      const a = await schedule(lea, '16', '4', '2026-04-07T08:00:00.000Z');
      expect([a.status, reasonOf(a)], a.text).toEqual([422, 'no_callback_phone']);
      expect(a.text).toMatch(/cannot be called: no such area code or prefix exists in its country’s numbering plan/);
    } finally {
      await backend.admin.writeUnchecked('ticket', '16', { ...ticket, version: ticket.version + 2 });
    }
  });

  it('judges the entitlement on the day of the call', async () => {
    const account = await backend.admin.get('account', '1');
    if (!account) throw new Error('no account 1');
    await backend.admin.writeUnchecked('account', '1', {
      ...account,
      prioritySupportUntil: '2026-04-30',
      version: account.version + 1,
    });
    try {
      const late = await schedule(lea, '14', '1', '2026-05-04T06:00:00.000Z');
      expect([late.status, reasonOf(late)]).toEqual([422, 'not_entitled']);
      expect((await schedule(lea, '14', '1', '2026-04-30T06:00:00.000Z')).status).toBe(200);
    } finally {
      await backend.admin.writeUnchecked('account', '1', { ...account, version: account.version + 2 });
    }
  });

  it('retries an unanswered call up to three times, then answers in writing; reached solves the ticket', async () => {
    let cb = callbackIn(await schedule(lea, '16', '1', '2026-03-03T08:00:00.000Z'));
    for (let call = 1; call <= 2; call++) {
      const a = await mutate(backend.url, lea, 'closeCallback', cb.id, {
        baseVersion: cb.version,
        outcome: 'no_answer',
      });
      expect(a.status, a.text).toBe(200);
      const next = MutationResult.parse(a.body)
        .changes.filter((x) => x.kind === 'callback' && x.op === 'upsert')
        .map((x) => (x.op === 'upsert' ? (x.data as Callback) : null));
      expect(next.map((x) => x?.status)).toEqual(['no_answer', 'scheduled']);
      const retry = next[1] as Callback;
      expect(retry).toMatchObject({ ticketId: '16', attempts: call, expertId: '1' });
      expect(Date.parse(retry.startsAt) - Date.parse(cb.startsAt)).toBeGreaterThanOrEqual(3_600_000);
      cb = retry;
    }
    const last = await mutate(backend.url, lea, 'closeCallback', cb.id, {
      baseVersion: cb.version,
      outcome: 'no_answer',
    });
    expect(MutationResult.parse(last.body).changes.filter((x) => x.kind === 'callback')).toHaveLength(1);
    expect(await backend.admin.get('callback', cb.id)).toMatchObject({ status: 'no_answer', attempts: 3 });
    expect((await backend.admin.get('ticket', '16'))?.status).toBe('pending');
    const messages = MutationResult.parse(last.body).changes.flatMap((x) =>
      x.kind === 'message' && x.op === 'upsert' ? [x.data as { kind: string }] : [],
    );
    expect(messages.map((m) => m.kind)).toEqual(['note', 'reply']);
    const reply = messages[1];
    expect(JSON.stringify(reply)).toMatch(/Wir haben mehrmals versucht|essayé de vous rappeler/);

    const again = callbackIn(await schedule(lea, '16', '1', '2026-03-05T08:00:00.000Z'));
    const reached = await mutate(backend.url, lea, 'closeCallback', again.id, {
      baseVersion: 1,
      outcome: 'reached',
      note: 'DNS fixed together.',
    });
    expect(reached.status).toBe(200);
    expect((await backend.admin.get('ticket', '16'))?.status).toBe('solved');
  });
});
