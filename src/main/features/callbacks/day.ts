/**
 * Reads behind the callbacks screens: an expert's day in call order, a
 * ticket's eligibility (with the reply that answers the customer when it is
 * not), and the next free slots, computed by the shared rules over the
 * cache's experts and bookings.
 */
import { addDays, zurichDay, zurichInstant } from '../../../shared/callbacks/calendar.js';
import type { CalendarRules } from '../../../shared/callbacks/calendar.js';
import { callbackEligibility, parseCallbackPhone } from '../../../shared/callbacks/eligibility.js';
import { nextFreeSlots } from '../../../shared/callbacks/free-slots.js';
import { freeSlotsByDay } from '../../../shared/callbacks/week.js';
import type { Booking, PreferredWindow } from '../../../shared/callbacks/free-slots.js';
import { preferredWindowFromText } from '../../../shared/callbacks/preferred.js';
import { MAX_CALL_ATTEMPTS } from '../../../shared/callbacks/retry.js';
import { cannedReply } from '../../../shared/canned-replies.js';
import type { Account, Callback, Ticket } from '../../../shared/entities.js';
import type {
  CallbackDay,
  CallbackDayItem,
  CallbackEligibilityView,
  FreeSlotView,
  FreeWeekQuery,
  FreeWeekView,
  NextCallView,
} from '../../../shared/ipc-callbacks.js';
import type { CacheReader } from '../../db/types.js';
import type { CallbacksReader } from '../../db/callbacks-reader.js';

/** How many messages of a ticket's history the day view shows with each call. */
const HISTORY = 6;
/** A slot is offered no sooner than this after now (time to prepare the call). */
const LEAD_MS = 5 * 60_000;

export interface CallbackReads {
  reader: CacheReader;
  callbacks: CallbacksReader;
  rules: () => CalendarRules;
  now: () => Date;
}

const customerName = (ticket: Ticket | null, account: Account | null): string => {
  if (account?.organisationName != null && account.organisationName !== '') {
    return `${account.organisationName} (${account.firstName} ${account.lastName})`.trim();
  }
  if (account !== null) return `${account.firstName} ${account.lastName}`.trim();
  return ticket?.requesterName ?? '';
};

function dayItem(r: CallbackReads, cb: Callback): CallbackDayItem {
  const ticket = r.reader.getRecord('ticket', cb.ticketId);
  const account = ticket?.accountId == null ? null : r.reader.getRecord('account', ticket.accountId);
  const phone = parseCallbackPhone(cb.phone);
  const history = ticket === null ? [] : r.reader.messagesOf(ticket.id).slice(-HISTORY);
  return {
    callback: cb,
    ticket:
      ticket === null
        ? null
        : {
            id: ticket.id,
            subject: ticket.subject,
            status: ticket.status,
            version: ticket.version,
            categoryId: ticket.categoryId,
          },
    customerName: customerName(ticket, account),
    language: account?.language ?? ticket?.language ?? 'fr',
    phoneDisplay: phone.ok ? phone.international : cb.phone,
    telHref: phone.ok ? `tel:${phone.e164}` : null,
    attempt: cb.status === 'scheduled' ? cb.attempts + 1 : Math.max(1, cb.attempts),
    maxAttempts: MAX_CALL_ATTEMPTS,
    history,
  };
}

export function readDay(r: CallbackReads, day: string | null, expertId: string): CallbackDay {
  const today = zurichDay(r.now());
  const shown = day ?? today;
  const from = zurichInstant(shown, 0).toISOString();
  const to = zurichInstant(addDays(shown, 1), 0).toISOString();
  const calls = r.callbacks.between(from, to, expertId);
  return { day: shown, today, expertId, items: calls.map((cb) => dayItem(r, cb)), next: nextCall(r, to, expertId) };
}

/** The expert's first call still to make after the day shown: a past scheduled call was missed, not next. */
export function nextCall(r: CallbackReads, afterIso: string, expertId: string): NextCallView | null {
  const now = r.now().toISOString();
  const cb = r.callbacks.nextScheduled(afterIso > now ? afterIso : now, expertId);
  if (cb === null) return null;
  const ticket = r.reader.getRecord('ticket', cb.ticketId);
  const account = ticket?.accountId == null ? null : r.reader.getRecord('account', ticket.accountId);
  return {
    callbackId: cb.id,
    ticketId: cb.ticketId,
    day: zurichDay(cb.startsAt),
    startsAt: cb.startsAt,
    customerName: customerName(ticket, account),
  };
}

