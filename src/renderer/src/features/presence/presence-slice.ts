/**
 * Who else is on which ticket (main pushes it: `presence:changed`), kept in
 * memory for the ticket pane and the queue rows. Never cached: a reload asks
 * main again (`presence:get`).
 */
import type { PresenceEntry } from '../../../../shared/presence.js';
import type { SliceCreator } from '../../store/types.js';

export interface PresenceSlice {
  present: PresenceEntry[];
  setPresent: (present: PresenceEntry[]) => void;
}

export const createPresenceSlice: SliceCreator<PresenceSlice> = (set) => ({
  present: [],
  setPresent: (present) => {
    set({ present });
  },
});

/** The people on one ticket, by name: a stable order, so the line does not jump when someone's state changes. */
export function presentOn(present: readonly PresenceEntry[], ticketId: string): PresenceEntry[] {
  return present.filter((p) => p.ticketId === ticketId).sort((a, b) => a.name.localeCompare(b.name));
}
