/**
 * The callbacks part of the IPC contract (see ipc.ts, which joins the parts):
 * an expert's day, whether a ticket's customer can be called back (and why
 * not), free slots, and booking, moving and closing calls. Bookings wait for
 * the backend's answer (a slot taken meanwhile must be told at once), so each
 * result says ok or why not, with the next free slots on a conflict.
 */
import { z } from 'zod';
import type { Callback, Language, Ticket, TicketMessage } from './entities.js';
import type { IneligibleReason, PhoneProblem } from './callbacks/eligibility.js';

const Id = z.string().min(1).max(64);
const IsoDay = z.iso.date();
const Instant = z.iso.datetime({ offset: false });

export interface FreeSlotView {
  expertId: string;
  expertName: string;
  startsAt: string;
  endsAt: string;
}

/** One call in an expert's day, with what they need to make it. */
export interface CallbackDayItem {
  callback: Callback;
  ticket: Pick<Ticket, 'id' | 'subject' | 'status' | 'version' | 'categoryId'> | null;
  customerName: string;
  language: Language;
  /** As the person reads it, e.g. "+41 44 668 18 00". */
  phoneDisplay: string;
  /** `tel:+41446681800`, or null when the stored number does not parse. */
  telHref: string | null;
  /** This call is try number `attempt` of `maxAttempts`. */
  attempt: number;
  maxAttempts: number;
  /** The ticket's conversation, oldest first (the last few). */
  history: TicketMessage[];
}

/** The expert's next call to make, after the day shown (its pointer when that day is empty). */
export interface NextCallView {
  callbackId: string;
  ticketId: string;
  /** Its Zurich day, to go to it. */
  day: string;
  startsAt: string;
  customerName: string;
}

export interface CallbackDay {
  /** The Zurich day shown, e.g. "2026-11-27". */
  day: string;
  /** Today in Zurich, for the "today" button. */
  today: string;
  expertId: string;
  items: CallbackDayItem[];
  /** The first scheduled call after the day shown (and after now), or null when none is booked. */
  next: NextCallView | null;
}

/** One day of the scheduling dialog's week. */
export interface FreeDayView {
  day: string;
  /** Inside the booking horizon and the customer's entitlement, a day an expert works. */
  bookable: boolean;
  slots: FreeSlotView[];
}

export interface FreeWeekView {
  /** Seven days from the day asked for. */
  days: FreeDayView[];
  /** The day picker's bounds: today, and the horizon's or the entitlement's end. */
  firstBookable: string;
  lastBookable: string;
}

export interface CallbackEligibilityView {
  ticketId: string;
  /** The customer left a number or asked for a call. */
  requested: boolean;
  eligible: boolean;
  reason: IneligibleReason | null;
  /** What is wrong with the number the customer left (reason malformed_phone), else null. */
  phoneProblem: PhoneProblem | null;
  /** The reply that answers the customer in writing, in the ticket's language. */
  reply: { id: string; title: string; body: string } | null;
  entitledUntil: string | null;
  phoneDisplay: string | null;
  /** Calls already scheduled for this ticket. */
  scheduled: Callback[];
  /** The time of day the customer asked for in the ticket, if they named one (minutes, Zurich). */
  preferred: { fromMinutes: number; toMinutes: number } | null;
  /** The ticket's version, for booking. */
  ticketVersion: number;
}

export type CallbackBookResult =
  | { ok: true; callback: Callback }
  | {
      ok: false;
      status: number;
      reason: string;
      message: string;
      /** On slot_taken: the call holding the slot, and what is still free. */
      taken: Callback | null;
      nextFree: FreeSlotView[];
    };

export type CallbackCloseResult =
  | { ok: true; callback: Callback; next: Callback | null; ticketStatus: Ticket['status'] | null }
  | { ok: false; status: number; reason: string; message: string };

export const PreferredWindow = z
  .object({ fromMinutes: z.number().int().min(0).max(1440), toMinutes: z.number().int().min(0).max(1440) })
  .refine((w) => w.fromMinutes < w.toMinutes, { message: 'fromMinutes must be before toMinutes' });

export const FreeSlotsQuery = z.object({
  ticketId: Id,
  /** null = the whole team (the first free expert of each time). */
  expertId: Id.nullable(),
  preferred: PreferredWindow.nullable(),
  limit: z.number().int().min(1).max(50),
});
export type FreeSlotsQuery = z.infer<typeof FreeSlotsQuery>;

export const FreeWeekQuery = z.object({
  ticketId: Id,
  /** null = the whole team (the first free expert of each time). */
  expertId: Id.nullable(),
  preferred: PreferredWindow.nullable(),
  /** First day of the week; null = the week that starts with the first free slot's day. */
  fromDay: IsoDay.nullable(),
});
export type FreeWeekQuery = z.infer<typeof FreeWeekQuery>;

export const BookCallback = z.object({
  ticketId: Id,
  expertId: Id,
  startsAt: Instant,
  /** The customer's preferred time of day, to propose next free slots inside it on a conflict. */
  preferred: PreferredWindow.nullable(),
});
export const RescheduleCallback = z.object({
  callbackId: Id,
  expertId: Id,
  startsAt: Instant,
  preferred: PreferredWindow.nullable(),
});
export const CloseCallback = z.object({
  callbackId: Id,
  outcome: z.enum(['reached', 'no_answer', 'cancelled']),
  note: z.string().max(10_000).nullable(),
});

/** Result type of each invoke channel of this part. */
export interface CallbackIpcResults {
  'callbacks:day': CallbackDay;
  'callbacks:eligibility': CallbackEligibilityView | null;
  'callbacks:freeSlots': FreeSlotView[];
  'callbacks:freeWeek': FreeWeekView;
  'callbacks:book': CallbackBookResult;
  'callbacks:reschedule': CallbackBookResult;
  'callbacks:close': CallbackCloseResult;
}

/** Argument schema of each invoke channel of this part. */
export const CALLBACK_IPC_ARGS = {
  /** The day (null = today in Zurich) and the expert (null = me). */
  'callbacks:day': z.tuple([IsoDay.nullable(), Id.nullable()]),
  'callbacks:eligibility': z.tuple([Id]),
  'callbacks:freeSlots': z.tuple([FreeSlotsQuery]),
  'callbacks:freeWeek': z.tuple([FreeWeekQuery]),
  'callbacks:book': z.tuple([BookCallback]),
  'callbacks:reschedule': z.tuple([RescheduleCallback]),
  'callbacks:close': z.tuple([CloseCallback]),
} as const satisfies Record<keyof CallbackIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes for this part. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the day view follows tickets:changed
export interface CallbackIpcEvents {}
export const CALLBACK_EVENT_CHANNELS = [] as const satisfies readonly (keyof CallbackIpcEvents)[];
