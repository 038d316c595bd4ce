/**
 * The overlays on top of the console (palette, help, settings). Its own
 * component so that opening or closing one re-renders only this, not the
 * whole shell: closing the category picker and patching the row must fit
 * in the frame of the keypress (bench `ui.action`).
 */
import { useStore } from '../../store/index.js';
import { CommandPalette } from './CommandPalette.js';
import { HelpOverlay } from './HelpOverlay.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';

export function Overlays() {
  const overlay = useStore((s) => s.overlay);
  if (overlay === 'palette') return <CommandPalette />;
  if (overlay === 'help') return <HelpOverlay />;
  if (overlay === 'settings') return <SettingsScreen />;
  return null;
}
