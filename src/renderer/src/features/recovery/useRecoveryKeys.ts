/**
 * The recovery desk's keys (the global handler leaves other desks alone):
 * A approve, R reject, I ask for information, J/K next/previous request,
 * + / - zoom, O rotate, PageDown/PageUp through a PDF. Ignored while typing.
 */
import { useEffect } from 'react';
import { isTypingTarget } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { currentChecklist } from './recovery-slice.js';

/** The same rule as the global handler's: keys typed into a field (not a checkbox or a button) are text. */
const typing = (target: EventTarget | null): boolean => isTypingTarget(target instanceof HTMLElement ? target : null);

export function useRecoveryKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const s = useStore.getState();
      if (s.workspace !== 'recovery' || s.overlay !== null || s.recoveryView !== 'verify') return;
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const open = s.recoveryDetail !== null && ['pending', 'info_requested'].includes(s.recoveryDetail.request.status);
      let handled = true;
      switch (e.key) {
        case 'j':
        case 'J':
          void s.selectNextRecovery(1);
          break;
        case 'k':
        case 'K':
          void s.selectNextRecovery(-1);
          break;
        case 'a':
        case 'A':
          if (open && currentChecklist(s)?.canApprove === true) void s.submitRecoveryDecision('approve');
          break;
        case 'r':
        case 'R':
          if (open) s.startRecoveryDecision('reject');
          break;
        case 'i':
        case 'I':
          if (open) s.startRecoveryDecision('request_info');
          break;
        case '+':
        case '=':
          s.sendViewerCommand('zoomIn');
          break;
        case '-':
          s.sendViewerCommand('zoomOut');
          break;
        case 'o':
        case 'O':
          s.sendViewerCommand('rotate');
          break;
        case 'PageDown':
          s.sendViewerCommand('nextPage');
          break;
        case 'PageUp':
          s.sendViewerCommand('prevPage');
          break;
        default:
          handled = false;
      }
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
