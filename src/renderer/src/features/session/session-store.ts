/**
 * The session as the renderer sees it (signed in or not, and the sign-out
 * dialog), kept apart from the console's store: it decides whether the
 * console is mounted at all, and a sign-out resets the console's store.
 */
import { create } from 'zustand';
import type { SessionState } from '../../../../shared/ipc-shell.js';

export interface SessionStore {
  session: SessionState | null;
  signOutOpen: boolean;
  /** The recovery request a deep link asked for (support-console://recovery/ID), for the verification desk. */
  requestedRecoveryId: string | null;
  setSession: (session: SessionState) => void;
  openSignOut: (open: boolean) => void;
  requestRecovery: (id: string | null) => void;
}

export const useSession = create<SessionStore>()((set) => ({
  session: null,
  signOutOpen: false,
  requestedRecoveryId: null,
  setSession: (session) => {
    set({ session });
  },
  openSignOut: (signOutOpen) => {
    set({ signOutOpen });
  },
  requestRecovery: (requestedRecoveryId) => {
    set({ requestedRecoveryId });
  },
}));
