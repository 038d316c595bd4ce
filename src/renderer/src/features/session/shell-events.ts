/**
 * What the desktop shell pushes: deep links (support-console://ticket/ID,
 * support-console://recovery/ID) switch to the right desk and open the
 * record, or say whose desk it is when the person's roles do not open it; menu commands do what their keyboard shortcut does; a downloaded
 * update shows a notice with a restart button.
 */
import type { MenuCommand, OpenRecord } from '../../../../shared/ipc-shell.js';
import { call, subscribe } from '../../lib/api.js';
import { useStore } from '../../store/index.js';
import { announceUpdateReady, checkForUpdates, exportDiagnostics } from './desktop-comforts.js';
import { useSession } from './session-store.js';

export function openRecord(record: OpenRecord): void {
  const s = useStore.getState();
  if (record.kind === 'ticket') {
    // A person without the triage desk is told where the ticket belongs (before sign-in, fitDesk tells them).
    if (!s.setWorkspace('triage')) {
      s.notify({ kind: 'info', key: 'desks.ticketElsewhere', params: { id: record.id } });
      return;
    }
    void s.openTicket(record.id);
  } else {
    if (!s.setWorkspace('recovery')) {
      s.notify({ kind: 'info', key: 'desks.notYours.recovery' });
      return;
    }
    useSession.getState().requestRecovery(record.id);
    // The verification desk opens a request by id once it has that action (recovery-slice).
    const desk = s as Partial<Record<'selectRecovery', (id: string) => Promise<void>>>;
    if (desk.selectRecovery) void desk.selectRecovery(record.id);
  }
}

export function runMenuCommand(command: MenuCommand): void {
  const s = useStore.getState();
  switch (command) {
    case 'desk:triage':
      s.setWorkspace('triage');
      break;
    case 'desk:recovery':
      s.setWorkspace('recovery');
      break;
    case 'desk:callbacks':
      s.setWorkspace('callbacks');
      break;
    case 'palette':
    case 'help':
    case 'settings':
      s.openOverlay(command);
      break;
    case 'sign-out':
      useSession.getState().openSignOut(true);
      break;
    case 'export-diagnostics':
      void exportDiagnostics();
      break;
    case 'check-updates':
      void checkForUpdates();
      break;
  }
}

/**
 * Subscribes to the shell's events; answers the unsubscribe. SessionGate
 * calls it before it asks main for the session, because main sends the
 * links that launched the app right after that question, possibly before
 * anyone signed in: the link then sets the desk and the record in the store,
 * and the console shows them once it mounts.
 */
export function subscribeShellEvents(): () => void {
  const offOpen = subscribe('shell:open', openRecord);
  const offMenu = subscribe('shell:menu', ({ command }) => {
    runMenuCommand(command);
  });
  const offUpdate = subscribe('shell:updateReady', ({ version }) => {
    announceUpdateReady(version);
  });
  return () => {
    offOpen();
    offMenu();
    offUpdate();
  };
}

/**
 * Keeps the window out of screenshots and screen sharing while the
 * verification desk (where identity documents are shown) is on screen;
 * main answers false where the OS cannot (Linux) or in the browser console.
 * Answers the unsubscribe.
 */
export function protectCaptureOnRecoveryDesk(): () => void {
  let protectedNow: boolean | null = null;
  const apply = (workspace: string): void => {
    const on = workspace === 'recovery';
    if (on === protectedNow) return;
    protectedNow = on;
    call('shell:protectContent', on).catch(() => undefined);
  };
  apply(useStore.getState().workspace);
  return useStore.subscribe((s) => {
    apply(s.workspace);
  });
}
