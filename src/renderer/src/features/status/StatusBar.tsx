/**
 * What the sync is doing, in words: the connection (connecting, online, slow,
 * offline), a local storage problem with what happens next, a rebuild with
 * its reason and progress, the last sync, kept-aside records and the outbox.
 */
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/ipc.js';
import { Icon } from '../../components/Icon.js';
import { formatDateTime } from '../../lib/format.js';
import { useStore } from '../../store/index.js';
import { rebuildWhy } from './rebuild-reason.js';

/** Connecting and online are calm; slow is a warning; offline and storage problems are alerts. */
function connectionClass(sync: SyncStatus): string {
  if (sync.connection === 'offline') return 'status-offline';
  if (sync.connection === 'slow') return 'status-slow';
  if (sync.connection === 'online') return 'status-online';
  return 'status-connecting';
}

/** The sentence after the connection: what it means for the person's work. */
function ConnectionNote({ sync }: { sync: SyncStatus }) {
  const { t } = useTranslation();
  if (sync.connection === 'offline')
    return (
      <span className="status-note" data-testid="status-offline-note">
        {t('statusBar.offlineNote')}
      </span>
    );
  if (sync.connection === 'slow')
    return (
      <span className="status-note" data-testid="status-slow-note">
        {t('statusBar.slowNote')}
      </span>
    );
  return null;
}

export function StatusBar() {
  const { t } = useTranslation();
  const sync = useStore((s) => s.sync);
  const language = useStore((s) => s.language);
  const session = useStore((s) => s.session);

  const progress = sync?.progress ?? null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
  const rebuilding = sync !== null && sync.rebuiltBecause !== null && sync.phase !== 'live';

  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="status-items" role="status" aria-live="polite">
        {sync === null ? (
          <span data-testid="status-connection" data-connection="connecting">
            {t('status.connecting')}
          </span>
        ) : (
          <span
            className={connectionClass(sync)}
            data-testid="status-connection"
            data-online={sync.online}
            data-connection={sync.connection}
          >
            <span className="dot" aria-hidden="true" />
            {t(`statusBar.connection.${sync.connection}`)}
          </span>
        )}
        {sync !== null && <ConnectionNote sync={sync} />}
        {sync?.storage != null && (
          <span
            className="status-alert status-storage"
            data-testid="status-storage"
            data-problem={sync.storage.problem}
          >
            <Icon name="warning" /> {t(`statusBar.storage.${sync.storage.problem}`)}
          </span>
        )}
        {rebuilding && (
          <span
            className="status-alert"
            data-testid="status-rebuilding"
            data-why={rebuildWhy(sync.rebuiltBecause ?? '')}
            title={sync.rebuiltBecause ?? ''}
          >
            {t(`statusBar.rebuilding.${rebuildWhy(sync.rebuiltBecause ?? '')}`)}
          </span>
        )}
        <span data-testid="status-last-sync">
          {t('statusBar.lastSync')}{' '}
          {sync?.lastPulledAt != null ? formatDateTime(sync.lastPulledAt, language) : t('statusBar.never')}
        </span>
        <span data-testid="status-pending" data-count={sync?.outboxPending ?? 0}>
          <Icon name="clock" /> {t('statusBar.pending', { count: sync?.outboxPending ?? 0 })}
        </span>
        {(sync?.outboxNeedsAttention ?? 0) > 0 && (
          <span
            className="status-attention"
            data-testid="status-needs-attention"
            data-count={sync?.outboxNeedsAttention}
          >
            <Icon name="warning" /> {t('statusBar.needsAttention', { count: sync?.outboxNeedsAttention ?? 0 })}
          </span>
        )}
        {(sync?.problems ?? 0) > 0 && (
          <span data-testid="status-problems" data-count={sync?.problems} title={t('statusBar.problemsHint')}>
            {t('statusBar.problems', { count: sync?.problems ?? 0 })}
          </span>
        )}
        {sync !== null && !sync.searchReady && (
          <span className="muted" data-testid="status-indexing">
            {t('statusBar.indexing')}
          </span>
        )}
      </div>
      {progress && (
        <div className="sync-progress" data-testid="status-progress">
          <label htmlFor="sync-progress-bar">
            {rebuilding ? t('statusBar.rebuildProgress', { percent }) : t('statusBar.firstSync', { percent })}
          </label>
          <progress id="sync-progress-bar" max={Math.max(progress.total, 1)} value={progress.done} />
        </div>
      )}
      <span className="status-agent">{session?.agent.name ?? ''}</span>
    </footer>
  );
}
