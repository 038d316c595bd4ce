/**
 * A ticket's attachment in the verification desk's safe viewer: the bytes
 * come checked from main (attachments:open), and the viewer draws them as it
 * draws identity documents (canvas, pdf.js locked down, header-checked
 * images) or shows why not. Its decoded pixels are let go when it closes.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentMeta } from '../../../../shared/entities.js';
import { Modal } from '../../components/Modal.js';
import { call } from '../../lib/api.js';
import { forgetDecoded } from '../recovery/decoded-cache.js';
import { DocumentViewer } from '../recovery/DocumentViewer.js';
import type { DocState } from '../recovery/recovery-slice.js';
import './attachments.css';

interface Props {
  ticketId: string;
  attachment: AttachmentMeta;
  onClose: () => void;
}

export function AttachmentViewer({ ticketId, attachment, onClose }: Props) {
  const { t } = useTranslation();
  const [state, setState] = useState<DocState>({ status: 'loading' });
  // The viewer's decoded-document cache groups by owner: a ticket's attachments are their own group.
  const owner = `ticket:${ticketId}`;

  useEffect(() => {
    let alive = true;
    setState({ status: 'loading' });
    call('attachments:open', ticketId, attachment.id).then(
      (opened) => {
        if (alive) setState(opened);
      },
      (err: unknown) => {
        console.warn('attachment not opened', err instanceof Error ? err.message : String(err));
        if (alive) {
          setState({
            status: 'refused',
            documentId: attachment.id,
            displayName: attachment.declaredName,
            reason: 'download_failed',
            realType: null,
            format: null,
          });
        }
      },
    );
    return () => {
      alive = false;
      forgetDecoded([owner]);
    };
  }, [ticketId, attachment.id, attachment.declaredName, owner]);

  return (
    <Modal label={t('attachments.title')} onClose={onClose} testId="attachment-viewer" wide>
      <div className="attachment-viewer">
        <h2 className="modal-title">{t('attachments.title')}</h2>
        <DocumentViewer state={state} requestId={owner} />
        <div className="button-row">
          <button type="button" className="button" data-testid="attachment-viewer-close" onClick={onClose}>
            {t('attachments.close')}
          </button>
        </div>
      </div>
    </Modal>
  );
}
