/**
 * Level-two priority callbacks (docs/product-rules.md#callbacks), judged by
 * the shared rules of src/shared/callbacks: eligibility on the day of the
 * call, the business-hours calendar, the expert's own calendar, and never two
 * calls on one expert at once. Each rule runs inside the mutation route's
 * transaction, so two bookings of one slot are decided one after the other:
 * the first wins, the second gets 409 slot_taken with the callback holding it.
 * The ticket follows: notes for its history, a written reply and "pending"
 * when the calls ran out, "solved" when the customer was reached.
 */
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { ZONE, slotAt, withinBusinessHours, zurichDay } from '../../shared/callbacks/calendar.js';
import type { Slot } from '../../shared/callbacks/calendar.js';
import { PHONE_PROBLEM_TEXT, RULE_FOR_REASON, callbackEligibility } from '../../shared/callbacks/eligibility.js';
import type { IneligibleReason } from '../../shared/callbacks/eligibility.js';
import { expertWorks, nextFreeSlots } from '../../shared/callbacks/free-slots.js';
import type { Booking, ExpertAvailability } from '../../shared/callbacks/free-slots.js';
import { MAX_CALL_ATTEMPTS, afterNoAnswer } from '../../shared/callbacks/retry.js';
import { CALLBACK_NO_ANSWER_REPLY_ID, cannedReply } from '../../shared/canned-replies.js';
import type { Agent, Callback, Ticket } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { backendCalendar } from './business-hours.js';
import { bump, conflict, loadForUpdate, mustGet, refuse, requireAgent } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body<N extends keyof typeof MUTATIONS> = z.output<(typeof MUTATIONS)[N]['body']>;

const WHY: Record<IneligibleReason, string> = {
  no_entitlement: 'Callbacks are for customers with an active Priority Support entitlement.',
  entitlement_ended: 'The customer’s Priority Support has ended by the day of that call.',
  no_phone: 'The customer left no phone number to call back.',
  malformed_phone: 'The phone number the customer left cannot be called:',
};

/** Refuses a ticket whose customer cannot be called on `day`; the number to dial (E.164) otherwise. */
async function eligiblePhone(ctx: MutationContext, ticket: Ticket, day: string): Promise<string> {
  const account = ticket.accountId === null ? undefined : await ctx.records.get('account', ticket.accountId);
  const e = callbackEligibility({
    callbackPhone: ticket.callbackPhone,
    prioritySupportUntil: account?.prioritySupportUntil ?? null,
    callDay: day,
  });
  if (!e.eligible) {
    const why = e.phoneProblem === null ? WHY[e.reason] : `${WHY[e.reason]} ${PHONE_PROBLEM_TEXT[e.phoneProblem]}`;
    throw refuse(RULE_FOR_REASON[e.reason], why);
  }
  return e.phone;
}

const HOURS =
  'Callbacks are scheduled Monday to Friday, 08:00–12:00 and 13:00–17:00 (Europe/Zurich), outside holidays.';

async function scheduledOverlapping(
  ctx: MutationContext,
  expertId: string,
  slot: Slot,
  except: string,
): Promise<Callback | null> {
  // Instants are stored as ISO UTC text, which sorts as time.
  const row = await ctx.db.get<{ data: string }>(
    `SELECT data FROM rec_callback WHERE expert_id = ? AND status = 'scheduled'
       AND starts_at < ? AND ends_at > ? AND id <> ? ORDER BY starts_at LIMIT 1`,
    [expertId, slot.endsAt, slot.startsAt, except],
  );
  return row === undefined ? null : (JSON.parse(row.data) as Callback);
}

/**
 * The slot at `startsAt` for `expertId`: an expert who works that day, inside
 * business hours, not already taken (409), on the calendar's slot grid.
 */
