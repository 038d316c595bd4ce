/**
 * A rejection or a request for information, written for the requester. A
 * rejection needs a reason code (the one the failed rules point to is
 * offered, none is chosen for the verifier otherwise) and the sentence the
 * requester will read, pre-filled per code in their language, editable,
 * never sent empty; the whole message is shown as it will leave.
 */
import { useTranslation } from 'react-i18next';
import { REJECT_REASONS } from '../../../../shared/entities.js';
import type { RecoveryDetail } from '../../../../shared/ipc-recovery.js';
import { composeRequesterMessage } from '../../../../shared/recovery/messages.js';
import { useStore } from '../../store/index.js';
import type { RejectReason } from './recovery-slice.js';

export function DecisionForm({ detail, mode }: { detail: RecoveryDetail; mode: 'reject' | 'request_info' }) {
  const { t } = useTranslation();
  const reason = useStore((s) => s.recoveryReason);
  const sentence = useStore((s) => s.recoveryMessage);
  const busy = useStore((s) => s.recoveryBusy);
  const setReason = useStore((s) => s.setRecoveryReason);
  const setSentence = useStore((s) => s.setRecoveryMessage);
  const submit = useStore((s) => s.submitRecoveryDecision);
  const { request } = detail;
  const missing =
    mode === 'reject' && reason === null ? 'reasonMissing' : sentence.trim() === '' ? 'sentenceMissing' : null;
  const name = `${request.fields.firstName} ${request.fields.lastName}`;
  return (
    <div className="decision-form" data-testid="decision-form">
      {mode === 'reject' && (
        <label className="field">
          <span>{t('recovery.decision.reason')}</span>
          <select
            data-testid="reject-reason"
            value={reason ?? ''}
            required
            onChange={(e) => {
              if (e.target.value !== '') setReason(e.target.value as RejectReason);
            }}
          >
            <option value="" disabled>
              {t('recovery.decision.reasonPick')}
            </option>
            {REJECT_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`recovery.reason.${r}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>
          {t(mode === 'reject' ? 'recovery.decision.sentence' : 'recovery.decision.message', {
            language: request.language.toUpperCase(),
          })}
        </span>
        <textarea
          data-testid="decision-message"
          rows={4}
          value={sentence}
          required
          aria-describedby={missing === null ? undefined : 'decision-missing'}
          onChange={(e) => {
            setSentence(e.target.value);
          }}
        />
      </label>
      <details className="decision-preview">
        <summary>{t('recovery.decision.preview')}</summary>
        <pre data-testid="decision-preview">{composeRequesterMessage(request.language, name, sentence)}</pre>
      </details>
      {missing !== null && (
        <p id="decision-missing" className="muted" data-testid="decision-missing">
          {t(`recovery.decision.${missing}`)}
        </p>
      )}
      <button
        type="button"
        className="button button-primary"
        data-testid="decision-send"
        disabled={busy || missing !== null}
        onClick={() => {
          void submit(mode);
        }}
      >
        {mode === 'reject' ? t('recovery.decision.sendReject') : t('recovery.decision.sendInfo')}
      </button>
    </div>
  );
}
