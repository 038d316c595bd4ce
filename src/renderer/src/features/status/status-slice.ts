/** The agent's session (who, which language) and the sync status main pushes. */
import type { Session, SyncStatus, UiLanguage } from '../../../../shared/ipc.js';
import { call } from '../../lib/api.js';
import type { SliceCreator } from '../../store/types.js';

export interface StatusSlice {
  session: Session | null;
  sync: SyncStatus | null;
  language: UiLanguage;
  setSession: (session: Session) => void;
  setSync: (sync: SyncStatus) => void;
  setLanguage: (language: UiLanguage) => Promise<void>;
}

export const createStatusSlice: SliceCreator<StatusSlice> = (set, get) => ({
  session: null,
  sync: null,
  language: 'fr',
  setSession: (session) => {
    const before = get().session;
    set({ session, language: session.language });
    // Each person works at the desks of their roles: a new session lands on one of them.
    get().fitDesk(before);
  },
  setSync: (sync) => {
    set({ sync });
  },
  setLanguage: async (language) => {
    const before = get().language;
    set({ language });
    try {
      get().setSession(await call('settings:setLanguage', language));
    } catch {
      set({ language: before });
      get().notify({ kind: 'error', key: 'notice.languageFailed' });
    }
  },
});
