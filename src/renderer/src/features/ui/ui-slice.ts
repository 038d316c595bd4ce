/** Overlays, pickers and notices: what is on top of the screen, and messages for the agent. */
import type { SliceCreator } from '../../store/types.js';

export type Overlay = 'palette' | 'help' | 'settings' | 'category' | 'assign' | 'status' | 'merge' | null;

/** The three desks of the console; each shows only to the roles that work there. */
export const WORKSPACES = ['triage', 'recovery', 'callbacks'] as const;
export type Workspace = (typeof WORKSPACES)[number];

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  /** An i18n key, so a notice follows a language switch; `text` is shown as is (backend sentences). */
  key: string;
  text?: string;
  /** Values for the key's placeholders (a version number). */
  params?: Record<string, string>;
  /** A button in the notice (restart to update); such a notice stays until used or dismissed. */
  action?: { key: string; run: () => void };
}

export interface UiSlice {
  workspace: Workspace;
  overlay: Overlay;
  composerOpen: boolean;
  composerDraft: string;
  notices: Notice[];
  setWorkspace: (workspace: Workspace) => void;
  openOverlay: (overlay: Overlay) => void;
  setComposer: (open: boolean, draft?: string) => void;
  setDraft: (draft: string) => void;
  notify: (notice: Omit<Notice, 'id'>) => void;
  dismiss: (id: number) => void;
}

let nextNotice = 1;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => ({
  workspace: 'triage',
  overlay: null,
  composerOpen: false,
  composerDraft: '',
  notices: [],
  setWorkspace: (workspace) => {
    set({ workspace, overlay: null });
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
    set({ notices: [...get().notices.slice(-3), { ...notice, id }] });
  },
  dismiss: (id) => {
    set({ notices: get().notices.filter((n) => n.id !== id) });
  },
});
