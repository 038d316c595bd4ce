/** The verdict and its checklist, recomputed from the screen's state with the rules shared with the backend, and the kind the verifier confirms for each document. */
import { useTranslation } from 'react-i18next';
import { DocumentConfirmations } from './DocumentConfirmations.js';
import { useVerdict } from './useVerdict.js';

export function ChecklistPanel() {
  const { t } = useTranslation();
  const verdict = useVerdict();
  if (verdict === null) return null;
  return (
    <section className="panel checklist" id="checklist" aria-labelledby="checklist-heading" data-testid="checklist">
      <h3 id="checklist-heading">
        {t('recovery.checklist.title')}{' '}
        <span
          className={`verdict verdict-${verdict.state}`}
          data-testid="checklist-verdict"
          data-verdict={verdict.state}
        >
          {t(`recovery.verdict.${verdict.state}`)}
        </span>
      </h3>
      <DocumentConfirmations />
      <ul className="checklist-items">
        {verdict.checklist.items.map((item) => (
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
