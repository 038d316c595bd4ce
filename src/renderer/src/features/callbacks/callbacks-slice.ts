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
} from '../../../../shared/ipc-callbacks.js';
import type { Callback } from '../../../../shared/entities.js';
import { call } from '../../lib/api.js';
import { refusalKey } from '../../lib/refusal.js';
import type { SliceCreator } from '../../store/types.js';

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
  slots: FreeSlotView[];
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
  const loadSlots = async (): Promise<void> => {
    const s = get().cbSchedule;
    const me = get().session?.agent.id ?? null;
    if (s === null) return;
    set({ cbSchedule: { ...s, loading: true } });
    try {
      const slots = await call('callbacks:freeSlots', {
        ticketId: s.ticketId,
        expertId: s.scope === 'me' ? me : null,
        preferred: windowOf(s),
        limit: 8,
      });
      const now = get().cbSchedule;
      if (now?.ticketId === s.ticketId) set({ cbSchedule: { ...now, slots, loading: false } });
    } catch (err) {
      get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
      const now = get().cbSchedule;
      if (now !== null) set({ cbSchedule: { ...now, loading: false } });
    }
  };

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
                : 'callbacks.noticeRetry'
              : `callbacks.notice.${outcome}`;
          get().notify({ kind: 'info', key });
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
          slots: [],
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
          return loadSlots();
        });
    },

    closeSchedule: () => {
      set({ cbSchedule: null });
    },

    setScheduleScope: (scope) => {
      const s = get().cbSchedule;
      if (s === null) return;
      set({ cbSchedule: { ...s, scope, conflict: null } });
      void loadSlots();
    },

    setScheduleWindow: (window) => {
      const s = get().cbSchedule;
      if (s === null) return;
      set({ cbSchedule: { ...s, window, conflict: null } });
      void loadSlots();
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
          set({
            cbSchedule: {
              ...now,
              busy: false,
              conflict: result,
              slots: result.nextFree.length > 0 ? result.nextFree : now.slots,
            },
          });
        }
      } catch (err) {
        get().notify({ kind: 'error', key: 'callbacks.error', text: message(err) });
        const now = get().cbSchedule;
        if (now !== null) set({ cbSchedule: { ...now, busy: false } });
      }
    },
  };
};
