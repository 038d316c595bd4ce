/**
 * The callbacks desk's commands (their keys are in lib/keymap.ts): the day's
 * calls, the selected call's outcome, the day shown. Quiet while the
 * scheduling dialog is open; the outcome keys act only on a scheduled call.
 */
import type { Callback } from '../../../../shared/entities.js';
import { useStore } from '../../store/index.js';
import { useDeskCommands } from '../ui/desk-commands.js';
import type { DeskCommands } from '../ui/desk-commands.js';
import { shiftDay } from './callbacks-slice.js';

/** The selected call while it is still to be made (taken or not): the outcome keys need one. */
function scheduledCall(): Callback | null {
  const s = useStore.getState();
  const item = s.cbDay?.items.find((i) => i.callback.id === s.cbSelectedId);
  return item?.callback.status === 'scheduled' ? item.callback : null;
}

const shownDay = (): string | null => useStore.getState().cbDay?.day ?? null;

const onScheduledCall = (run: (call: Callback) => void) => ({
  enabled: () => scheduledCall() !== null,
  run: () => {
    const call = scheduledCall();
    if (call !== null) run(call);
  },
});

const fromShownDay = (days: number) => ({
  enabled: () => shownDay() !== null,
  run: () => {
    const day = shownDay();
    if (day !== null) void useStore.getState().loadCallbackDay(shiftDay(day, days));
  },
});

export const CALLBACK_COMMANDS: DeskCommands<'callbacks'> = {
  ready: () => useStore.getState().cbSchedule === null,
  actions: {
    callNext: {
      run: () => {
        useStore.getState().selectNextCallback(1);
      },
    },
    callPrev: {
      run: () => {
        useStore.getState().selectNextCallback(-1);
      },
    },
    callTake: onScheduledCall((call) => {
      useStore.getState().takeCallback(call.id);
    }),
    callReached: onScheduledCall((call) => void useStore.getState().closeCallback(call.id, 'reached')),
    callNoAnswer: onScheduledCall((call) => void useStore.getState().closeCallback(call.id, 'no_answer')),
    callCancelled: onScheduledCall((call) => void useStore.getState().closeCallback(call.id, 'cancelled')),
    callReschedule: onScheduledCall((call) => {
      useStore.getState().openSchedule(call.ticketId, call.id);
    }),
    dayPrev: fromShownDay(-1),
    dayNext: fromShownDay(1),
    dayToday: {
      run: () => void useStore.getState().loadCallbackDay(null),
    },
  },
};

export function useCallbackKeys(): void {
  useDeskCommands('callbacks', CALLBACK_COMMANDS);
}
