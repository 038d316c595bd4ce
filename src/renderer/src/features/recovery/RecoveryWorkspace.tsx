/**
 * The recovery desk: the queue on the left, the verification screen (or the
 * audit log) on the right. While it shows, the window asks the OS to keep
 * it out of screenshots and screen sharing where the OS can.
 */
import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Splitter, usePaneWidth } from '../../components/Splitter.js';
import { call, subscribe } from '../../lib/api.js';
import { useStore } from '../../store/index.js';
import { useSession } from '../session/session-store.js';
import { AuditLog } from './AuditLog.js';
import { forgetDecoded } from './decoded-cache.js';
import { RecoveryQueue } from './RecoveryQueue.js';
import { useRecoveryKeys } from './useRecoveryKeys.js';
import { VerificationScreen } from './VerificationScreen.js';
import './recovery.css';

function protect(on: boolean): void {
  call('shell:protectContent', on).catch((err: unknown) => {
    console.warn('capture protection unavailable', err instanceof Error ? err.message : err);
  });
}

export function RecoveryWorkspace() {
  const { t } = useTranslation();
  const view = useStore((s) => s.recoveryView);
  const setView = useStore((s) => s.setRecoveryView);
  const loadQueue = useStore((s) => s.loadRecoveryQueue);
  const select = useStore((s) => s.selectRecovery);
  const requested = useSession((s) => s.requestedRecoveryId);
  const deskRef = useRef<HTMLElement>(null);
  // The verification screen needs its three columns' minimums beside the queue (VerificationScreen).
  const queue = usePaneWidth('recovery.queue', deskRef, { min: 220, reserve: 620, initial: 280 });
  useRecoveryKeys();

  // A deep link (support-console://recovery/ID) asked for this request.
  useEffect(() => {
    if (requested === null) return;
    useSession.getState().requestRecovery(null);
    setView('verify');
    void select(requested);
  }, [requested, select, setView]);

  useEffect(() => {
    protect(true);
    void loadQueue();
    const off = subscribe('recovery:changed', (e) => {
      const s = useStore.getState();
      void s.loadRecoveryQueue().then(() => {
        // Requests that left the queue were decided (here or by someone else): their pixels go too.
        const open = new Set(
          useStore.getState().recoveryQueue.flatMap((q) => [q.id, ...q.duplicates.map((d) => d.id)]),
        );
        forgetDecoded(e.requestIds.filter((id) => !open.has(id)));
      });
      if (s.recoveryView === 'audit' && (e.audit || e.all)) void s.loadRecoveryAudit();
    });
    return () => {
      off();
      protect(false);
      // Leaving the desk: no decoded identity document stays in the window.
      forgetDecoded();
    };
  }, [loadQueue]);

  return (
    <main
      className="desk recovery-desk"
      data-testid="recovery-workspace"
      ref={deskRef}
      style={{ '--recovery-queue-w': `${String(queue.width)}px` } as CSSProperties}
    >
      <RecoveryQueue />
      <Splitter label={t('layout.resizeRecoveryQueue')} controls="recovery-queue" pane={queue} side="before" />
      <div className="recovery-main">
        <div className="recovery-views" role="tablist" aria-label={t('recovery.views')}>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'verify'}
            className="desk-view"
            data-testid="recovery-view-verify"
            onClick={() => {
              setView('verify');
            }}
          >
            {t('recovery.viewVerify')}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={view === 'audit'}
            className="desk-view"
            data-testid="recovery-view-audit"
            onClick={() => {
              setView('audit');
            }}
          >
            {t('recovery.viewAudit')}
          </button>
        </div>
        {view === 'verify' ? <VerificationScreen /> : <AuditLog />}
      </div>
    </main>
  );
}
