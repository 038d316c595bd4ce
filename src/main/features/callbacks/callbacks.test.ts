/**
 * The callbacks use-cases against the real reference backend (127.0.0.1,
 * port 0) and a real cache file: eligibility and its reason, free slots,
 * booking through the direct call (a taken slot comes back at once with the
 * next free ones), the expert's day, and outcomes that the ticket follows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceBackend } from '../../../server/index.js';
import type { ReferenceBackend } from '../../../server/index.js';
import { zurichDay } from '../../../shared/callbacks/calendar.js';
import type { Ticket } from '../../../shared/entities.js';
import type { Handlers } from '../../../shared/ipc-handlers.js';
import { createEventPump } from '../../ipc/event-pump.js';
import type { FeatureDeps } from '../feature-deps.js';
import { createCacheReaders } from '../../db/readers.js';
import type { SyncWorkerHandle } from '../../sync/worker.js';
import { backendOptions, engineFor } from '../../sync/test-support.js';
import type { EngineUnderTest } from '../../sync/test-support.js';
import { createCallbackHandlers } from './handlers.js';

/** The seed's own now (Monday 16 March 2026, 10:30 in Zurich), for the backend and the console alike. */
const NOW = new Date('2026-03-16T09:30:00.000Z');
let backend: ReferenceBackend;
let c: EngineUnderTest;
let h: Pick<Handlers, `callbacks:${string}` & keyof Handlers>;
let entitled: Ticket[];
let notEntitled: Ticket;

beforeAll(async () => {
  backend = await startReferenceBackend({ ...backendOptions(400), now: () => NOW });
  c = engineFor(backend);
  await c.engine.pullNow();
  const sync = {
    events: { subscribe: () => () => undefined },
    call: (x) => c.engine.call(x),
    pullNow: () => undefined,
  } as Pick<SyncWorkerHandle, 'events' | 'call' | 'pullNow'> as SyncWorkerHandle;
  const deps: FeatureDeps = {
    readers: createCacheReaders(c.cache),
    sync,
    currentAgent: () => Promise.resolve({ id: 'ag-lea', name: 'Léa Favre', roles: ['agent', 'expert'] }),
    userDataDir: '',
    now: () => NOW,
    pump: createEventPump(),
  };
  h = createCallbackHandlers(deps);
  const withPhone = c.cache.db
    .prepare('SELECT id FROM tickets WHERE callback_phone IS NOT NULL ORDER BY rowid')
    .pluck()
    .all() as string[];
  const tickets = withPhone.map((id) => c.cache.reader.getRecord('ticket', id)).filter((t) => t !== null);
  const until = (t: Ticket) =>
    t.accountId === null ? null : (c.cache.reader.getRecord('account', t.accountId)?.prioritySupportUntil ?? null);
  entitled = tickets.filter((t) => (until(t) ?? '') >= '2026-04-30');
  const plain = tickets.find((t) => until(t) === null);
  if (entitled.length < 3 || plain === undefined)
    throw new Error('the seed lacks entitled or plain tickets with a phone');
  notEntitled = plain;
}, 60_000);

afterAll(async () => {
  await c.close();
  await backend.close();
});

