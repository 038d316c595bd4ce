/**
 * Theme and density on <html> (data-theme, data-density), where every
 * stylesheet can see them: the palettes are CSS variables switched by
 * data-theme (app/base.css). "system" follows prefers-color-scheme, live.
 */
import { useEffect } from 'react';
import type { Density, Theme } from '../../../../shared/settings.js';
import { DEFAULT_SETTINGS } from '../../../../shared/settings.js';
import { subscribe } from '../../lib/api.js';
import { useSettings } from './settings-store.js';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

export function applyAppearance(theme: Theme, density: Density): void {
  const root = document.documentElement;
  root.dataset.theme = resolveTheme(theme, window.matchMedia(DARK_QUERY).matches);
  root.dataset.density = density;
}

/** Before the first render: the default ("system") so a dark desktop gets no white flash while main answers. */
export function applyDefaultAppearance(): void {
  applyAppearance(DEFAULT_SETTINGS.theme, DEFAULT_SETTINGS.density);
}

/** Loads the settings, follows their changes (from any window) and the system's colour scheme. */
export function useAppearance(): void {
  const view = useSettings((s) => s.view);
  const theme = view?.theme ?? DEFAULT_SETTINGS.theme;
  const density = view?.density ?? DEFAULT_SETTINGS.density;

  useEffect(() => {
    const { load, setView } = useSettings.getState();
    const off = subscribe('settings:changed', setView);
    load().catch(() => undefined); // the defaults stay; the settings screen asks again when opened
    return off;
  }, []);

  useEffect(() => {
    applyAppearance(theme, density);
    if (theme !== 'system') return;
    const query = window.matchMedia(DARK_QUERY);
    const follow = () => {
      applyAppearance(theme, density);
    };
    query.addEventListener('change', follow);
    return () => {
      query.removeEventListener('change', follow);
    };
  }, [theme, density]);
}
