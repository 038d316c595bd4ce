/**
 * Verifier decisions on account-recovery requests (PRODUCT.md, "Account
 * recovery"). The first decision wins; an approval performs the reset, which
 * here means a row in the server-side `resets` table.
 */
import type { z } from 'zod';
import type { RecoveryRequest } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { normaliseEmail } from '../store/account-keys.js';
import { bump, conflict, mustGet, loadForUpdate, refuse } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body = z.output<(typeof MUTATIONS)['decideRecovery']['body']>;

const UNDECIDED = new Set(['pending', 'info_requested']);
const NOT_IDENTITY = new Set(['invoice', 'other']);

/** Rule 3 of the recovery process, plus "an invoice is not an identity document". */
function refuseUnsafeApproval(ctx: MutationContext, req: RecoveryRequest, body: Body): void {
  if (req.matchedAccountId === null) {
    throw refuse('approve_forbidden_by_checklist', 'No account matched this request: there is nothing to reset.');
  }
  if (body.documentKind !== null && NOT_IDENTITY.has(body.documentKind)) {
    throw refuse(
      'approve_forbidden_by_checklist',
      'The document is not an identity document (an invoice is not one): the reset cannot be approved.',
    );
  }
  const account = ctx.records.get('account', req.matchedAccountId);
  const registered = new Set((account?.registeredEmails ?? []).map(normaliseEmail));
  if (!registered.has(normaliseEmail(req.fields.resetEmail)) && req.documents.length === 0) {
    throw refuse(
      'approve_forbidden_by_checklist',
      'The reset address is not registered on the account and no identity document was provided.',
    );
  }
}

export function decideRecovery(ctx: MutationContext, id: string, body: Body): Touched {
  const current = mustGet(ctx, 'recovery', id);
  // Checked before the version: a second verifier must learn that a decision exists, not just "stale".
  if (!UNDECIDED.has(current.status)) {
    throw conflict('recovery_already_decided', `Request ${id} was already decided (${current.status}).`, current);
  }
  const req = loadForUpdate(ctx, 'recovery', id, body.baseVersion);
  if (body.decision === 'reject' && body.reasonCode === null) {
    throw refuse('reject_reason_required', 'A rejection needs a reason code.');
  }
  if (body.decision === 'approve') refuseUnsafeApproval(ctx, req, body);
  const status = body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'info_requested';
  const next = bump(req, ctx.now, {
    status,
    decision: {
      decision: body.decision,
      agentId: ctx.agentId,
      decidedAt: ctx.now.toISOString(),
      reasonCode: body.reasonCode,
      message: body.message,
      documentKind: body.documentKind,
      checklist: body.checklist,
    },
  });
  if (body.decision === 'approve' && req.matchedAccountId !== null) {
    ctx.db
      .prepare(
        'INSERT INTO reset (recovery_id, account_id, reset_email, agent_id, performed_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(id, req.matchedAccountId, req.fields.resetEmail, ctx.agentId, ctx.now.toISOString());
  }
  return [ctx.records.put('recovery', next)];
}
