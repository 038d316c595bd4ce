/**
 * The callbacks desk's keys (the global handler leaves other desks alone):
 * J/K next/previous call, T take, R reached, N no answer, X cancelled,
 * S reschedule, [ / ] previous/next day, . today. Ignored while typing.
 */
import { useEffect } from 'react';
import { isTypingTarget } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { shiftDay } from './callbacks-slice.js';

/** The same rule as the global handler's: keys typed into a field (not a checkbox or a button) are text. */
const typing = (target: EventTarget | null): boolean => isTypingTarget(target instanceof HTMLElement ? target : null);

export function useCallbackKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = useStore.getState();
      if (s.workspace !== 'callbacks' || s.overlay !== null || s.cbSchedule !== null) return;
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const item = s.cbDay?.items.find((i) => i.callback.id === s.cbSelectedId);
      const open = item?.callback.status === 'scheduled' ? item.callback : null;
      const day = s.cbDay?.day ?? null;
      let handled = true;
      switch (e.key.toLowerCase()) {
        case 'j':
        case 'arrowdown':
          s.selectNextCallback(1);
          break;
        case 'k':
        case 'arrowup':
          s.selectNextCallback(-1);
          break;
        case 't':
          if (open) s.takeCallback(open.id);
          break;
        case 'r':
          if (open) void s.closeCallback(open.id, 'reached');
          break;
        case 'n':
          if (open) void s.closeCallback(open.id, 'no_answer');
          break;
        case 'x':
          if (open) void s.closeCallback(open.id, 'cancelled');
          break;
        case 's':
          if (open) s.openSchedule(open.ticketId, open.id);
          break;
        case '[':
          if (day !== null) void s.loadCallbackDay(shiftDay(day, -1));
          break;
        case ']':
          if (day !== null) void s.loadCallbackDay(shiftDay(day, 1));
          break;
        case '.':
          void s.loadCallbackDay(null);
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
