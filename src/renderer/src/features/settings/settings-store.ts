/**
 * The console's settings as main keeps them (settings.json), kept apart
 * from the console's store: theme and density apply on the sign-in screen
 * too, and a sign-out (which resets the console's store) changes neither.
 */
import { create } from 'zustand';
import type { SettingsView } from '../../../../shared/ipc-settings.js';
import type { SettingsPatch } from '../../../../shared/settings.js';
import { call } from '../../lib/api.js';

export interface SettingsStore {
  /** null until main answered. */
  view: SettingsView | null;
  /** Why the last change was not saved (main's sentence), until the next change. */
  saveError: string | null;
  setView: (view: SettingsView) => void;
  load: () => Promise<void>;
  /** Saves a change; theme and density show at once, before main answers, and go back if it refuses. */
  update: (patch: SettingsPatch) => Promise<boolean>;
}

export const useSettings = create<SettingsStore>()((set, get) => ({
  view: null,
  saveError: null,
  setView: (view) => {
    set({ view });
  },
  load: async () => {
    set({ view: await call('settings:get') });
  },
  update: async (patch) => {
    const before = get().view;
    if (before !== null) {
      const { backendUrl: _saved, ...shown } = patch;
      set({ view: { ...before, ...shown } });
    }
    try {
      set({ view: await call('settings:update', patch), saveError: null });
      return true;
    } catch (error) {
      set({ view: before, saveError: error instanceof Error ? error.message : String(error) });
      return false;
    }
  },
}));
