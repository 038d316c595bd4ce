/**
 * Approve, reject or ask for information. The verdict shared with the
 * backend says, in words, what stops an approval: a failed rule (approval
 * impossible) or what the verifier still has to do (pending). Approve opens
 * its confirm step, which says what will happen; rejecting and asking take
 * the sentence the requester reads (DecisionForm).
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format.js';
import { refusalKey } from '../../lib/refusal.js';
import { shortcutLabel } from '../../lib/keymap.js';
import { useStore } from '../../store/index.js';
import { ApprovePreview } from './ApprovePreview.js';
import { DecisionForm } from './DecisionForm.js';
import { useVerdict } from './useVerdict.js';
import { failedText, pendingText } from './verdict-text.js';

export function DecisionBar() {
  const { t } = useTranslation();
  const language = useStore((s) => s.language);
  const detail = useStore((s) => s.recoveryDetail);
  const mode = useStore((s) => s.recoveryMode);
  const busy = useStore((s) => s.recoveryBusy);
  const outcome = useStore((s) => s.recoveryOutcome);
  const start = useStore((s) => s.startRecoveryDecision);
  const verdict = useVerdict();
  if (detail === null || verdict === null) return null;
  const { request } = detail;
  const closed = request.status === 'approved' || request.status === 'rejected';
  const why =
    verdict.state === 'impossible'
      ? `${t('recovery.decision.approveBlocked')} ${failedText(t, verdict.failed, verdict.refused)}`
      : verdict.state === 'pending'
        ? `${t('recovery.decision.approvePending')} ${pendingText(t, verdict.pending) || failedText(t, verdict.checklist.blockers)}`
        : null;

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
            aria-pressed={mode === 'approve'}
            disabled={verdict.state !== 'ready' || busy}
            aria-describedby={why === null ? undefined : 'approve-why'}
            onClick={() => {
              start(mode === 'approve' ? null : 'approve');
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
          {why !== null && (
            <p
              id="approve-why"
              className={`approve-why approve-why-${verdict.state}`}
              data-testid="approve-why"
              data-verdict={verdict.state}
            >
              {why}
            </p>
          )}
        </div>
      )}
      {!closed && mode === 'approve' && verdict.state === 'ready' && <ApprovePreview detail={detail} />}
      {!closed && (mode === 'reject' || mode === 'request_info') && <DecisionForm detail={detail} mode={mode} />}
    </section>
  );
}
