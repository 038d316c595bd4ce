/**
 * The callbacks desk's state: the expert's day (which day, which call is
 * selected, which one they took), the eligibility of the open ticket, and
 * the scheduling dialog (free slots, the conflict a booking met). Every
 * booking and outcome waits for the backend's answer, so nothing here is
 * optimistic: the screen shows what the backend decided.
 */
import type { PreferredWindow } from '../../../../shared/callbacks/free-slots.js';
import type {
  CallbackBookResult,
  CallbackDay,
  CallbackEligibilityView,
  FreeSlotView,
  FreeWeekView,
} from '../../../../shared/ipc-callbacks.js';
import type { Callback } from '../../../../shared/entities.js';
import { call } from '../../lib/api.js';
import { refusalKey } from '../../lib/refusal.js';
import type { SliceCreator } from '../../store/types.js';
import { formatCallWhen } from './when.js';
import { dayToShow, weekBefore, weekAfter } from './schedule-week.js';

export type Outcome = 'reached' | 'no_answer' | 'cancelled';
/** 'ticket': the time the customer named in the ticket. */
export type WindowChoice = 'any' | 'morning' | 'afternoon' | 'ticket';
export const WINDOWS: Record<Exclude<WindowChoice, 'ticket'>, PreferredWindow | null> = {
  any: null,
  morning: { fromMinutes: 8 * 60, toMinutes: 12 * 60 },
  afternoon: { fromMinutes: 13 * 60, toMinutes: 17 * 60 },
};

export interface ScheduleState {
  ticketId: string;
  /** Set when moving an existing call. */
  callbackId: string | null;
  scope: 'me' | 'team';
  window: WindowChoice;
  /** What the ticket asked for, if anything. */
  ticketWindow: PreferredWindow | null;
  /** Seven days of free slots; null until the first answer. */
  week: FreeWeekView | null;
  /** The day whose slots are shown (one of the week's). */
  day: string | null;
  loading: boolean;
  busy: boolean;
  conflict: Extract<CallbackBookResult, { ok: false }> | null;
  booked: Callback | null;
}

export interface CallbacksSlice {
  cbDay: CallbackDay | null;
  /** The day asked for; null = today. */
  cbWantedDay: string | null;
  cbSelectedId: string | null;
  /** The call the expert is on (taken), if any. */
  cbTakenId: string | null;
  cbNote: string;
  cbBusy: boolean;
  cbEligibility: CallbackEligibilityView | null;
  cbSchedule: ScheduleState | null;
  loadCallbackDay: (day?: string | null) => Promise<void>;
  selectCallback: (id: string | null) => void;
  selectNextCallback: (delta: 1 | -1) => void;
  takeCallback: (id: string) => void;
  setCallbackNote: (note: string) => void;
  closeCallback: (id: string, outcome: Outcome) => Promise<void>;
  loadEligibility: (ticketId: string) => Promise<void>;
  openSchedule: (ticketId: string, callbackId?: string | null) => void;
  closeSchedule: () => void;
  setScheduleScope: (scope: 'me' | 'team') => void;
  setScheduleWindow: (window: WindowChoice) => void;
  /** Shows another day of the week on screen. */
  setScheduleDay: (day: string) => void;
  /** The week before or after the one shown, on its last or first bookable day. */
  shiftScheduleWeek: (direction: 1 | -1) => Promise<void>;
  bookSlot: (slot: FreeSlotView) => Promise<void>;
}

/** The day before or after a day "YYYY-MM-DD", on the calendar (no time zone involved). */
export function shiftDay(day: string, delta: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + delta)).toISOString().slice(0, 10);
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const windowOf = (s: Pick<ScheduleState, 'window' | 'ticketWindow'>): PreferredWindow | null =>
  s.window === 'ticket' ? s.ticketWindow : WINDOWS[s.window];

