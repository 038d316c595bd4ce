/**
 * The recovery audit log on the backend, the authority: entries are records
 * of kind `audit` (so the console syncs them through the change feed), one
 * per decision and per document view, written in the same transaction as
 * what they record and never changed afterwards. The checklist an entry keeps
 * is always the backend's own evaluation, never one a client sent.
 */
import type { AuditEntry, RecoveryRequest } from '../../shared/entities.js';
import type { MutationContext } from '../rules/common.js';

type States = AuditEntry['checklist'];
type Served = NonNullable<AuditEntry['served']>;
type AuditWriter = Pick<MutationContext, 'records' | 'agentId' | 'now'>;

/** The new entry's id and its upsert change (wire JSON). */
export interface WrittenAudit {
  id: string;
  change: string;
}

async function put(
  ctx: AuditWriter,
  entry: Omit<AuditEntry, 'id' | 'version' | 'updatedAt' | 'agentId' | 'at'>,
): Promise<WrittenAudit> {
  const at = ctx.now.toISOString();
  const id = await ctx.records.newId('audit');
  const change = await ctx.records.put('audit', { id, agentId: ctx.agentId, at, version: 1, updatedAt: at, ...entry });
  return { id, change };
}

/** The decision just written on `decided`; `states` = the checklist as the backend evaluated it. */
export async function recordDecisionAudit(
  ctx: AuditWriter,
  decided: RecoveryRequest,
  states: States,
): Promise<string[]> {
  const d = decided.decision;
  if (d === null) return [];
  const written = await put(ctx, {
    action: d.decision,
    recoveryId: decided.id,
    documentId: null,
    checklist: states,
    reasonCode: d.reasonCode,
    documentKind: d.documentKind,
  });
  return [written.change];
}

/**
 * A view of a document: `served` when the backend sent the bytes (the download is the event),
 * absent when the console reports showing it again from its memory.
 */
export function recordViewAudit(
  ctx: AuditWriter,
  recoveryId: string,
  documentId: string,
  checklist: States,
  served?: Served,
): Promise<WrittenAudit> {
  return put(ctx, {
    action: 'view_document',
    recoveryId,
    documentId,
    checklist,
    reasonCode: null,
    documentKind: null,
    ...(served === undefined ? {} : { served }),
  });
}
