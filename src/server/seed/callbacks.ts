/**
 * Priority callbacks: upcoming ones in the experts' calendars and past ones
 * with their outcome. Slots come from the shared calendar
 * (src/shared/callbacks: 15-minute slots inside Mon–Fri 08:00–12:00 and
 * 13:00–17:00 Europe/Zurich, Swiss public holidays from date-holidays), on
 * days the expert works, never two on one expert at once, and only for
 * tickets of customers with an active Priority Support who left a phone
 * number (stored as E.164, as the backend stores a booking's number).
 */
import type { Callback, Language } from '../../shared/entities.js';
import { addDays, daySlots, zurichDay } from '../../shared/callbacks/calendar.js';
import { calendarRules } from '../../shared/callbacks/config.js';
import { parseCallbackPhone } from '../../shared/callbacks/eligibility.js';
import { expertWorks } from '../../shared/callbacks/free-slots.js';
import { Rng, STREAM } from './random.js';
import type { SeedSink } from './sink.js';
import { Batcher } from './sink.js';
import type { CallbackCandidate } from './tickets.js';
import type { World } from './world.js';
import { MINUTE_MS } from './world.js';

export const SLOT_MS = 15 * MINUTE_MS;
const RULES = calendarRules({ slotMinutes: SLOT_MS / MINUTE_MS, holidays: { cantons: [], extraDays: [] } });

const NOTES: Record<Language, Record<'reached' | 'no_answer' | 'cancelled', string>> = {
  fr: {
    reached: 'Client joint, problème expliqué et résolu.',
    no_answer: 'Pas de réponse, message laissé.',
    cancelled: 'Annulé : le client a résolu le problème lui-même.',
  },
  de: {
    reached: 'Kunde erreicht, Problem erklärt und gelöst.',
    no_answer: 'Keine Antwort, Combox-Nachricht hinterlassen.',
    cancelled: 'Abgesagt: Kunde hat das Problem selbst gelöst.',
  },
  it: {
    reached: 'Cliente raggiunto, problema spiegato e risolto.',
    no_answer: 'Nessuna risposta, lasciato un messaggio.',
    cancelled: 'Annullato: il cliente ha risolto da solo.',
  },
  en: {
    reached: 'Reached the customer, explained and fixed the issue.',
    no_answer: 'No answer, left a voicemail.',
    cancelled: 'Cancelled: the customer fixed it themselves.',
  },
};

/** Slot starts (ms) on business days, walking from `from` in `direction` until `days` business days were seen. */
export function businessSlots(from: Date, direction: 1 | -1, days: number): number[] {
  const out: number[] = [];
  let day = zurichDay(from);
  for (let seen = 0, guard = 0; seen < days && guard < days * 3 + 10; guard++, day = addDays(day, direction)) {
    const slots = daySlots(day, RULES);
    if (slots.length === 0) continue;
    seen++;
    for (const slot of slots) out.push(Date.parse(slot.startsAt));
  }
  return out;
}

export function emitCallbacks(world: World, sink: SeedSink, candidates: readonly CallbackCandidate[]): number {
  const { team, nowMs } = world;
  const wanted = world.counts.callbacks;
  if (wanted === 0 || candidates.length === 0 || team.experts.length === 0) return 0;
  const rng = new Rng(world.seed, STREAM.callbacks);
  const future = businessSlots(world.now, 1, 10).filter((s) => s > nowMs + SLOT_MS);
  const past = businessSlots(world.now, -1, 15).filter((s) => s + SLOT_MS <= nowMs);
  const taken = new Set<string>();
  const latestFirst = [...candidates].reverse();
  const openFirst = [...latestFirst.filter((c) => c.open), ...latestFirst.filter((c) => !c.open)];
  const rows: Callback[] = [];

  /** A free (expert, slot) for the ticket, or null when its calendar window is full. */
  const place = (c: CallbackCandidate, slots: readonly number[]): { expertId: string; start: number } | null => {
    const usable = slots.filter((s) => s > c.createdMs + 30 * MINUTE_MS);
    if (usable.length === 0) return null;
    const experts = team.expertsFor[c.language];
    for (let attempt = 0; attempt < 60; attempt++) {
      const start = rng.pick(usable);
      const expert = rng.pick(experts);
      const expertId = expert.id;
      const key = `${expertId}|${start}`;
      if (!taken.has(key) && expertWorks(expert.calendar, zurichDay(new Date(start)))) {
        taken.add(key);
        return { expertId, start };
      }
    }
    return null;
  };

  const add = (c: CallbackCandidate, upcoming: boolean): boolean => {
    // A number the backend would refuse never gets a call.
    const parsed = parseCallbackPhone(c.phone);
    if (!parsed.ok) return false;
    const spot = place(c, upcoming ? future : past);
    if (!spot) return false;
    const startsAt = new Date(spot.start).toISOString();
    const endsAt = new Date(spot.start + SLOT_MS).toISOString();
    const phone = parsed.e164;
    const base = { id: '', ticketId: c.ticketId, expertId: spot.expertId, startsAt, endsAt, phone };
    if (upcoming) {
      const createdMs = Math.min(nowMs - MINUTE_MS, c.createdMs + Math.floor(rng.float() * (nowMs - c.createdMs)));
      const created = new Date(Math.max(createdMs, c.createdMs)).toISOString();
      rows.push({
        ...base,
        status: 'scheduled',
        attempts: 0,
        note: null,
        version: 1,
        createdAt: created,
        updatedAt: created,
      });
      return true;
    }
    const roll = rng.float();
    const status = roll < 0.55 ? 'reached' : roll < 0.85 ? 'no_answer' : 'cancelled';
    const createdMs = c.createdMs + Math.floor(rng.float() * (spot.start - SLOT_MS - c.createdMs));
    const closedMs = Math.min(nowMs - 1000, spot.start + SLOT_MS + rng.int(0, 20) * MINUTE_MS);
    rows.push({
      ...base,
      status,
      attempts: status === 'reached' ? rng.int(1, 2) : status === 'no_answer' ? rng.int(1, 3) : 0,
      note: NOTES[c.language][status],
      version: 2,
      createdAt: new Date(createdMs).toISOString(),
      updatedAt: new Date(closedMs).toISOString(),
    });
    return true;
  };
  // Past calls first (tickets recent enough to have had one); whatever they leave goes to upcoming slots.
  const pastWanted = wanted - Math.round(wanted * 0.6);
  for (let k = 0; rows.length < pastWanted && k < latestFirst.length * 3; k++) {
    add(latestFirst[k % latestFirst.length] as CallbackCandidate, false);
  }
  // A ticket may get a second call (a retry after "no answer"), so candidates are cycled.
  for (let k = 0; rows.length < wanted && k < wanted * 20; k++) {
    add(openFirst[k % openFirst.length] as CallbackCandidate, true);
  }
  // Ids in calendar order, which is how experts read them.
  rows.sort((a, b) => (a.startsAt < b.startsAt ? -1 : a.startsAt > b.startsAt ? 1 : 0));
  const batch = new Batcher<Callback>((r) => {
    sink.callbacks(r);
  });
  rows.forEach((row, i) => {
    batch.push({ ...row, id: String(i + 1) });
  });
  batch.end();
  return rows.length;
}
