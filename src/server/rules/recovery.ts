/**
 * Verifier decisions on account-recovery requests
 * (docs/product-rules.md#decisions). The first decision wins; an approval
 * performs the reset, which here means a row in the server-side `reset` table. Whether an approval is
 * allowed is decided by the same checklist and document checks the console runs
 * (src/shared/recovery/checklist.ts, src/shared/documents/inspect.ts), fed with what the backend knows
 * for sure: the stored account, the documents' stored bytes, the kind the verifier confirmed, and which
 * documents this verifier downloaded. An approval or a rejection starts the documents' retention.
 */
import type { z } from 'zod';
import type { AcceptedFormat } from '../../shared/documents/formats.js';
import { sniffAccepted } from '../../shared/documents/formats.js';
import { inspectDocument } from '../../shared/documents/inspect.js';
import type { RefusalReason } from '../../shared/documents/inspect.js';
import { REJECT_REASONS } from '../../shared/entities.js';
import type { AttachmentMeta, RecoveryRequest } from '../../shared/entities.js';
import type { MUTATIONS } from '../../shared/mutations.js';
import { IDENTITY_KINDS, evaluateChecklist } from '../../shared/recovery/checklist.js';
import type { ChecklistResult, DocumentKind } from '../../shared/recovery/checklist.js';
import { recoveryVerdict } from '../../shared/recovery/verdict.js';
import type { RecoveryVerdict } from '../../shared/recovery/verdict.js';
import { recordDecisionAudit, recordViewAudit } from '../store/audit.js';
import { Documents, sha256Hex } from '../store/documents.js';
import { bump, conflict, mustGet, loadForUpdate, refuse } from './common.js';
import type { MutationContext, Touched } from './common.js';

type Body = z.output<(typeof MUTATIONS)['decideRecovery']['body']>;
type Reader = Pick<MutationContext, 'records' | 'db'>;

const UNDECIDED = new Set(['pending', 'info_requested']);

/** What the backend learns from one document's stored bytes. */
interface StoredFacts {
  /** Real format by the first bytes, for the checklist (null: none of the accepted ones, or no bytes). */
  format: AcceptedFormat | null;
  /** Why the shared document checks refuse it; null when the console may show it. */
  refusal: RefusalReason | null;
}

async function factsOf(documents: Documents, meta: AttachmentMeta): Promise<StoredFacts> {
  const stored = await documents.get(meta.id);
  const bytes = stored === undefined || stored.purgedAt !== null ? new Uint8Array() : new Uint8Array(stored.bytes);
  const inspection = inspectDocument({
    bytes,
    declaredType: meta.declaredType,
    declaredName: meta.declaredName,
    expectedSha256: meta.sha256,
    actualSha256: sha256Hex(bytes),
  });
  return {
    format: sniffAccepted(bytes),
    refusal: inspection.status === 'refused' ? inspection.reason : null,
  };
}

async function storedFacts(ctx: Reader, req: RecoveryRequest): Promise<Map<string, StoredFacts>> {
  const documents = new Documents(ctx.db);
  const facts = new Map<string, StoredFacts>();
  for (const d of req.documents) facts.set(d.id, await factsOf(documents, d));
  return facts;
}

type Kinds = Readonly<Record<string, DocumentKind>>;

/** The checklist as the backend evaluates it, with the kinds the verifier confirmed per document (none: not yet). */
export async function checklistOnServer(
  ctx: Reader,
  req: RecoveryRequest,
  documentKinds: Kinds,
  facts?: Map<string, StoredFacts>,
): Promise<ChecklistResult> {
  return evaluateChecklist(await verdictInput(ctx, req, documentKinds, facts ?? (await storedFacts(ctx, req))));
}

