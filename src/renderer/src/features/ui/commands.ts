/**
 * What each command does. The keyboard handler, the command palette, the
 * help overlay and the buttons all run commands through here, so the mouse
 * and the keyboard cannot drift apart. The triage desk's and the global
 * commands are here; the recovery and callbacks desks' run through the map
 * each desk registers (desk-commands.ts).
 */
import type { CommandId } from '../../lib/keymap.js';
import { isDeskCommand } from '../../lib/keymap.js';
import { COMPOSER_ID, QUEUE_LIST_ID, SEARCH_ID, focusById } from '../../lib/focus.js';
import { useStore } from '../../store/index.js';
import { deskCommandEnabled, runDeskCommand } from './desk-commands.js';
import { commandAllowed, deskOpenedBy } from './desks.js';

/** The ticket an action applies to: the open one, else the selected row (act from the list, like Linear). */
export function targetTicketId(): string | null {
  const s = useStore.getState();
  return s.openId ?? s.selectedId;
}

const TICKET_COMMANDS: ReadonlySet<CommandId> = new Set([
  'recategorise',
  'assign',
  'status',
  'reply',
  'escalate',
  'merge',
]);

/**
 * Whether the person may use the command at all: a desk their roles do not
 * open, or a ticket action without the agent role, is left out of the
 * palette, the help and the buttons, and its key does nothing.
 */
export function commandOffered(id: CommandId): boolean {
  return commandAllowed(id, useStore.getState().session?.agent.roles ?? []);
}

export function commandEnabled(id: CommandId): boolean {
  if (!commandOffered(id)) return false;
  if (isDeskCommand(id)) return deskCommandEnabled(id);
  if (id === 'undoMerge') return useStore.getState().pendingMerge !== null;
  if (!TICKET_COMMANDS.has(id)) return true;
  if (targetTicketId() === null) return false;
  if (id === 'merge') return (useStore.getState().detail?.duplicates.length ?? 0) > 0;
  return true;
}

function move(delta: number): void {
  const s = useStore.getState();
  if (s.total === 0) return;
  s.select(s.selectedIndex + delta);
  const next = useStore.getState();
  // With a ticket open, moving also opens the next one (reading down a queue, like an inbox).
  if (s.openId !== null && next.selectedId !== null) void s.openTicket(next.selectedId);
  if (s.openId === null) focusById(QUEUE_LIST_ID);
}

export function runCommand(id: CommandId): void {
  // The buttons and the palette never offer it; this keeps a stray caller from acting all the same.
  if (!commandOffered(id)) return;
  if (isDeskCommand(id)) {
    runDeskCommand(id);
    return;
  }
  const s = useStore.getState();
  const target = targetTicketId();
  switch (id) {
    case 'goTriage':
    case 'goRecovery':
    case 'goCallbacks': {
      const desk = deskOpenedBy(id);
      if (desk !== null) s.setWorkspace(desk);
      return;
    }
    case 'next':
      move(1);
      return;
    case 'prev':
      move(-1);
      return;
    case 'open':
      // Focus stays on the list: j/k read down the queue with the ticket open beside it (split view).
      if (s.selectedId !== null) void s.openTicket(s.selectedId);
      return;
    case 'back':
      if (s.overlay !== null) s.openOverlay(null);
      else if (s.composerOpen) s.setComposer(false);
      else if (s.openId !== null) s.closeTicket();
      focusById(QUEUE_LIST_ID);
      return;
    case 'search':
      s.openOverlay(null);
      focusById(SEARCH_ID);
      return;
    case 'palette':
      s.openOverlay(s.overlay === 'palette' ? null : 'palette');
      return;
    case 'help':
      s.openOverlay('help');
      return;
    case 'settings':
      s.openOverlay('settings');
      return;
    case 'recategorise':
    case 'assign':
    case 'status':
      if (target === null) return;
      s.openOverlay(id === 'recategorise' ? 'category' : id);
      return;
    case 'escalate':
      if (target === null) return;
      void s.act({ type: 'escalate', ticketId: target, note: '' });
      return;
    case 'reply':
      if (target === null) return;
      s.openOverlay(null);
      if (s.openId !== target) void s.openTicket(target);
      s.setComposer(true);
      focusById(COMPOSER_ID);
      return;
    case 'merge':
      runMerge();
      return;
    case 'undoMerge':
      void s.undoMerge();
      return;
    default: {
      // A command added to the table without its action fails to compile here.
      const missing: never = id;
      throw new Error(`no action for command ${String(missing)}`);
    }
  }
}

/** One key: a single likely duplicate goes straight to the confirmation; with several, the agent picks first. */
function runMerge(): void {
  const s = useStore.getState();
  const duplicates = s.detail?.duplicates ?? [];
  const current = s.detail?.ticket.id;
  const only = duplicates[0];
  if (current === undefined || only === undefined) {
    s.notify({ kind: 'info', key: 'notice.noDuplicates' });
    return;
  }
  if (duplicates.length > 1) {
    s.openOverlay('merge');
    return;
  }
  void s.askMerge(only.id);
}
