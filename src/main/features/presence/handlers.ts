/**
 * IPC handlers of presence (src/shared/ipc-presence.ts): the window's state
 * (ticket open, replying) goes to the sync worker, which tells the backend
 * and keeps it alive; who else is where comes back from the worker's
 * `presence` events, is kept here in memory for a window that asks, and is
 * pushed to the windows. Nothing of it reaches the cache.
 */
import type { HandlersFor } from '../../../shared/ipc-handlers.js';
import type { PresenceIpcResults } from '../../../shared/ipc-presence.js';
import type { PresenceEntry } from '../../../shared/presence.js';
import type { FeatureDeps } from '../feature-deps.js';

export function createPresenceHandlers(
  deps: Pick<FeatureDeps, 'sync' | 'pump'>,
): HandlersFor<keyof PresenceIpcResults> {
  let present: PresenceEntry[] = [];
  deps.sync.events.subscribe((event) => {
    if (event.type !== 'presence') return;
    present = event.present;
    deps.pump.emit('presence:changed', present);
  });
  return {
    'presence:set': async (update) => {
      // Signed out (no worker) there is nobody to tell: the window's state is simply not sent.
      await deps.sync.presence(update).catch(() => undefined);
      return { ok: true };
    },
    'presence:get': () => present,
  };
}
