/**
 * One request, side by side: the submitted fields beside the matched account
 * (differences marked), the document in the safe viewer, the checklist
 * computed with the shared rules, and the decision bar.
 */
import { useRef } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Splitter, usePaneWidth } from '../../components/Splitter.js';
import { TextWithBreaks } from '../../components/TextWithBreaks.js';
import { formatBytes, formatDateTime } from '../../lib/format.js';
import { useStore } from '../../store/index.js';
import { ChecklistPanel } from './ChecklistPanel.js';
import { DecisionBar } from './DecisionBar.js';
import { DocumentViewer } from './DocumentViewer.js';

export function VerificationScreen() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const detail = useStore((s) => s.recoveryDetail);
  const selected = useStore((s) => s.recoverySelectedId);
  const docs = useStore((s) => s.recoveryDocs);
  const active = useStore((s) => s.recoveryActiveDoc);
  const openDoc = useStore((s) => s.openRecoveryDocument);
  const gridRef = useRef<HTMLDivElement>(null);
  // Beside the checklist: the comparison and the document, at least one 320 px column, and the splitter.
  const checklist = usePaneWidth('recovery.checklist', gridRef, { min: 240, reserve: 346, initial: 300 });
  if (selected === null) {
    return (
      <section className="verification verification-empty" data-testid="verification-empty">
        <p className="muted">{t('recovery.pick')}</p>
      </section>
    );
  }
  if (detail === null) {
    return (
      <section className="verification" aria-busy="true" data-testid="verification-loading">
        <p className="muted">{t('recovery.loading')}</p>
      </section>
    );
  }
  const { request, account } = detail;
  const activeState = active === null ? undefined : docs[active];
  return (
    <section className="verification" aria-labelledby="verification-heading" data-testid="verification">
      <header className="verification-head">
        <h2 id="verification-heading">
          {t('recovery.request', { id: request.id })} · {request.fields.firstName} {request.fields.lastName}
        </h2>
        <span className="muted">
          {formatDateTime(request.createdAt, language)} · {t('recovery.language')} {request.language.toUpperCase()} ·{' '}
          <span data-testid="verification-status">{t(`recovery.status.${request.status}`)}</span>
        </span>
        {detail.duplicates.length > 0 && (
          <span className="badge badge-warn" data-testid="verification-duplicates">
            {t('recovery.duplicatesOf', { ids: detail.duplicates.map((d) => `#${d.id}`).join(', ') })}
          </span>
        )}
      </header>
      <div
        className="verification-grid"
        ref={gridRef}
        style={{ '--checklist-w': `${String(checklist.width)}px` } as CSSProperties}
      >
        <div className="verification-main">
          <section className="panel compare" aria-labelledby="compare-heading" data-testid="comparison">
            <h3 id="compare-heading">{t('recovery.compare.title')}</h3>
            {account === null && (
              <p className="notice-inline notice-danger" data-testid="no-account">
                {t('recovery.compare.noAccount')}
              </p>
            )}
            <table className="compare-table">
              <thead>
                <tr>
                  <th scope="col">{t('recovery.compare.field')}</th>
                  <th scope="col">{t('recovery.compare.submitted')}</th>
                  <th scope="col">{t('recovery.compare.account')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.comparisons.map((c) => (
                  <tr
                    key={c.field}
                    className={c.matches ? undefined : 'differs'}
                    data-testid={`compare-${c.field}`}
                    data-matches={String(c.matches)}
                  >
                    <th scope="row">{t(`recovery.field.${c.field}`)}</th>
                    <td>
                      {c.field === 'type' ? t(`account.${c.submitted}`) : <TextWithBreaks text={c.submitted || '—'} />}
                      {!c.matches && <span className="visually-hidden"> ({t('recovery.compare.differs')})</span>}
                    </td>
                    <td>
                      {c.account === null ? (
                        '—'
                      ) : c.field === 'type' ? (
                        t(`account.${c.account}`)
                      ) : (
                        <TextWithBreaks text={c.account || '—'} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <dl className="facts">
              {(['phone', 'street', 'postalCode', 'city', 'country', 'domain'] as const).map((k) => (
                <div key={k} className="fact">
                  <dt>{t(`recovery.field.${k}`)}</dt>
                  <dd>{request.fields[k] || '—'}</dd>
                </div>
              ))}
            </dl>
            {request.fields.message !== '' && (
              <blockquote className="requester-message" data-testid="requester-message">
                {request.fields.message}
              </blockquote>
            )}
          </section>
          <section className="panel documents" aria-labelledby="documents-heading">
            <h3 id="documents-heading">{t('recovery.documents.title')}</h3>
            {detail.documents.length === 0 ? (
              <p className="notice-inline notice-danger" data-testid="no-document">
                {t('recovery.documents.none')}
              </p>
            ) : (
              <ul className="document-tabs">
                {detail.documents.map((d) => (
                  <li key={d.meta.id}>
                    <button
                      type="button"
                      className="button button-quiet"
                      aria-pressed={active === d.meta.id}
                      data-testid={`document-${d.meta.id}`}
                      onClick={() => {
                        void openDoc(d.meta.id);
                      }}
                    >
                      {d.displayName} <span className="muted">({formatBytes(d.meta.size, language)})</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {activeState !== undefined && <DocumentViewer state={activeState} requestId={request.id} />}
          </section>
        </div>
        <Splitter label={t('layout.resizeChecklist')} controls="checklist" pane={checklist} side="after" />
        <ChecklistPanel />
      </div>
      <DecisionBar />
    </section>
  );
}
