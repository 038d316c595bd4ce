/**
 * The verifier's queue: open requests oldest first, the verdict at a glance, duplicates folded in. The request
 * on screen shows the verdict of the screen (the same shared function, with the verifier's confirmations), so
 * the queue, the checklist and the decision bar never say two things.
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { useStore } from '../../store/index.js';
import { useVerdict } from './useVerdict.js';

export function RecoveryQueue() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const queue = useStore((s) => s.recoveryQueue);
  const loaded = useStore((s) => s.recoveryQueueLoaded);
  const selected = useStore((s) => s.recoverySelectedId);
  const select = useStore((s) => s.selectRecovery);
  const onScreen = useVerdict();
  return (
    <nav
      className="recovery-queue"
      id="recovery-queue"
      aria-labelledby="recovery-queue-heading"
      data-testid="recovery-queue"
    >
      <h2 id="recovery-queue-heading" className="recovery-queue-title">
        {t('recovery.queue.title')} <span className="muted">({queue.length})</span>
      </h2>
      {loaded && queue.length === 0 && <p className="muted">{t('recovery.queue.empty')}</p>}
      <ol className="recovery-rows">
        {queue.map((e) => {
          const verdict = e.id === selected && onScreen !== null ? onScreen.state : e.verdict;
          return (
            <li key={e.id}>
              <button
                type="button"
                className="recovery-row"
                aria-current={e.id === selected ? 'true' : undefined}
                data-testid={`recovery-row-${e.id}`}
                data-verdict={verdict}
                onClick={() => {
                  void select(e.id);
                }}
              >
                <span className={`verdict verdict-${verdict}`} data-testid="recovery-verdict">
                  {t(`recovery.verdict.${verdict}`)}
                </span>
                <span className="recovery-row-name">
                  {e.requesterName}
                  {e.organisationName !== '' && <span className="muted"> · {e.organisationName}</span>}
                </span>
                <span className="recovery-row-meta muted">
                  #{e.id} · {formatDateTime(e.createdAt, language)} · {e.language.toUpperCase()}
                  {e.status === 'info_requested' && <> · {t('recovery.status.info_requested')}</>}
                </span>
                {e.duplicates.length > 0 && (
                  <span className="badge badge-warn" data-testid="recovery-duplicates">
                    {t('recovery.queue.duplicates', { count: e.duplicates.length })}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
