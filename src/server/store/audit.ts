/**
 * The recovery audit log on the backend, the authority: entries are records
 * of kind `audit` (so the console syncs them through the change feed), one
 * per decision and per document view, written in the same transaction as
 * what they record and never changed afterwards.
 */
import type { AuditEntry, RecoveryRequest } from '../../shared/entities.js';
import type { MutationContext } from '../rules/common.js';

type States = AuditEntry['checklist'];

function put(ctx: MutationContext, entry: Omit<AuditEntry, 'id' | 'version' | 'updatedAt' | 'agentId' | 'at'>): string {
  const at = ctx.now.toISOString();
  return ctx.records.put('audit', {
    id: ctx.records.newId('audit'),
    agentId: ctx.agentId,
    at,
    version: 1,
    updatedAt: at,
    ...entry,
  });
}

/** The decision just written on `decided`; `states` = the checklist as the backend evaluated it. */
export function recordDecisionAudit(ctx: MutationContext, decided: RecoveryRequest, states: States): string[] {
  const d = decided.decision;
  if (d === null) return [];
  // What the verifier saw is what they answer for; the backend's own evaluation when they sent none.
  const checklist = Object.keys(d.checklist).length > 0 ? d.checklist : states;
  return [
    put(ctx, {
      action: d.decision,
      recoveryId: decided.id,
      documentId: null,
      checklist,
      reasonCode: d.reasonCode,
      documentKind: d.documentKind,
    }),
  ];
}

export function recordViewAudit(
  ctx: MutationContext,
  recoveryId: string,
  documentId: string,
  checklist: States,
): string {
  return put(ctx, { action: 'view_document', recoveryId, documentId, checklist, reasonCode: null, documentKind: null });
}