/** The customer's latest words first: a later message may move the time they asked for. */
function ticketPreference(r: CallbackReads, ticket: Ticket): PreferredWindow | null {
  const said = r.reader
    .messagesOf(ticket.id)
    .filter((m) => m.kind === 'customer')
    .map((m) => m.body)
    .reverse();
  for (const text of [...said, `${ticket.subject}\n${ticket.body}`]) {
    const found = preferredWindowFromText(text);
    if (found !== null) return found;
  }
  return null;
}

export function readEligibility(r: CallbackReads, ticketId: string): CallbackEligibilityView | null {
  const ticket = r.reader.getRecord('ticket', ticketId);
  if (ticket === null) return null;
  const account = ticket.accountId === null ? null : r.reader.getRecord('account', ticket.accountId);
  const e = callbackEligibility({
    callbackPhone: ticket.callbackPhone,
    prioritySupportUntil: account?.prioritySupportUntil ?? null,
    callDay: zurichDay(r.now()),
  });
  const reply = e.eligible ? undefined : cannedReply(e.replyId, ticket.language);
  return {
    ticketId,
    requested: ticket.callbackPhone !== null,
    eligible: e.eligible,
    reason: e.eligible ? null : e.reason,
    phoneProblem: e.eligible ? null : e.phoneProblem,
    reply: reply === undefined ? null : { id: reply.id, title: reply.title, body: reply.body },
    entitledUntil: e.entitledUntil,
    phoneDisplay: e.eligible ? e.phoneDisplay : ticket.callbackPhone,
    scheduled: r.callbacks.ofTicket(ticketId).filter((c) => c.status === 'scheduled'),
    preferred: ticketPreference(r, ticket),
    ticketVersion: ticket.version,
  };
}

export interface SlotQuery {
  ticketId: string;
  /** null = the team; otherwise this expert first, then the others when `teamFallback`. */
  expertId: string | null;
  preferred: PreferredWindow | null;
  limit: number;
  /** Bookings the cache may not have yet (the one that just took a slot). */
  alsoBooked?: readonly Booking[];
  /** A call being moved does not block its own slot. */
  ignoreCallbackId?: string;
}

/** What every free-slot question about a ticket shares: who, which calls hold slots, from when, until when. */
function slotSearch(r: CallbackReads, q: Pick<SlotQuery, 'ticketId' | 'expertId' | 'alsoBooked' | 'ignoreCallbackId'>) {
  const ticket = r.reader.getRecord('ticket', q.ticketId);
  const account = ticket?.accountId == null ? null : r.reader.getRecord('account', ticket.accountId);
  const experts = r.callbacks.experts();
  const names = new Map(experts.map((x) => [x.id, x.name]));
  const chosen = q.expertId === null ? experts : experts.filter((x) => x.id === q.expertId);
  const now = r.now();
  const booked: Booking[] = [
    ...r.callbacks.scheduledFrom(now.toISOString()).filter((c) => c.id !== q.ignoreCallbackId),
    ...(q.alsoBooked ?? []),
  ];
  return {
    search: {
      after: new Date(now.getTime() + LEAD_MS),
      experts: chosen.map((x) => ({ id: x.id, calendar: x.calendar })),
      booked,
      rules: r.rules(),
      lastDay: account?.prioritySupportUntil ?? null,
    },
    named: <T extends { expertId: string }>(s: T): T & { expertName: string } => ({
      ...s,
      expertName: names.get(s.expertId) ?? s.expertId,
    }),
  };
}

export function readFreeSlots(r: CallbackReads, q: SlotQuery): FreeSlotView[] {
  const { search, named } = slotSearch(r, q);
  return nextFreeSlots({ ...search, limit: q.limit, preferred: q.preferred }).map(named);
}

/** Seven days of free slots from `fromDay`, or from the first free slot's day when none is given. */
export function readFreeWeek(r: CallbackReads, q: FreeWeekQuery): FreeWeekView {
  const { search, named } = slotSearch(r, q);
  const first = nextFreeSlots({ ...search, limit: 1, preferred: q.preferred })[0];
  const fromDay = q.fromDay ?? (first === undefined ? zurichDay(search.after) : zurichDay(first.startsAt));
  const week = freeSlotsByDay({ ...search, preferred: q.preferred, fromDay });
  return { ...week, days: week.days.map((d) => ({ ...d, slots: d.slots.map(named) })) };
}