describe('callbacks in the console', () => {
  it('says whether a customer can be called back, and why not with the reply in their language', async () => {
    const ok = await h['callbacks:eligibility'](entitled[0]?.id ?? '');
    expect(ok).toMatchObject({ eligible: true, reason: null, requested: true });
    expect(ok?.phoneDisplay).toMatch(/^\+41 /);
    const refused = await h['callbacks:eligibility'](notEntitled.id);
    expect(refused).toMatchObject({ eligible: false, reason: 'no_entitlement', requested: true });
    expect(refused?.reply?.id).toBe(`callback-priority-support.${notEntitled.language}`);
    expect(refused?.reply?.body).toMatch(/Priority Support/);
  });

  it('refuses a number its country does not use, and says what is wrong with it', async () => {
    const ticket = entitled[entitled.length - 1];
    if (!ticket) throw new Error('no entitled ticket');
    const before = (await backend.admin.get('ticket', ticket.id)) as Ticket;
    // Nine digits after +41, as Swiss numbers have, but no Swiss number starts with 99.
    await backend.admin.writeUnchecked('ticket', ticket.id, {
      ...before,
      callbackPhone: '+41 99 000 00 00',
      version: before.version + 1,
    });
    await c.engine.pullNow();
    try {
      expect(await h['callbacks:eligibility'](ticket.id)).toMatchObject({
        eligible: false,
        reason: 'malformed_phone',
        phoneProblem: 'not_in_number_plan',
        phoneDisplay: '+41 99 000 00 00',
        reply: { id: `callback-malformed-phone.${ticket.language}` },
      });
    } finally {
      await backend.admin.writeUnchecked('ticket', ticket.id, { ...before, version: before.version + 2 });
      await c.engine.pullNow();
    }
    expect(await h['callbacks:eligibility'](ticket.id)).toMatchObject({ eligible: true, phoneProblem: null });
  });

  it('books a free slot, shows it in the expert’s day, and refuses a taken slot with the next free ones', async () => {
    const [a, b] = entitled;
    if (!a || !b) throw new Error('two entitled tickets needed');
    const slots = await h['callbacks:freeSlots']({ ticketId: a.id, expertId: 'ag-lea', preferred: null, limit: 3 });
    expect(slots).toHaveLength(3);
    const slot = slots[0];
    if (!slot) throw new Error('no slot');
    expect(Date.parse(slot.startsAt)).toBeGreaterThan(NOW.getTime());
    const won = await h['callbacks:book']({
      ticketId: a.id,
      expertId: 'ag-lea',
      startsAt: slot.startsAt,
      preferred: null,
    });
    if (!won.ok) throw new Error(`booking refused: ${won.message}`);
    expect(won.callback).toMatchObject({ ticketId: a.id, expertId: 'ag-lea', startsAt: slot.startsAt });

    const day = await h['callbacks:day'](zurichDay(slot.startsAt), null);
    const item = day.items.find((i) => i.callback.id === won.callback.id);
    expect(item).toMatchObject({ attempt: 1, maxAttempts: 3, ticket: { id: a.id } });
    expect(item?.telHref).toMatch(/^tel:\+\d+$/);
    expect(item?.customerName).not.toBe('');
    expect(item?.history.some((m) => m.kind === 'note' && m.body.startsWith('Callback scheduled'))).toBe(true);
    expect(day.items.map((i) => i.callback.startsAt)).toEqual([...day.items.map((i) => i.callback.startsAt)].sort());

    const lost = await h['callbacks:book']({
      ticketId: b.id,
      expertId: 'ag-lea',
      startsAt: slot.startsAt,
      preferred: null,
    });
    if (lost.ok) throw new Error('the taken slot was booked twice');
    expect(lost).toMatchObject({ status: 409, reason: 'slot_taken', taken: { id: won.callback.id } });
    expect(lost.nextFree.length).toBeGreaterThan(0);
    expect(lost.nextFree.some((s) => s.expertId === 'ag-lea' && s.startsAt === slot.startsAt)).toBe(false);
    expect(lost.nextFree[0]?.expertName).toBeTruthy();
  });

  it('reads the time the customer asked for from the ticket', async () => {
    const t = entitled[1];
    if (!t) throw new Error('no ticket');
    expect((await h['callbacks:eligibility'](t.id))?.preferred).toBeNull();
    await backend.admin.updateTicket(t.id, { body: `${t.body}\n\nBitte rufen Sie mich zwischen 14 und 16 Uhr an.` });
    await c.engine.pullNow();
    expect((await h['callbacks:eligibility'](t.id))?.preferred).toEqual({ fromMinutes: 14 * 60, toMinutes: 16 * 60 });
  });

  it('keeps proposals inside the customer’s preferred window', async () => {
    const slots = await h['callbacks:freeSlots']({
      ticketId: entitled[1]?.id ?? '',
      expertId: null,
      preferred: { fromMinutes: 14 * 60, toMinutes: 16 * 60 },
      limit: 10,
    });
    expect(slots).toHaveLength(10);
    for (const s of slots) {
      const hour = Number(
        new Date(s.startsAt).toLocaleString('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', hourCycle: 'h23' }),
      );
      expect(hour === 14 || hour === 15, s.startsAt).toBe(true);
    }
  });

  it('records no answer (a retry is booked, try 2 of 3), then reached (the ticket is solved)', async () => {
    const t = entitled[2];
    if (!t) throw new Error('no ticket');
    const [slot] = await h['callbacks:freeSlots']({ ticketId: t.id, expertId: 'ag-lea', preferred: null, limit: 1 });
    const booked = await h['callbacks:book']({
      ticketId: t.id,
      expertId: 'ag-lea',
      startsAt: slot?.startsAt ?? '',
      preferred: null,
    });
    if (!booked.ok) throw new Error(booked.message);
    const missed = await h['callbacks:close']({ callbackId: booked.callback.id, outcome: 'no_answer', note: null });
    if (!missed.ok || missed.next === null) throw new Error('no retry was booked');
    expect(missed.callback).toMatchObject({ status: 'no_answer', attempts: 1 });
    const day = await h['callbacks:day'](zurichDay(missed.next.startsAt), missed.next.expertId);
    expect(day.items.find((i) => i.callback.id === missed.next?.id)).toMatchObject({ attempt: 2 });
    const reached = await h['callbacks:close']({ callbackId: missed.next.id, outcome: 'reached', note: 'Fixed.' });
    expect(reached).toMatchObject({ ok: true, ticketStatus: 'solved', next: null });
    expect(c.cache.reader.getRecord('ticket', t.id)?.status).toBe('solved');
  });

  it('points an empty day to the expert’s next call to make, skipping days without one and calls already past', async () => {
    const t = entitled[0];
    if (!t) throw new Error('no ticket');
    // A call a fortnight ahead, on a Tuesday, so the days between can be walked.
    const week = await h['callbacks:freeWeek']({
      ticketId: t.id,
      expertId: 'ag-lea',
      preferred: null,
      fromDay: '2026-03-31',
    });
    const slot = week.days.find((d) => d.day === '2026-03-31')?.slots[0];
    if (!slot) throw new Error('no slot on 31 March');
    const booked = await h['callbacks:book']({
      ticketId: t.id,
      expertId: 'ag-lea',
      startsAt: slot.startsAt,
      preferred: null,
    });
    if (!booked.ok) throw new Error(booked.message);

    // Saturday 28 March: no call that day; the next one is found by walking the days one by one.
    const saturday = await h['callbacks:day']('2026-03-28', 'ag-lea');
    expect(saturday.items).toEqual([]);
    let expected = null;
    for (let i = 1; i <= 3 && expected === null; i++) {
      const d = await h['callbacks:day'](`2026-03-${String(28 + i)}`, 'ag-lea');
      expected = d.items.find((x) => x.callback.status === 'scheduled') ?? null;
    }
    expect(expected?.callback.id).toBe(booked.callback.id);
    expect(saturday.next).toEqual({
      callbackId: booked.callback.id,
      ticketId: t.id,
      day: '2026-03-31',
      startsAt: slot.startsAt,
      customerName: expected?.customerName,
    });
    expect(saturday.next?.customerName).not.toBe('');

    // A day long past: the next call is one still to make, never a scheduled call before now.
    const past = await h['callbacks:day']('2026-01-05', 'ag-lea');
    expect(Date.parse(past.next?.startsAt ?? '')).toBeGreaterThan(NOW.getTime());
    // The day of that call points past it; an expert without calls has nothing next.
    expect((await h['callbacks:day']('2026-03-31', 'ag-lea')).next?.startsAt ?? '').not.toBe(slot.startsAt);
    expect((await h['callbacks:day'](null, 'ag-nobody')).next).toBeNull();
  });

  it('offers a week of free slots from any day inside the 30-day horizon, the booked slot no longer free', async () => {
    const t = entitled[0];
    if (!t) throw new Error('no ticket');
    const first = await h['callbacks:freeWeek']({ ticketId: t.id, expertId: 'ag-lea', preferred: null, fromDay: null });
    const [next] = await h['callbacks:freeSlots']({ ticketId: t.id, expertId: 'ag-lea', preferred: null, limit: 1 });
    // Without a day asked for, the week starts on the first free slot's day, with that slot first.
    expect(first.days).toHaveLength(7);
    expect(first.days[0]?.slots[0]).toEqual(next);
    expect(first.firstBookable).toBe('2026-03-16');
    const later = await h['callbacks:freeWeek']({
      ticketId: t.id,
      expertId: 'ag-lea',
      preferred: null,
      fromDay: '2026-03-30',
    });
    const tuesday = later.days.find((d) => d.day === '2026-03-31');
    expect(tuesday?.bookable).toBe(true);
    // The call booked in the previous test holds its slot.
    const held = c.cache.reader.getRecord(
      'callback',
      (await h['callbacks:day']('2026-03-31', 'ag-lea')).items[0]?.callback.id ?? '',
    );
    expect(tuesday?.slots.some((s) => s.startsAt === held?.startsAt)).toBe(false);
    expect(tuesday?.slots.length).toBeGreaterThan(20);
    expect(later.days.filter((d) => d.day >= '2026-04-04').every((d) => !d.bookable && d.slots.length === 0)).toBe(
      true,
    );
    // The horizon: today + 30 days (15 April); nothing bookable after it.
    const far = await h['callbacks:freeWeek']({
      ticketId: t.id,
      expertId: 'ag-lea',
      preferred: null,
      fromDay: '2026-04-13',
    });
    expect(far.lastBookable).toBe('2026-04-15');
    expect(far.days.filter((d) => d.day > far.lastBookable).every((d) => d.slots.length === 0)).toBe(true);
  });
});
