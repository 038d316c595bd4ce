/**
 * What an empty queue says. During the first sync, before the urgent work
 * is in, "no match" would be false: it shows the sync's progress instead.
 * Otherwise it offers a way out in one click: the same search with every
 * status, or among every ticket, with how many each would find.
 */
import { useTranslation } from 'react-i18next';
import type { QueueWiden } from '../../../../shared/ipc.js';
import { useStore } from '../../store/index.js';

export function EmptyQueue() {
  const { t } = useTranslation();
  const sync = useStore((s) => s.sync);
  const widen = useStore((s) => s.widen);
  const widenTo = useStore((s) => s.widenTo);

  if (sync !== null && !sync.urgentReady) {
    const progress = sync.progress;
    return (
      <p className="queue-empty" data-testid="queue-first-sync" role="status">
        {progress === null
          ? t('queue.firstSyncStarting')
          : t('queue.firstSync', { done: progress.done, total: progress.total })}
      </p>
    );
  }

  const offers = (['allStatuses', 'everywhere'] as const).flatMap((to: keyof QueueWiden) => {
    const found = widen?.[to] ?? null;
    return found === null || found === 0 ? [] : [{ to, found }];
  });
  return (
    <div className="queue-empty" data-testid="queue-empty">
      <p>{t('queue.empty')}</p>
      {offers.length > 0 && (
        <div className="queue-widen">
          {offers.map(({ to, found }) => (
            <button
              key={to}
              type="button"
              data-testid={`queue-widen-${to}`}
              onClick={() => {
                widenTo(to);
              }}
            >
              {t(`queue.widen.${to}`, { count: found })}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