async function verdictInput(ctx: Reader, req: RecoveryRequest, documentKinds: Kinds, facts: Map<string, StoredFacts>) {
  const account =
    req.matchedAccountId === null ? null : ((await ctx.records.get('account', req.matchedAccountId)) ?? null);
  const sniffed = Object.fromEntries([...facts].map(([id, f]) => [id, f.format]));
  const refused: Record<string, string> = {};
  for (const [id, f] of facts) if (f.refusal !== null) refused[id] = f.refusal;
  return { request: req, account, sniffed, documentKinds, refused };
}

/**
 * The kinds the verifier confirmed, one per document. An older console's single kind stands for a request's only
 * document (nothing to mix up); with several documents it confirms none of them.
 */
function confirmedKinds(ctx: MutationContext, req: RecoveryRequest, body: Body): Kinds {
  const strangers = Object.keys(body.documentKinds).filter((id) => !req.documents.some((d) => d.id === id));
  if (strangers.length > 0) {
    throw refuse('document_not_in_request', `Request ${req.id} has no document ${strangers.join(', ')}.`);
  }
  const only = req.documents.length === 1 ? req.documents[0] : undefined;
  if (Object.keys(body.documentKinds).length === 0 && body.documentKind !== null && only !== undefined) {
    return { [only.id]: body.documentKind };
  }
  return body.documentKinds;
}

/** The kind the audit log's column shows: the document that proves who the requester is, else the first one named. */
function summaryKind(req: RecoveryRequest, kinds: Kinds): DocumentKind | null {
  const named = req.documents.map((d) => kinds[d.id]).filter((k) => k !== undefined);
  return named.find((k) => IDENTITY_KINDS.includes(k)) ?? named[0] ?? null;
}

type RejectReason = (typeof REJECT_REASONS)[number];
const isRejectReason = (code: string): code is RejectReason => (REJECT_REASONS as readonly string[]).includes(code);

/** A rejection names one of the known reasons and says it to the requester in a sentence that is not blank. */
function rejectReason(body: Body): RejectReason {
  if (body.reasonCode === null) throw refuse('reject_reason_required', 'A rejection needs a reason code.');
  if (!isRejectReason(body.reasonCode)) {
    throw refuse(
      'reject_reason_unknown',
      `Unknown rejection reason "${body.reasonCode}"; known reasons: ${REJECT_REASONS.join(', ')}.`,
    );
  }
  // An older console sends no sentence of its own: then its message is what the requester reads, and must say something.
  const sentence = body.reasonSentence ?? body.message ?? '';
  if (sentence.trim() === '' || (body.message ?? '').trim() === '') {
    throw refuse(
      'reject_sentence_required',
      'A rejection needs the sentence that tells the requester why (reasonSentence) and the message that carries it.',
    );
  }
  return body.reasonCode;
}

const SENTENCE: Record<string, string> = {
  fields_complete: 'the form is not complete',
  account_matched: 'no account matched this request, so there is nothing to reset',
  document_present: 'no identity document was provided',
  format_matches: "the document's real format is not accepted or does not match its declared type",
  reset_email_registered_or_document:
    'the reset address is not registered on the account and no identity document was provided',
  document_kind_fits_account:
    'the document is not an identity document that fits the account (an invoice is not one; an organisation needs its stamp with a signature)',
};

/**
 * The approval's own checks, in order: the shared verdict (a failed rule, a document whose kind is not confirmed),
 * the documents' bytes, the verifier's own look at each.
 */
function refuseApproval(ctx: MutationContext, req: RecoveryRequest, verdict: RecoveryVerdict): void {
  const unconfirmed = verdict.pending.filter((p) => p.step === 'confirm_kind').map((p) => p.documentId);
  if (verdict.failed.length > 0 || unconfirmed.length > 0) {
    const why = verdict.failed.map((b) => SENTENCE[b.id] ?? b.id);
    if (unconfirmed.length > 0) why.push(`the verifier has not confirmed the kind of ${unconfirmed.join(', ')}`);
    throw refuse('approve_forbidden_by_checklist', `The reset cannot be approved: ${why.join('; ')}.`);
  }
  const refused = verdict.refused.map((r) => `${r.documentId} (${r.reason})`);
  if (refused.length > 0) {
    throw refuse(
      'document_checks_failed',
      `The reset cannot be approved: the document checks refuse ${refused.join(', ')}; the console cannot show it either.`,
    );
  }
  const unseen = verdict.pending.filter((p) => p.step === 'open_document').map((p) => p.documentId);
  if (unseen.length > 0 || verdict.state !== 'ready') {
    throw refuse(
      'documents_not_viewed',
      `The reset cannot be approved: agent ${ctx.agentId} has not opened ${unseen.join(', ')} of request ${req.id}.`,
    );
  }
}

