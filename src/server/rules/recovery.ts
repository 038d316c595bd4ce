/**
 * Verifier decisions on account-recovery requests
 * (docs/product-rules.md#decisions). The first decision wins; an approval
 * performs the reset, which here means a row in the server-side `resets` table. Whether an approval is
 * allowed is decided by the same checklist the console shows
 * (src/shared/recovery/checklist.ts), fed with what the backend knows for
 * sure: the stored account, the documents' real bytes, and the document kind
 * the verifier confirmed.
 */
import type { z } from 'zod';
import type { AcceptedFormat } from '../../shared/documents/formats.js';
import { sniffAccepted } from '../../shared/documents/formats.js';
import type { RecoveryRequest } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { evaluateChecklist } from '../../shared/recovery/checklist.js';
import type { ChecklistResult } from '../../shared/recovery/checklist.js';
import { recordDecisionAudit, recordViewAudit } from '../store/audit.js';
import { bump, conflict, mustGet, loadForUpdate, refuse } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body = z.output<(typeof MUTATIONS)['decideRecovery']['body']>;

const UNDECIDED = new Set(['pending', 'info_requested']);

/** Each document's real format from its first bytes (a missing blob counts as "none of the accepted ones"). */
function sniffStored(ctx: MutationContext, req: RecoveryRequest): Record<string, AcceptedFormat | null> {
  const head = ctx.db.prepare<[string], { head: Buffer }>(
    'SELECT substr(bytes, 1, 16) AS head FROM document WHERE id = ?',
  );
  const out: Record<string, AcceptedFormat | null> = {};
  for (const d of req.documents) {
    const row = head.get(d.id);
    out[d.id] = row === undefined ? null : sniffAccepted(new Uint8Array(row.head));
  }
  return out;
}

export function checklistOnServer(ctx: MutationContext, req: RecoveryRequest, body: Body): ChecklistResult {
  const account = req.matchedAccountId === null ? null : (ctx.records.get('account', req.matchedAccountId) ?? null);
  return evaluateChecklist({ request: req, account, sniffed: sniffStored(ctx, req), documentKind: body.documentKind });
}

const SENTENCE: Record<string, string> = {
  fields_complete: 'the form is not complete',
  account_matched: 'no account matched this request, so there is nothing to reset',
  document_present: 'no identity document was provided',
  format_matches: "the document's real format is not accepted or does not match its declared type",
  reset_email_registered_or_document:
    'the reset address is not registered on the account and no identity document was provided',
  document_kind_fits_account: 'the document is not an identity document that fits the account (an invoice is not one)',
};

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
  const checklist = checklistOnServer(ctx, req, body);
  if (body.decision === 'approve' && !checklist.canApprove) {
    const why = checklist.blockers.map((b) =>
      b.status === 'fail' ? (SENTENCE[b.id] ?? b.id) : `${b.id} still needs the verifier (${b.reason})`,
    );
    throw refuse('approve_forbidden_by_checklist', `The reset cannot be approved: ${why.join('; ')}.`);
  }
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
  return [ctx.records.put('recovery', next), ...recordDecisionAudit(ctx, next, checklist.states)];
}

type ViewBody = z.output<(typeof MUTATIONS)['recordDocumentView']['body']>;

/** A verifier looked at a document of the request: one audit entry, whatever the request's state. */
export function recordDocumentView(ctx: MutationContext, id: string, body: ViewBody): Touched {
  const req = mustGet(ctx, 'recovery', id);
  if (!req.documents.some((d) => d.id === body.documentId)) {
    throw refuse('document_not_in_request', `Document ${body.documentId} does not belong to request ${id}.`);
  }
  return [recordViewAudit(ctx, id, body.documentId, body.checklist)];
}
