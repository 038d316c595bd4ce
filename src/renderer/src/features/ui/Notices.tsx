/**
 * Refusals, errors and news: announced (role=alert), dismissible, gone by
 * themselves after a while, except a notice with an action (restart to
 * update), which waits for the person.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index.js';

const NOTICE_MS = 8000;

export function Notices() {
  const { t, i18n } = useTranslation();
  const notices = useStore((s) => s.notices);
  const dismiss = useStore((s) => s.dismiss);

  useEffect(() => {
    // From the deadline set when the notice appeared: another notice arriving does not restart the clock.
    const timers = notices.flatMap((n) =>
      n.until === undefined
        ? []
        : [
            setTimeout(
              () => {
                dismiss(n.id);
              },
              Math.max(0, n.until - Date.now()),
            ),
          ],
    );
    return () => {
      timers.forEach(clearTimeout);
    };
  }, [notices, dismiss]);

  useEffect(() => {
    const first = notices.find((n) => n.action === undefined && n.ttlMs === undefined);
    if (!first) return;
    const timer = setTimeout(() => {
      dismiss(first.id);
    }, NOTICE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [notices, dismiss]);

  return (
    <div className="notices" aria-live="assertive" data-testid="notices">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="alert" data-testid="notice" data-key={n.key}>
          <div className="notice-body">
            <span>{i18n.exists(n.key) ? t(n.key, n.params) : (n.text ?? n.key)}</span>
            {/* Generic failures carry the technical message (or a file's path); known reasons are already a sentence. */}
            {n.key.startsWith('notice.') && n.text !== undefined && n.text !== '' && (
              <span className="notice-detail">{n.text}</span>
            )}
          </div>
          {n.action !== undefined && (
            <button
              type="button"
              className="button"
              data-testid="notice-action"
              onClick={() => {
                dismiss(n.id);
                n.action?.run();
              }}
            >
              {t(n.action.key)}
              {n.action.shortcut !== undefined && <kbd>{n.action.shortcut}</kbd>}
            </button>
          )}
          <button
            type="button"
            className="button button-quiet"
            aria-label={t('notice.dismiss')}
            onClick={() => {
              dismiss(n.id);
            }}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