async function bookableSlot(ctx: MutationContext, expertId: string, startsAt: string, except = ''): Promise<Slot> {
  const expert = await requireAgent(ctx, expertId);
  if (!expert.roles.includes('expert')) throw refuse('not_an_expert', `${expert.name} is not a level-two expert.`);
  const rules = backendCalendar();
  const start = new Date(startsAt);
  const end = new Date(start.getTime() + rules.slotMinutes * 60_000);
  if (!withinBusinessHours(start, end, rules.holidays)) throw refuse('outside_business_hours', HOURS);
  if (start.getTime() < ctx.now.getTime()) throw refuse('outside_business_hours', 'That time has already passed.');
  const day = zurichDay(start);
  if (!expertWorks(expert.calendar, day)) {
    throw refuse('outside_business_hours', `${expert.name} does not work on ${day} (working days or absence).`);
  }
  const wanted = { startsAt: start.toISOString(), endsAt: end.toISOString() };
  const clash = await scheduledOverlapping(ctx, expertId, wanted, except);
  if (clash) throw conflict('slot_taken', `${expert.name} already has a callback at that time.`, clash);
  const slot = slotAt(start, rules);
  if (slot === null) {
    throw refuse(
      'outside_business_hours',
      `Callbacks start on the ${String(rules.slotMinutes)}-minute slots of the day.`,
    );
  }
  return slot;
}

