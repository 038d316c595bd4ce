/**
 * One confirmation per document: the verifier names what each document is,
 * beside its real format as the checks found it ("PDF, 2 pages", "PNG
 * 1200×800"). A document not opened yet cannot be confirmed: its kind is
 * what the verifier saw, not what its name says (the name's hint is shown
 * as a hint).
 */
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_KINDS } from '../../../../shared/entities.js';
import type { RecoveryDocumentInfo } from '../../../../shared/ipc-recovery.js';
import { kindSuggestedByName } from '../../../../shared/recovery/document-names.js';
import { useStore } from '../../store/index.js';
import { pageCountOf, subscribePageCounts } from './decoded-cache.js';
import type { DocState, DocumentKind } from './recovery-slice.js';

const FORMAT_NAME = { pdf: 'PDF', png: 'PNG', jpeg: 'JPG', gif: 'GIF' } as const;

/** What the checks found in the document's bytes, in words. */
function useFormatLabel(documentId: string, state: DocState | undefined): string {
  const { t } = useTranslation();
  const pages = useSyncExternalStore(subscribePageCounts, () => pageCountOf(documentId));
  if (state === undefined) return t('recovery.format.notOpened');
  if (state.status === 'loading') return t('recovery.format.loading');
  if (state.status === 'deleted') return t('recovery.format.deleted');
  if (state.status === 'refused') {
    const name = state.format === null ? (state.realType ?? '?') : FORMAT_NAME[state.format];
    return t('recovery.format.refused', { format: name });
  }
  if (state.format === 'pdf') return pages === undefined ? 'PDF' : t('recovery.format.pdf', { count: pages });
  const format = FORMAT_NAME[state.format];
  return state.width === null || state.height === null
    ? format
    : t('recovery.format.image', { format, width: state.width, height: state.height });
}

function DocumentConfirmation({ doc, closed }: { doc: RecoveryDocumentInfo; closed: boolean }) {
  const { t } = useTranslation();
  const id = doc.meta.id;
  const state = useStore((s) => s.recoveryDocs[id]);
  const kind = useStore((s) => s.recoveryKinds[id]);
  const setKind = useStore((s) => s.setRecoveryKind);
  const format = useFormatLabel(id, state);
  const suggested = kindSuggestedByName(doc.meta.declaredName);
  const opened = state !== undefined && state.status !== 'loading';
  return (
    <li className="kind-confirmation" data-testid={`confirm-${id}`} data-confirmed={String(kind !== undefined)}>
      <label>
        <span className="kind-document">
          <strong>{doc.displayName}</strong>{' '}
          <span className="muted" data-testid={`format-${id}`}>
            {format}
          </span>
        </span>
        <select
          data-testid={`document-kind-${id}`}
          value={kind ?? ''}
          disabled={closed || !opened}
          onChange={(e) => {
            setKind(id, e.target.value === '' ? null : (e.target.value as DocumentKind));
          }}
        >
          <option value="">{opened ? t('recovery.kind.unset') : t('recovery.kind.openFirst')}</option>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`recovery.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {suggested !== null && kind === undefined && (
        <span className="muted kind-hint" data-testid={`kind-hint-${id}`}>
          {t('recovery.kind.suggested', { kind: t(`recovery.kind.${suggested}`) })}
        </span>
      )}
    </li>
  );
}

export function DocumentConfirmations() {
  const { t } = useTranslation();
  const detail = useStore((s) => s.recoveryDetail);
  if (detail === null || detail.documents.length === 0) return null;
  const closed = detail.request.status === 'approved' || detail.request.status === 'rejected';
  return (
    <fieldset className="kind-picker" data-testid="document-kinds">
      <legend>{t('recovery.kind.label')}</legend>
      <ul className="kind-confirmations">
        {detail.documents.map((d) => (
          <DocumentConfirmation key={d.meta.id} doc={d} closed={closed} />
        ))}
      </ul>
    </fieldset>
  );
}
