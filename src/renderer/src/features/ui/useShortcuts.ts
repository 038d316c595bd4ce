/**
 * The one global key handler. Single keys never fire while typing in a field;
 * open dialogs handle their own keys (cmdk's arrows and Enter, Esc to close),
 * so only the palette toggle passes through them.
 */
import { useEffect } from 'react';
import { isTypingTarget, resolveShortcut } from '../../lib/keymap.js';
import type { CommandId } from '../../lib/keymap.js';
import { QUEUE_LIST_ID } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';
import { runCommand } from './commands.js';
import { WORKSPACES } from './ui-slice.js';
import { desksFor } from './WorkspaceTabs.js';

/** Commands that work on every desk; the others are the triage desk's (other desks handle their own keys). */
const EVERY_DESK: ReadonlySet<CommandId> = new Set(['palette', 'help', 'settings']);

/** Alt+1/2/3 switch desks, among those the person's roles open. */
function switchDesk(e: KeyboardEvent): boolean {
  if (!e.altKey || e.ctrlKey || e.metaKey) return false;
  const index = ['1', '2', '3'].indexOf(e.key);
  if (index < 0) return false;
  const desk = WORKSPACES[index];
  const s = useStore.getState();
  if (desk === undefined || !desksFor(s.session?.agent.roles ?? []).includes(desk)) return false;
  s.setWorkspace(desk);
  return true;
}

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
      if (switchDesk(e)) {
        e.preventDefault();
        return;
      }
      const target = e.target instanceof HTMLElement ? e.target : null;
      const command = resolveShortcut(e, isTypingTarget(target));
      if (command === null) return;
      if (useStore.getState().workspace !== 'triage' && !EVERY_DESK.has(command)) return;
      const overlay = useStore.getState().overlay;
      if (overlay !== null && command !== 'palette') return;
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