async function note(ctx: MutationContext, ticketId: string, kind: 'note' | 'reply', body: string): Promise<string> {
  const now = ctx.now.toISOString();
  return await ctx.records.put('message', {
    id: await ctx.records.newId('message'),
    ticketId,
    authorAgentId: ctx.agentId,
    kind,
    body,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

const when = (slot: Slot): string => DateTime.fromISO(slot.startsAt, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm');

async function newCallback(
  ctx: MutationContext,
  ticketId: string,
  expertId: string,
  slot: Slot,
  phone: string,
  attempts: number,
): Promise<string> {
  const now = ctx.now.toISOString();
  return await ctx.records.put('callback', {
    id: await ctx.records.newId('callback'),
    ticketId,
    expertId,
    ...slot,
    phone,
    status: 'scheduled',
    attempts,
    note: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
}

export async function scheduleCallback(
  ctx: MutationContext,
  id: string,
  body: Body<'scheduleCallback'>,
): Promise<Touched> {
  const ticket = await loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const phone = await eligiblePhone(ctx, ticket, zurichDay(new Date(body.startsAt)));
  const slot = await bookableSlot(ctx, body.expertId, body.startsAt);
  const expert = await mustGet(ctx, 'agent', body.expertId);
  return [
    await newCallback(ctx, id, body.expertId, slot, phone, 0),
    // The ticket is bumped too: two experts booking from the same ticket version conflict instead of double-booking.
    await ctx.records.put('ticket', bump(ticket, ctx.now, {})),
    await note(ctx, id, 'note', `Callback scheduled: ${when(slot)} (Europe/Zurich), ${expert.name}.`),
  ];
}

export async function rescheduleCallback(
  ctx: MutationContext,
  id: string,
  body: Body<'rescheduleCallback'>,
): Promise<Touched> {
  const cb = await loadForUpdate(ctx, 'callback', id, body.baseVersion);
  if (cb.status !== 'scheduled') throw refuse('callback_closed', `Callback ${id} is already ${cb.status}.`);
  const ticket = await mustGet(ctx, 'ticket', cb.ticketId);
  const phone = await eligiblePhone(ctx, ticket, zurichDay(new Date(body.startsAt)));
  const slot = await bookableSlot(ctx, body.expertId, body.startsAt, id);
  const expert = await mustGet(ctx, 'agent', body.expertId);
  return [
    await ctx.records.put('callback', bump(cb, ctx.now, { expertId: body.expertId, ...slot, phone })),
    await note(ctx, cb.ticketId, 'note', `Callback moved to ${when(slot)} (Europe/Zurich), ${expert.name}.`),
  ];
}

/** Scheduled callbacks of these experts from `from` on (the retry's search space). */
async function bookingsFrom(ctx: MutationContext, expertIds: readonly string[], from: Date): Promise<Booking[]> {
  const out: Booking[] = [];
  for (const x of expertIds) {
    const rows = await ctx.db.all<{ data: string }>(
      `SELECT data FROM rec_callback WHERE expert_id = ? AND status = 'scheduled' AND ends_at > ?`,
      [x, from.toISOString()],
    );
    for (const r of rows) out.push(JSON.parse(r.data) as Callback);
  }
  return out;
}

/** After an unanswered call: book the next try, or answer in writing when the tries ran out (or no slot is left). */
async function followNoAnswer(
  ctx: MutationContext,
  cb: Callback,
  ticket: Ticket,
  attempts: number,
  expertNote: string,
): Promise<{ touched: Touched; status: Ticket['status'] }> {
  const next = afterNoAnswer(attempts, new Date(cb.startsAt), ctx.now);
  if (next.kind === 'retry') {
    const team: ExpertAvailability[] = (await ctx.db.all<{ data: string }>('SELECT data FROM rec_agent ORDER BY rid'))
      .map((r) => JSON.parse(r.data) as Agent)
      .filter((a) => a.roles.includes('expert'))
      .map((a) => ({ id: a.id, calendar: a.calendar }));
    // The same expert first: they know the case.
    const experts = [...team.filter((x) => x.id === cb.expertId), ...team.filter((x) => x.id !== cb.expertId)];
    const account = ticket.accountId === null ? undefined : await ctx.records.get('account', ticket.accountId);
    const [slot] = nextFreeSlots({
      after: next.notBefore,
      experts,
      booked: await bookingsFrom(
        ctx,
        experts.map((x) => x.id),
        next.notBefore,
      ),
      rules: backendCalendar(),
      limit: 1,
      horizonDays: 14,
      lastDay: account?.prioritySupportUntil ?? null,
    });
    if (slot !== undefined) {
      const said = `No answer (call ${String(attempts)} of ${String(MAX_CALL_ATTEMPTS)}); next try ${when(slot)}.${expertNote}`;
      return {
        touched: [
          await newCallback(ctx, cb.ticketId, slot.expertId, slot, cb.phone, attempts),
          await note(ctx, cb.ticketId, 'note', said),
        ],
        status: ticket.status,
      };
    }
  }
  const reply = cannedReply(CALLBACK_NO_ANSWER_REPLY_ID, ticket.language);
  const last = `No answer (call ${String(attempts)} of ${String(MAX_CALL_ATTEMPTS)}); answered in writing.${expertNote}`;
  return {
    touched: [await note(ctx, cb.ticketId, 'note', last), await note(ctx, cb.ticketId, 'reply', reply?.body ?? '')],
    status: 'pending',
  };
}

export async function closeCallback(ctx: MutationContext, id: string, body: Body<'closeCallback'>): Promise<Touched> {
  const cb = await loadForUpdate(ctx, 'callback', id, body.baseVersion);
  if (cb.status !== 'scheduled') throw refuse('callback_closed', `Callback ${id} is already ${cb.status}.`);
  const called = body.outcome === 'reached' || body.outcome === 'no_answer';
  const attempts = cb.attempts + (called ? 1 : 0);
  const closed = await ctx.records.put(
    'callback',
    bump(cb, ctx.now, { status: body.outcome, attempts, note: body.note }),
  );
  const ticket = await mustGet(ctx, 'ticket', cb.ticketId);
  const said = body.note === null || body.note.trim() === '' ? '' : `\n\n${body.note}`;
  let follow: { touched: Touched; status: Ticket['status'] };
  if (body.outcome === 'reached') {
    follow = {
      touched: [await note(ctx, cb.ticketId, 'note', `Callback: customer reached.${said}`)],
      status: 'solved',
    };
  } else if (body.outcome === 'cancelled') {
    follow = { touched: [await note(ctx, cb.ticketId, 'note', `Callback cancelled.${said}`)], status: ticket.status };
  } else {
    follow = await followNoAnswer(ctx, cb, ticket, attempts, said);
  }
  // The ticket is bumped in every case: its version tells the console its history grew.
  return [closed, await ctx.records.put('ticket', bump(ticket, ctx.now, { status: follow.status })), ...follow.touched];
}
