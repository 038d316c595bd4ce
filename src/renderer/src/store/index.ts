/**
 * One store made of the feature slices (zustand slices pattern). `resetStore`
 * puts every slice back to its initial state, for tests and for a sign-out.
 */
import { create } from 'zustand';
import { createQueueSlice } from '../features/queue/queue-slice.js';
import { createTicketSlice } from '../features/ticket/ticket-slice.js';
import { createStatusSlice } from '../features/status/status-slice.js';
import { createUiSlice } from '../features/ui/ui-slice.js';
import { createRecoverySlice } from '../features/recovery/recovery-slice.js';
import { createCallbacksSlice } from '../features/callbacks/callbacks-slice.js';
import { createPresenceSlice } from '../features/presence/presence-slice.js';
import type { Store } from './types.js';

export type { Store } from './types.js';

export const useStore = create<Store>()((...a) => ({
  ...createQueueSlice(...a),
  ...createTicketSlice(...a),
  ...createStatusSlice(...a),
  ...createUiSlice(...a),
  ...createRecoverySlice(...a),
  ...createCallbacksSlice(...a),
  ...createPresenceSlice(...a),
}));

const initial = useStore.getState();

export function resetStore(): void {
  // The window cache is a mutable object: give each reset a fresh one.
  useStore.setState({ ...initial, ...createQueueSlice(useStore.setState, useStore.getState, useStore) }, true);
}
