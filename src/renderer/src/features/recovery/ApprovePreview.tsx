/**
 * The approval's confirm step: what will happen, said before it happens
 * (which address receives the reset link, for which account), confirmed with
 * the same key (A) or Enter on its focused button; Escape or Cancel goes back.
 */
import { useTranslation } from 'react-i18next';
import type { RecoveryDetail } from '../../../../shared/ipc-recovery.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';

function accountName(detail: RecoveryDetail): string {
  const a = detail.account;
  if (a === null) return '—';
  const holder =
    a.type === 'organisation' && a.organisationName !== null ? a.organisationName : `${a.firstName} ${a.lastName}`;
  return `${holder} (${a.customerNumber})`;
}

export function ApprovePreview({ detail }: { detail: RecoveryDetail }) {
  const { t } = useTranslation();
  const busy = useStore((s) => s.recoveryBusy);
  const submit = useStore((s) => s.submitRecoveryDecision);
  const start = useStore((s) => s.startRecoveryDecision);
  return (
    <div
      className="decision-form approve-preview"
      role="group"
      aria-labelledby="approve-preview-title"
      data-testid="approve-preview"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          start(null);
        }
      }}
    >
      <p id="approve-preview-title">
        <strong>{t('recovery.decision.previewTitle')}</strong>
      </p>
      <p data-testid="approve-preview-text">
        {t('recovery.decision.previewText', {
          email: detail.request.fields.resetEmail.trim(),
          account: accountName(detail),
        })}
      </p>
      <div className="decision-buttons">
        <button
          type="button"
          className="button button-primary"
          data-testid="approve-confirm"
          // The focus lands here, so Enter confirms as the second A does.
          autoFocus
          disabled={busy}
          onClick={() => {
            void submit('approve');
          }}
        >
          {t('recovery.decision.confirmApprove')} <kbd>{shortcutLabel('approve')}</kbd> / <kbd>Enter</kbd>
        </button>
        <button
          type="button"
          className="button"
          data-testid="approve-cancel"
          onClick={() => {
            start(null);
          }}
        >
          {t('recovery.decision.cancel')} <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