export const createCallbacksSlice: SliceCreator<CallbacksSlice> = (set, get) => {
  /**
   * Loads the week from `fromDay` (null: from the first free slot's day) and shows `pick`'s day (dayToShow).
   */
  const loadWeek = async (fromDay: string | null, pick: 'first' | 'last' | 'keep'): Promise<void> => {
    const s = get().cbSchedule;
    const me = get().session?.agent.id ?? null;
    if (s === null) return;
    set({ cbSchedule: { ...s, loading: true } });
    try {
      const week = await call('callbacks:freeWeek', {
        ticketId: s.ticketId,
        expertId: s.scope === 'me' ? me : null,
        preferred: windowOf(s),
        fromDay,
      });
      const now = get().cbSchedule;
      if (now?.ticketId !== s.ticketId) return;
      set({ cbSchedule: { ...now, week, day: dayToShow(week, now.day, pick), loading: false } });
    } catch (err) {
      get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
      const now = get().cbSchedule;
      if (now !== null) set({ cbSchedule: { ...now, loading: false } });
    }
  };
  /** The same week again (scope or window changed), or the first free slot's week before any. */
  const reloadWeek = (): Promise<void> => loadWeek(get().cbSchedule?.week?.days[0]?.day ?? null, 'keep');

  return {
    cbDay: null,
    cbWantedDay: null,
    cbSelectedId: null,
    cbTakenId: null,
    cbNote: '',
    cbBusy: false,
    cbEligibility: null,
    cbSchedule: null,

    loadCallbackDay: async (day) => {
      const wanted = day === undefined ? get().cbWantedDay : day;
      set({ cbWantedDay: wanted });
      try {
        const result = await call('callbacks:day', wanted, null);
        if (get().cbWantedDay !== wanted) return;
        const items = result.items;
        const selected = get().cbSelectedId;
        const keep = items.some((i) => i.callback.id === selected);
        const firstOpen = items.find((i) => i.callback.status === 'scheduled') ?? items[0];
        set({ cbDay: result, cbSelectedId: keep ? selected : (firstOpen?.callback.id ?? null) });
      } catch (err) {
        get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
      }
    },

    selectCallback: (id) => {
      set({ cbSelectedId: id });
    },

    selectNextCallback: (delta) => {
      const items = get().cbDay?.items ?? [];
      if (items.length === 0) return;
      const at = items.findIndex((i) => i.callback.id === get().cbSelectedId);
      const next = items[Math.min(items.length - 1, Math.max(0, at < 0 ? 0 : at + delta))];
      set({ cbSelectedId: next?.callback.id ?? null });
    },

    takeCallback: (id) => {
      set({ cbTakenId: id, cbSelectedId: id, cbNote: '' });
    },

    setCallbackNote: (cbNote) => {
      set({ cbNote });
    },

    closeCallback: async (id, outcome) => {
      if (get().cbBusy) return;
      set({ cbBusy: true });
      const note = get().cbTakenId === id && get().cbNote.trim() !== '' ? get().cbNote.trim() : null;
      try {
        const result = await call('callbacks:close', { callbackId: id, outcome, note });
        if (result.ok) {
          set({ cbTakenId: null, cbNote: '' });
          const key =
            outcome === 'no_answer'
              ? result.next === null
                ? 'callbacks.noticeWritten'
                : 'callbacks.noticeRetryAt'
              : `callbacks.notice.${outcome}`;
          // The expert says when the customer will be called again: the notice names the retry's day and time.
          const params =
            result.next === null
              ? undefined
              : { when: formatCallWhen(result.next.startsAt, get().language, get().cbDay?.today ?? null) };
          get().notify({ kind: 'info', key, ...(params === undefined ? {} : { params }) });
          if (result.next !== null) set({ cbSelectedId: result.next.id });
        } else {
          get().notify({ kind: 'error', key: refusalKey(result.reason), text: result.message });
        }
      } catch (err) {
        get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
      } finally {
        set({ cbBusy: false });
        await get().loadCallbackDay();
      }
    },

    loadEligibility: async (ticketId) => {
      try {
        const e = await call('callbacks:eligibility', ticketId);
        if (get().openId === ticketId) set({ cbEligibility: e });
      } catch (err) {
        console.warn('callback eligibility unavailable', message(err));
      }
    },

    openSchedule: (ticketId, callbackId = null) => {
      set({
        cbSchedule: {
          ticketId,
          callbackId,
          scope: 'me',
          window: 'any',
          ticketWindow: null,
          week: null,
          day: null,
          loading: true,
          busy: false,
          conflict: null,
          booked: null,
        },
      });
      // The customer's own words pick the window when they named a time.
      const known = get().cbEligibility;
      const preferred =
        known?.ticketId === ticketId
          ? Promise.resolve(known.preferred)
          : call('callbacks:eligibility', ticketId).then((e) => e?.preferred ?? null);
      void preferred
        .catch(() => null)
        .then((ticketWindow) => {
          const s = get().cbSchedule;
          if (s?.ticketId !== ticketId) return;
          set({ cbSchedule: { ...s, ticketWindow, window: ticketWindow === null ? 'any' : 'ticket' } });
          return loadWeek(null, 'first');
        });
    },

    closeSchedule: () => {
      set({ cbSchedule: null });
    },

    setScheduleScope: (scope) => {
      const s = get().cbSchedule;
      if (s === null) return;
      set({ cbSchedule: { ...s, scope, conflict: null } });
      void reloadWeek();
    },

    setScheduleWindow: (window) => {
      const s = get().cbSchedule;
      if (s === null) return;
      set({ cbSchedule: { ...s, window, conflict: null } });
      void reloadWeek();
    },

    setScheduleDay: (day) => {
      const s = get().cbSchedule;
      if (s?.week?.days.some((d) => d.day === day && d.bookable) !== true) return;
      // Another day after a conflict: the week is read again, with the slot just lost now held.
      if (s.conflict !== null) {
        set({ cbSchedule: { ...s, day, conflict: null } });
        void reloadWeek();
        return;
      }
      set({ cbSchedule: { ...s, day } });
    },

    shiftScheduleWeek: async (direction) => {
      const week = get().cbSchedule?.week;
      if (week === undefined || week === null) return;
      const from = direction === 1 ? weekAfter(week) : weekBefore(week);
      if (from === null) return;
      const s = get().cbSchedule;
      if (s !== null) set({ cbSchedule: { ...s, conflict: null } });
      await loadWeek(from, direction === 1 ? 'first' : 'last');
    },

    bookSlot: async (slot) => {
      const s = get().cbSchedule;
      if (s === null || s.busy) return;
      set({ cbSchedule: { ...s, busy: true } });
      try {
        const common = { expertId: slot.expertId, startsAt: slot.startsAt, preferred: windowOf(s) };
        const result =
          s.callbackId === null
            ? await call('callbacks:book', { ticketId: s.ticketId, ...common })
            : await call('callbacks:reschedule', { callbackId: s.callbackId, ...common });
        const now = get().cbSchedule ?? s;
        if (result.ok) {
          set({ cbSchedule: { ...now, busy: false, conflict: null, booked: result.callback } });
          get().notify({
            kind: 'info',
            key: s.callbackId === null ? 'callbacks.noticeBooked' : 'callbacks.noticeMoved',
          });
          void get().loadEligibility(s.ticketId);
          if (get().workspace === 'callbacks') void get().loadCallbackDay();
        } else {
          // A slot taken meanwhile, or a rule: show why, with what is still free.
          set({ cbSchedule: { ...now, busy: false, conflict: result } });
        }
      } catch (err) {
        get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
        const now = get().cbSchedule;
        if (now !== null) set({ cbSchedule: { ...now, busy: false } });
      }
    },
  };
};
