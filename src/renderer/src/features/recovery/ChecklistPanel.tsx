/** The checklist, recomputed from the screen's state with the shared rules, and the document kind the verifier confirms. */
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../../shared/entities.js';
import { useStore } from '../../store/index.js';
import { useChecklist } from './useChecklist.js';
import type { DocumentKind } from './recovery-slice.js';

export function ChecklistPanel() {
  const { t } = useTranslation();
  const checklist = useChecklist();
  const kind = useStore((s) => s.recoveryKind);
  const setKind = useStore((s) => s.setRecoveryKind);
  const decided = useStore((s) => s.recoveryDetail?.request.status);
  if (checklist === null) return null;
  return (
    <section className="panel checklist" id="checklist" aria-labelledby="checklist-heading" data-testid="checklist">
      <h3 id="checklist-heading">
        {t('recovery.checklist.title')}{' '}
        <span className={`verdict verdict-${checklist.verdict}`} data-testid="checklist-verdict">
          {t(`recovery.verdict.${checklist.verdict}`)}
        </span>
      </h3>
      <label className="kind-picker">
        <span>{t('recovery.kind.label')}</span>
        <select
          data-testid="document-kind"
          value={kind ?? ''}
          disabled={decided === 'approved' || decided === 'rejected'}
          onChange={(e) => {
            setKind(e.target.value === '' ? null : (e.target.value as DocumentKind));
          }}
        >
          <option value="">{t('recovery.kind.unset')}</option>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`recovery.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <ul className="checklist-items">
        {checklist.items.map((item) => (
          <li
            key={item.id}
            className={`check check-${item.status}`}
            data-testid={`check-${item.id}`}
            data-status={item.status}
            data-reason={item.reason}
          >
            <span className="check-mark" aria-hidden="true">
              {item.status === 'pass' ? '✓' : item.status === 'fail' ? '✗' : '?'}
            </span>
            <span className="check-text">
              <strong>{t(`recovery.item.${item.id}`)}</strong>
              <span className="visually-hidden"> — {t(`recovery.itemStatus.${item.status}`)}</span>
              <br />
              <span className="muted">
                {t(item.key, {
                  fields: (item.fields ?? []).map((f) => t(`recovery.field.${f}`)).join(', '),
                })}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