export async function decideRecovery(ctx: MutationContext, id: string, body: Body): Promise<Touched> {
  const current = await mustGet(ctx, 'recovery', id);
  // Checked before the version: a second verifier must learn that a decision exists, not just "stale".
  if (!UNDECIDED.has(current.status)) {
    throw conflict('recovery_already_decided', `Request ${id} was already decided (${current.status}).`, current);
  }
  const req = await loadForUpdate(ctx, 'recovery', id, body.baseVersion);
  const reasonCode = body.decision === 'reject' ? rejectReason(body) : null;
  const kinds = confirmedKinds(ctx, req, body);
  const documents = new Documents(ctx.db);
  const facts = await storedFacts(ctx, req);
  const viewed = await documents.viewedBy(id, ctx.agentId);
  const verdict = recoveryVerdict({ ...(await verdictInput(ctx, req, kinds, facts)), opened: viewed });
  const checklist = verdict.checklist;
  if (body.decision === 'approve') refuseApproval(ctx, req, verdict);
  const status = body.decision === 'approve' ? 'approved' : body.decision === 'reject' ? 'rejected' : 'info_requested';
  const next = bump(req, ctx.now, {
    status,
    decision: {
      decision: body.decision,
      agentId: ctx.agentId,
      decidedAt: ctx.now.toISOString(),
      reasonCode,
      message: body.message,
      ...(body.decision === 'reject' ? { reasonSentence: (body.reasonSentence ?? body.message ?? '').trim() } : {}),
      documentKind: summaryKind(req, kinds),
      documentKinds: kinds,
      // The backend's evaluation is the record; the console's is kept beside it as the verifier's.
      checklist: checklist.states,
      verifier: {
        viewedDocumentIds: req.documents.filter((d) => viewed.has(d.id)).map((d) => d.id),
        consoleChecklist: body.checklist,
      },
    },
  });
  if (body.decision === 'approve' && req.matchedAccountId !== null) {
    await ctx.db.run(
      'INSERT INTO reset (recovery_id, account_id, reset_email, agent_id, performed_at) VALUES (?, ?, ?, ?, ?)',
      [id, req.matchedAccountId, req.fields.resetEmail, ctx.agentId, ctx.now.toISOString()],
    );
  }
  if (status !== 'info_requested') {
    // Decided: the documents are kept no longer than the retention; with none, they go with this commit.
    await documents.markDecided(
      id,
      req.documents.map((d) => d.id),
      ctx.now.toISOString(),
    );
    await documents.purgeDue(ctx.now, ctx.documentRetentionMs);
  }
  const decided = await ctx.records.put('recovery', next);
  return [decided, ...(await recordDecisionAudit(ctx, next, checklist.states))];
}

type ViewBody = z.output<(typeof MUTATIONS)['recordDocumentView']['body']>;

/**
 * The console showed a document again from its memory (no download, so the backend served nothing):
 * one audit entry, with the backend's checklist, whatever the request's state.
 */
export async function recordDocumentView(ctx: MutationContext, id: string, body: ViewBody): Promise<Touched> {
  const req = await mustGet(ctx, 'recovery', id);
  if (!req.documents.some((d) => d.id === body.documentId)) {
    throw refuse('document_not_in_request', `Document ${body.documentId} does not belong to request ${id}.`);
  }
  const checklist = await checklistOnServer(ctx, req, {});
  return [(await recordViewAudit(ctx, id, body.documentId, checklist.states)).change];
}
