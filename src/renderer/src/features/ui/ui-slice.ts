/** Overlays, pickers and notices: what is on top of the screen, messages for the agent, and the desk in use. */
import { DESKS } from '../../../../shared/desks.js';
import type { Desk } from '../../../../shared/desks.js';
import type { Session } from '../../../../shared/ipc.js';
import { call } from '../../lib/api.js';
import type { SliceCreator } from '../../store/types.js';
import { useSession } from '../session/session-store.js';
import { desksFor, landingDesk } from './desks.js';

export type Overlay =
  'palette' | 'help' | 'settings' | 'category' | 'assign' | 'status' | 'merge' | 'mergeConfirm' | null;

/** The three desks of the console (src/shared/desks.ts); each shows only to the roles that work there. */
export const WORKSPACES = DESKS.map((d) => d.desk);
export type Workspace = Desk;

/** Desks whose tab count the tabs load themselves. */
export type CountedDesk = 'recovery' | 'callbacks';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** An i18n key, so a notice follows a language switch; `text` is shown as is (backend sentences). */
  key: string;
  text?: string;
  /** Values for the key's placeholders (a version number). */
  params?: Record<string, string>;
  /**
   * A button in the notice (restart to update); such a notice stays until used or dismissed, or for
   * `ttlMs`. `shortcut` is the key that does the same, shown on the button.
   */
  action?: { key: string; run: () => void; shortcut?: string };
  /** Gone after this long, action or not (an undo that stops working when the merge is sent). */
  ttlMs?: number;
  /** When a notice with `ttlMs` goes (Date.now() milliseconds), set as it appears. */
  until?: number;
}

export interface UiSlice {
  workspace: Workspace;
  /**
   * Someone (a deep link, the menu) asked for a desk before the session was
   * known: the person lands there, if their roles open it, instead of on
   * their first desk.
   */
  deskAsked: boolean;
  overlay: Overlay;
  composerOpen: boolean;
  composerDraft: string;
  notices: Notice[];
  /**
   * The desk tabs' counts that no desk keeps while it is off screen: pending
   * recovery requests, calls still to make today (the triage tab reads the
   * sidebar's counts). null until first loaded.
   */
  deskCounts: Record<CountedDesk, number | null>;
  refreshDeskCount: (desk: CountedDesk) => Promise<void>;
  /** Moves to a desk the person's roles open; answers false (and stays) for one they do not. */
  setWorkspace: (workspace: Workspace) => boolean;
  /** After a session arrived or changed: a new person lands on their first desk, nobody stays on a desk not theirs. */
  fitDesk: (before: Session | null) => void;
  openOverlay: (overlay: Overlay) => void;
  setComposer: (open: boolean, draft?: string) => void;
  setDraft: (draft: string) => void;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismiss: (id: number) => void;
}

let nextNotice = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  workspace: 'triage',
  deskAsked: false,
  overlay: null,
  composerOpen: false,
  composerDraft: '',
  notices: [],
  deskCounts: { recovery: null, callbacks: null },
  refreshDeskCount: async (desk) => {
    let count: number;
    try {
      count =
        desk === 'recovery'
          ? (await call('recovery:queue')).length
          : (await call('callbacks:day', null, null)).items.filter((i) => i.callback.status === 'scheduled').length;
    } catch {
      // A count is a hint: offline or refused, the tab keeps its last figure rather than raise a notice per change.
      return;
    }
    set({ deskCounts: { ...get().deskCounts, [desk]: count } });
  },
  setWorkspace: (workspace) => {
    const session = get().session;
    // Before the session is known (a link that launched the app), fitDesk checks the desk once it is.
    if (session === null) {
      set({ workspace, overlay: null, deskAsked: true });
      return true;
    }
    if (!desksFor(session.agent.roles).includes(workspace)) return false;
    set({ workspace, overlay: null });
    return true;
  },
  fitDesk: (before) => {
    const s = get();
    const roles = s.session?.agent.roles ?? [];
    const allowed = desksFor(roles).includes(s.workspace);
    const newPerson = before?.agent.id !== s.session?.agent.id;
    // The same person keeps their desk; a new one keeps only the desk a link asked for.
    if (allowed && (!newPerson || s.deskAsked)) {
      set({ deskAsked: false });
      return;
    }
    if (!allowed && s.workspace === 'triage' && s.openId !== null) {
      // A ticket link for someone without the triage desk: say where it belongs instead of dropping it silently.
      s.notify({ kind: 'info', key: 'desks.ticketElsewhere', params: { id: s.openId } });
      s.closeTicket();
    } else if (!allowed && s.deskAsked) {
      s.notify({ kind: 'info', key: `desks.notYours.${s.workspace}` });
      // The request a recovery link asked for must not open later for whoever signs in next with the desk.
      if (s.workspace === 'recovery') useSession.getState().requestRecovery(null);
    }
    set({ workspace: landingDesk(roles) ?? s.workspace, deskAsked: false, overlay: null });
  },
  openOverlay: (overlay) => {
    set({ overlay });
  },
  setComposer: (open, draft) => {
    set({ composerOpen: open, composerDraft: draft ?? (open ? get().composerDraft : '') });
  },
  setDraft: (composerDraft) => {
    set({ composerDraft });
  },
  notify: (notice) => {
    const id = nextNotice++;
    // Keep the last few: an offline burst must not bury the screen in messages.
    const until = notice.ttlMs === undefined ? undefined : Date.now() + notice.ttlMs;
    set({ notices: [...get().notices.slice(-3), { ...notice, id, ...(until === undefined ? {} : { until }) }] });
  },
  dismiss: (id) => {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
});
