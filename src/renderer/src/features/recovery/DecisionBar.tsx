/**
 * Approve, reject or ask for information. Approve is disabled, with the
 * reason, while the checklist forbids it (the backend would refuse it too).
 * Rejecting takes a reason code and a message pre-filled in the requester's
 * language that the verifier may edit.
 */
import { useTranslation } from 'react-i18next';
import { REJECT_REASONS } from '../../../../shared/entities.js';
import { formatDateTime } from '../../lib/format.js';
import { refusalKey } from '../../lib/refusal.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import type { RejectReason } from './recovery-slice.js';
import { useChecklist } from './useChecklist.js';

export function DecisionBar() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const detail = useStore((s) => s.recoveryDetail);
  const mode = useStore((s) => s.recoveryMode);
  const reason = useStore((s) => s.recoveryReason);
  const message = useStore((s) => s.recoveryMessage);
  const busy = useStore((s) => s.recoveryBusy);
  const outcome = useStore((s) => s.recoveryOutcome);
  const start = useStore((s) => s.startRecoveryDecision);
  const setReason = useStore((s) => s.setRecoveryReason);
  const setMessage = useStore((s) => s.setRecoveryMessage);
  const submit = useStore((s) => s.submitRecoveryDecision);
  const checklist = useChecklist();
  if (detail === null || checklist === null) return null;
  const { request } = detail;
  const closed = request.status === 'approved' || request.status === 'rejected';
  // Every reason at once: fixing one and finding the next is a slow way to learn the rules.
  const approveWhy =
    checklist.blockers.length === 0
      ? null
      : checklist.blockers
          .map((b) => t(b.key, { fields: (b.fields ?? []).map((f) => t(`recovery.field.${f}`)).join(', ') }))
          .join(' ');

  return (
    <section className="decision-bar" aria-labelledby="decision-heading" data-testid="decision-bar">
      <h3 id="decision-heading" className="visually-hidden">
        {t('recovery.decision.title')}
      </h3>
      {outcome?.kind === 'done' && (
        <p className="notice-inline notice-ok" role="status" data-testid="decision-done">
          {t(`recovery.decision.done.${outcome.decision ?? 'approve'}`)}
        </p>
      )}
      {outcome?.kind === 'already_decided' && outcome.decidedBy !== undefined && (
        <p className="notice-inline notice-danger" role="alert" data-testid="decision-already">
          {t('recovery.decision.already', {
            name: outcome.decidedBy.agentName,
            at: formatDateTime(outcome.decidedBy.decision.decidedAt, language),
            decision: t(`recovery.decisionName.${outcome.decidedBy.decision.decision}`),
          })}
        </p>
      )}
      {outcome?.kind === 'refused' && (
        <p
          className="notice-inline notice-danger"
          role="alert"
          data-testid="decision-refused"
          data-reason={outcome.reason}
        >
          {/* The desk's own words where it has some, else the refusal's, never the backend's English sentence. */}
          {t(`recovery.decision.refusedReason.${outcome.reason ?? ''}`, {
            defaultValue: t(refusalKey(outcome.reason)),
          })}
        </p>
      )}
      {closed && detail.decided !== null && outcome === null && (
        <p className="notice-inline" data-testid="decision-existing">
          {t('recovery.decision.existing', {
            name: detail.decided.agentName,
            at: formatDateTime(detail.decided.decision.decidedAt, language),
            decision: t(`recovery.decisionName.${detail.decided.decision.decision}`),
          })}
        </p>
      )}
      {!closed && (
        <div className="decision-buttons">
          <button
            type="button"
            className="button button-primary"
            data-testid="approve"
            disabled={!checklist.canApprove || busy}
            aria-describedby={approveWhy === null ? undefined : 'approve-why'}
            onClick={() => {
              void submit('approve');
            }}
          >
            {t('recovery.decision.approve')} <kbd>{shortcutLabel('approve')}</kbd>
          </button>
          <button
            type="button"
            className="button"
            data-testid="reject"
            aria-pressed={mode === 'reject'}
            disabled={busy}
            onClick={() => {
              start(mode === 'reject' ? null : 'reject');
            }}
          >
            {t('recovery.decision.reject')} <kbd>{shortcutLabel('reject')}</kbd>
          </button>
          <button
            type="button"
            className="button"
            data-testid="request-info"
            aria-pressed={mode === 'request_info'}
            disabled={busy}
            onClick={() => {
              start(mode === 'request_info' ? null : 'request_info');
            }}
          >
            {t('recovery.decision.requestInfo')} <kbd>{shortcutLabel('requestInfo')}</kbd>
          </button>
          <span className="muted decision-next">
            {t('recovery.decision.next')} <kbd>{shortcutLabel('requestNext')}</kbd> /{' '}
            <kbd>{shortcutLabel('requestPrev')}</kbd>
          </span>
          {approveWhy !== null && (
            <p id="approve-why" className="approve-why" data-testid="approve-why">
              {t('recovery.decision.approveBlocked')} {approveWhy}
            </p>
          )}
        </div>
      )}
      {!closed && mode !== null && (
        <div className="decision-form" data-testid="decision-form">
          {mode === 'reject' && (
            <label className="field">
              <span>{t('recovery.decision.reason')}</span>
              <select
                data-testid="reject-reason"
                value={reason ?? 'other'}
                onChange={(e) => {
                  setReason(e.target.value as RejectReason);
                }}
              >
                {REJECT_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`recovery.reason.${r}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span>{t('recovery.decision.message', { language: request.language.toUpperCase() })}</span>
            <textarea
              data-testid="decision-message"
              rows={7}
              value={message}
              onChange={(e) => {
                setMessage(e.target.value);
              }}
            />
          </label>
          <button
            type="button"
            className="button button-primary"
            data-testid="decision-send"
            disabled={busy || message.trim() === ''}
            onClick={() => {
              void submit(mode);
            }}
          >
            {mode === 'reject' ? t('recovery.decision.sendReject') : t('recovery.decision.sendInfo')}
          </button>
        </div>
      )}
    </section>
  );
}
