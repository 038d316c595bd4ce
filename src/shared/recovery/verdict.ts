/**
 * The one verdict on a recovery request, shown by the queue, the checklist and
 * the decision bar, and applied by the reference backend when it decides:
 *
 * - `impossible`: a rule has FAILED on what is known (the items named, or a
 *   document the shared document checks refuse), so the request can only be
 *   rejected or sent back for information;
 * - `pending`: no rule failed, but the verifier still has things to do (each
 *   named: open a document, confirm what a document is);
 * - `ready`: every rule that the data decides passes AND every confirmation
 *   the verifier owes is given.
 *
 * A request is never "ready" on data alone: what a document shows is the
 * verifier's to confirm, one document at a time.
 */
import type { ChecklistInput, ChecklistItem, ChecklistResult, DocumentKind } from './checklist.js';
import { evaluateChecklist } from './checklist.js';
import { kindSuggestedByName } from './document-names.js';

export const VERDICT_STATES = ['ready', 'pending', 'impossible'] as const;
export type VerdictState = (typeof VERDICT_STATES)[number];

/** Something the verifier still has to do before the request can be approved. */
export interface PendingStep {
  step: 'open_document' | 'confirm_kind';
  documentId: string;
  /** The file name as the requester gave it (display only). */
  fileName: string;
  /** The kind the file name points to, to tell the verifier what to look for; null when it says nothing. */
  suggested: DocumentKind | null;
}

/** A document the shared document checks (documents/inspect.ts) refuse: nobody can look at it, so it proves nothing. */
export interface RefusedDocument {
  documentId: string;
  fileName: string;
  /** The check's reason (a RefusalReason). */
  reason: string;
}

export interface RecoveryVerdict {
  state: VerdictState;
  /** The failed items, in checklist order (with `refused`, non-empty exactly when impossible). */
  failed: ChecklistItem[];
  refused: RefusedDocument[];
  /** What remains to do, document by document (empty when ready). */
  pending: PendingStep[];
  checklist: ChecklistResult;
}

export interface VerdictInput extends ChecklistInput {
  /**
   * The documents the verifier has opened. Absent: a document counts as opened once its real format is known
   * (the console learns it by opening it); the backend passes the documents this verifier downloaded.
   */
  opened?: ReadonlySet<string>;
  /** Why the shared document checks refuse a document, by document id; absent: none refused (or not known yet). */
  refused?: Readonly<Record<string, string>>;
}

export function recoveryVerdict(input: VerdictInput): RecoveryVerdict {
  const checklist = evaluateChecklist(input);
  const failed = checklist.items.filter((i) => i.status === 'fail');
  const pending: PendingStep[] = [];
  const refused: RefusedDocument[] = [];
  for (const d of input.request.documents) {
    const reason = input.refused?.[d.id];
    if (reason !== undefined) refused.push({ documentId: d.id, fileName: d.declaredName, reason });
    const opened = input.opened === undefined ? d.id in input.sniffed : input.opened.has(d.id);
    const base = { documentId: d.id, fileName: d.declaredName, suggested: kindSuggestedByName(d.declaredName) };
    if (!opened) pending.push({ ...base, step: 'open_document' });
    if (input.documentKinds[d.id] === undefined) pending.push({ ...base, step: 'confirm_kind' });
  }
  // A blocker that no step covers (none today) still keeps the request from "ready".
  const uncovered = checklist.blockers.some((b) => b.status === 'review') && pending.length === 0;
  const state: VerdictState =
    failed.length > 0 || refused.length > 0 ? 'impossible' : pending.length > 0 || uncovered ? 'pending' : 'ready';
  return { state, failed, refused, pending, checklist };
}
