/**
 * The window's side of presence: it listens to who else is where, and tells
 * main what this person does: the ticket open, and `replying` while the
 * composer holds text. It reports a change of that state, never a
 * keystroke: typing a reply changes the state once (empty → text). main and
 * the sync worker keep it alive; leaving the page says "gone" at once.
 */
import { useEffect } from 'react';
import type { PresenceUpdate } from '../../../../shared/presence.js';
import { call, subscribe } from '../../lib/api.js';
import { useStore } from '../../store/index.js';
import type { Store } from '../../store/index.js';

/** What this person does now, from the store: a ticket left open on the triage desk while on another desk is not being viewed. */
export function presenceOf(s: Pick<Store, 'openId' | 'composerOpen' | 'composerDraft' | 'workspace'>): PresenceUpdate {
  const replying = s.composerOpen && s.composerDraft.trim() !== '';
  return { ticketId: s.workspace === 'triage' ? s.openId : null, activity: replying ? 'replying' : 'viewing' };
}

const keyOf = (u: PresenceUpdate): string => `${u.ticketId ?? ''}\u0000${u.activity}`;

function tell(update: PresenceUpdate): void {
  // A lost report is said again by the next change or main's keep-alive; nothing for the person to do.
  call('presence:set', update).catch(() => undefined);
}

export function usePresence(): void {
  useEffect(() => {
    const off = subscribe('presence:changed', (present) => {
      useStore.getState().setPresent(present);
    });
    call('presence:get').then(
      (present) => {
        useStore.getState().setPresent(present);
      },
      () => undefined,
    );
    let last = presenceOf(useStore.getState());
    if (last.ticketId !== null) tell(last);
    const unsubscribe = useStore.subscribe((s) => {
      const now = presenceOf(s);
      if (keyOf(now) === keyOf(last)) return;
      last = now;
      tell(now);
    });
    const leave = () => {
      tell({ ticketId: null, activity: 'viewing' });
    };
    window.addEventListener('pagehide', leave);
    return () => {
      off();
      unsubscribe();
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, []);
}
