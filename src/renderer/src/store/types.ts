/** The combined store type: every feature slice, so slices can read each other through `get()`. */
import type { StateCreator } from 'zustand';
import type { QueueSlice } from '../features/queue/queue-slice.js';
import type { TicketSlice } from '../features/ticket/ticket-slice.js';
import type { StatusSlice } from '../features/status/status-slice.js';
import type { UiSlice } from '../features/ui/ui-slice.js';
import type { RecoverySlice } from '../features/recovery/recovery-slice.js';
import type { CallbacksSlice } from '../features/callbacks/callbacks-slice.js';
import type { PresenceSlice } from '../features/presence/presence-slice.js';

export type Store = QueueSlice & TicketSlice & StatusSlice & UiSlice & RecoverySlice & CallbacksSlice & PresenceSlice;
export type SliceCreator<S> = StateCreator<Store, [], [], S>;
