/**
 * The one key handler of every desk: the table (lib/keymap.ts) says which
 * command a key means on the desk in use; triage and global commands run
 * here (commands.ts), the recovery and callbacks desks' through the map the
 * desk registered. Single keys never fire while typing in a field; open
 * dialogs handle their own keys (cmdk's arrows and Enter, Esc to close), so
 * only the palette toggle and the desk switch pass through them.
 */
import { useEffect } from 'react';
import { isDeskCommand, isTypingTarget, resolveShortcut } from '../../lib/keymap.js';
import type { CommandId } from '../../lib/keymap.js';
import { QUEUE_LIST_ID } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';
import { commandOffered, runCommand } from './commands.js';
import { runDeskCommand } from './desk-commands.js';

/** Commands that still fire with a dialog open (switching desk closes it). */
const OVER_DIALOGS: ReadonlySet<CommandId> = new Set(['palette', 'goTriage', 'goRecovery', 'goCallbacks']);

/** Keys a focused button or link already means something for: leave them to it. */
const NATIVE_ON_CONTROLS: ReadonlySet<CommandId> = new Set(['open', 'next', 'prev']);

function onControl(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.id === QUEUE_LIST_ID) return false;
  return target.closest('button, a, select, [role="toolbar"], [role="radio"], [role="checkbox"]') !== null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const target = e.target instanceof HTMLElement ? e.target : null;
      const s = useStore.getState();
      const command = resolveShortcut(e, isTypingTarget(target), s.workspace);
      if (command === null) return;
      if (s.overlay !== null && !OVER_DIALOGS.has(command)) return;
      // A desk the person's roles do not open: the key is not the console's (the browser or the OS may use it).
      if (!commandOffered(command)) return;
      if (isDeskCommand(command)) {
        if (runDeskCommand(command)) e.preventDefault();
        return;
      }
      if (NATIVE_ON_CONTROLS.has(command) && e.key !== 'j' && e.key !== 'k' && onControl(e.target)) return;
      e.preventDefault();
      runCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
