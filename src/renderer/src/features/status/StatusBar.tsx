/** Online/offline, last sync, outbox counts, and a progress bar during the first sync. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon.js';
import { formatDateTime } from '../../lib/format.js';
import { useStore } from '../../store/index.js';

export function StatusBar() {
  const { t } = useTranslation();
  const sync = useStore((s) => s.sync);
  const language = useStore((s) => s.language);
  const session = useStore((s) => s.session);

  const progress = sync?.progress ?? null;
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <footer className="status-bar" data-testid="status-bar">
      <div className="status-items" role="status" aria-live="polite">
        {sync === null ? (
          <span data-testid="status-connection">{t('status.connecting')}</span>
        ) : (
          <span
            className={sync.online ? 'status-online' : 'status-offline'}
            data-testid="status-connection"
            data-online={sync.online}
          >
            <span className="dot" aria-hidden="true" />
            {sync.online ? t('statusBar.online') : t('statusBar.offline')}
          </span>
        )}
        {sync !== null && !sync.online && (
          <span className="status-offline-note" data-testid="status-offline-note">
            {t('statusBar.offlineNote')}
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
        {sync !== null && !sync.searchReady && <span className="muted">{t('statusBar.indexing')}</span>}
      </div>
      {progress && (
        <div className="sync-progress" data-testid="status-progress">
          <label htmlFor="sync-progress-bar">{t('statusBar.firstSync', { percent })}</label>
          <progress id="sync-progress-bar" max={Math.max(progress.total, 1)} value={progress.done} />
        </div>
      )}
      <span className="status-agent">{session?.agent.name ?? ''}</span>
    </footer>
  );
}
