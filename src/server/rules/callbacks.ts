/**
 * Level-two priority callbacks (PRODUCT.md, "Priority callbacks"): only for
 * entitled customers who left a phone number, in business hours, 15-minute
 * slots, never two calls on one expert at once.
 */
import type { z } from 'zod';
import type { Callback } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { SLOT_MINUTES, todayInZurich, withinBusinessHours } from './business-hours.js';
import { bump, conflict, loadForUpdate, refuse, requireAgent } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body<N extends keyof typeof MUTATIONS> = z.output<(typeof MUTATIONS)[N]['body']>;

function slotOf(startsAt: string): { startsAt: string; endsAt: string } {
  const start = new Date(startsAt);
  return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + SLOT_MINUTES * 60_000).toISOString() };
}

/** Expert exists and is one, the slot is in business hours and free on the expert's calendar. */
function checkSlot(
  ctx: MutationContext,
  expertId: string,
  slot: { startsAt: string; endsAt: string },
  except?: string,
): void {
  const expert = requireAgent(ctx, expertId);
  if (!expert.roles.includes('expert')) throw refuse('not_an_expert', `${expert.name} is not a level-two expert.`);
  if (!withinBusinessHours(new Date(slot.startsAt), new Date(slot.endsAt))) {
    throw refuse(
      'outside_business_hours',
      'Callbacks are scheduled Monday to Friday, 08:00–12:00 and 13:00–17:00 (Europe/Zurich).',
    );
  }
  // Instants are stored as ISO UTC text, which sorts as time.
  const clash = ctx.db
    .prepare<[string, string, string, string], { data: string }>(
      `SELECT data FROM rec_callback WHERE expert_id = ? AND status = 'scheduled'
         AND starts_at < ? AND ends_at > ? AND id <> ? LIMIT 1`,
    )
    .get(expertId, slot.endsAt, slot.startsAt, except ?? '');
  if (clash) {
    throw conflict(
      'slot_taken',
      `${expert.name} already has a callback at that time.`,
      JSON.parse(clash.data) as Callback,
    );
  }
}

export function scheduleCallback(ctx: MutationContext, id: string, body: Body<'scheduleCallback'>): Touched {
  const ticket = loadForUpdate(ctx, 'ticket', id, body.baseVersion);
  const account = ticket.accountId === null ? undefined : ctx.records.get('account', ticket.accountId);
  const until = account?.prioritySupportUntil ?? null;
  if (until === null || until < todayInZurich(ctx.now)) {
    throw refuse('not_entitled', 'Callbacks are for customers with an active Priority Support entitlement.');
  }
  if (ticket.callbackPhone === null || ticket.callbackPhone.trim() === '') {
    throw refuse('no_callback_phone', 'The customer left no phone number to call back.');
  }
  const slot = slotOf(body.startsAt);
  checkSlot(ctx, body.expertId, slot);
  const now = ctx.now.toISOString();
  const callback = ctx.records.put('callback', {
    id: ctx.records.newId('callback'),
    ticketId: id,
    expertId: body.expertId,
    ...slot,
    phone: ticket.callbackPhone,
    status: 'scheduled',
    attempts: 0,
    note: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  });
  // The ticket is bumped too: two experts booking from the same ticket version conflict instead of double-booking.
  return [callback, ctx.records.put('ticket', bump(ticket, ctx.now, {}))];
}

export function rescheduleCallback(ctx: MutationContext, id: string, body: Body<'rescheduleCallback'>): Touched {
  const cb = loadForUpdate(ctx, 'callback', id, body.baseVersion);
  if (cb.status !== 'scheduled') throw refuse('callback_closed', `Callback ${id} is already ${cb.status}.`);
  const slot = slotOf(body.startsAt);
  checkSlot(ctx, body.expertId, slot, id);
  return [ctx.records.put('callback', bump(cb, ctx.now, { expertId: body.expertId, ...slot }))];
}

export function closeCallback(ctx: MutationContext, id: string, body: Body<'closeCallback'>): Touched {
  const cb = loadForUpdate(ctx, 'callback', id, body.baseVersion);
  if (cb.status !== 'scheduled') throw refuse('callback_closed', `Callback ${id} is already ${cb.status}.`);
  const called = body.outcome === 'reached' || body.outcome === 'no_answer';
  const next = bump(cb, ctx.now, {
    status: body.outcome,
    attempts: cb.attempts + (called ? 1 : 0),
    note: body.note,
  });
  return [ctx.records.put('callback', next)];
}
