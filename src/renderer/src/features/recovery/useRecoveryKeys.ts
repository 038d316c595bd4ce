/**
 * The recovery desk's commands (their keys are in lib/keymap.ts): the request
 * on screen, its document, the decision. Active on the verification screen
 * only (not the audit log); the decisions act only on a request still open,
 * and approve only when the verdict is "ready", as the button does: the first
 * A shows what the approval will do, the second (or Enter on its button) sends it.
 */
import { useStore } from '../../store/index.js';
import { useDeskCommands } from '../ui/desk-commands.js';
import type { DeskCommands } from '../ui/desk-commands.js';
import { currentVerdict } from './recovery-slice.js';

/** A request still waiting for a decision (pending, or information asked and not yet decided). */
function requestOpen(): boolean {
  const detail = useStore.getState().recoveryDetail;
  return detail !== null && ['pending', 'info_requested'].includes(detail.request.status);
}

const canApprove = (): boolean => requestOpen() && currentVerdict(useStore.getState())?.state === 'ready';

function approve(): void {
  const s = useStore.getState();
  // The same key twice: first the preview of what happens, then the approval itself.
  if (s.recoveryMode === 'approve') void s.submitRecoveryDecision('approve');
  else s.startRecoveryDecision('approve');
}

export const RECOVERY_COMMANDS: DeskCommands<'recovery'> = {
  ready: () => useStore.getState().recoveryView === 'verify',
  actions: {
    requestNext: { run: () => void useStore.getState().selectNextRecovery(1) },
    requestPrev: { run: () => void useStore.getState().selectNextRecovery(-1) },
    approve: { enabled: canApprove, run: approve },
    reject: {
      enabled: requestOpen,
      run: () => {
        useStore.getState().startRecoveryDecision('reject');
      },
    },
    requestInfo: {
      enabled: requestOpen,
      run: () => {
        useStore.getState().startRecoveryDecision('request_info');
      },
    },
    zoomIn: {
      run: () => {
        useStore.getState().sendViewerCommand('zoomIn');
      },
    },
    zoomOut: {
      run: () => {
        useStore.getState().sendViewerCommand('zoomOut');
      },
    },
    rotate: {
      run: () => {
        useStore.getState().sendViewerCommand('rotate');
      },
    },
    pageNext: {
      run: () => {
        useStore.getState().sendViewerCommand('nextPage');
      },
    },
    pagePrev: {
      run: () => {
        useStore.getState().sendViewerCommand('prevPage');
      },
    },
  },
};

export function useRecoveryKeys(): void {
  useDeskCommands('recovery', RECOVERY_COMMANDS);
}
