/**
 * Every action the console can take, as the backend receives it.
 *
 * Each mutation is `POST` to its path with header `Idempotency-Key` (1-200
 * chars, unique per action) and a JSON body that carries `baseVersion`, the
 * version of the record the person saw. Answers:
 *   200 { changes }   the new state of every record the action touched
 *   400               the body is malformed (fields says which)
 *   403               the caller lacks the role (reason "role_missing")
 *   404               no such record
 *   409               baseVersion is stale (reason "stale_version", current = the record now)
 *   422               a rule forbids it (reason names the rule)
 * A replay of the same key by the same agent returns the first answer, byte
 * for byte; the same key with a different body is refused with 422
 * "idempotency_key_reused".
 */
import { z } from 'zod';
import { API_PREFIX, WireChange } from './sync-protocol.js';
import { DOCUMENT_KINDS, TicketStatus } from './entities.js';
import type { Role } from './entities.js';

const BaseVersion = z.number().int().positive();
const Id = z.string().min(1).max(64);

export const MUTATIONS = {
  recategorise: {
    path: '/tickets/:id/recategorise',
    role: 'agent',
    body: z.object({ baseVersion: BaseVersion, categoryId: Id }),
  },
  assign: {
    path: '/tickets/:id/assign',
    role: 'agent',
    body: z.object({ baseVersion: BaseVersion, assigneeId: Id.nullable() }),
  },
  setStatus: {
    path: '/tickets/:id/status',
    role: 'agent',
    body: z.object({ baseVersion: BaseVersion, status: TicketStatus }),
  },
  reply: {
    path: '/tickets/:id/reply',
    role: 'agent',
    body: z.object({
      baseVersion: BaseVersion,
      body: z.string().trim().min(1).max(100_000),
      internal: z.boolean().default(false),
    }),
  },
  merge: {
    path: '/tickets/:id/merge',
    role: 'agent',
    /**
     * Merges ticket :id into `intoId`: :id gets duplicateOfId and is closed; its opening message (with
     * its attachments), replies and notes are copied into `intoId` as messages with mergedFromId = :id,
     * in time order, and `intoId` lists :id in mergedFrom. The answer holds both tickets and the copies.
     */
    body: z.object({ baseVersion: BaseVersion, intoId: Id }),
  },
  escalate: {
    path: '/tickets/:id/escalate',
    role: 'agent',
    body: z.object({ baseVersion: BaseVersion, note: z.string().max(10_000).default('') }),
  },
  decideRecovery: {
    path: '/recovery-requests/:id/decision',
    role: 'verifier',
    body: z.object({
      baseVersion: BaseVersion,
      decision: z.enum(['approve', 'reject', 'request_info']),
      /**
       * One of REJECT_REASONS, needed to reject. Any text is read here so that an unknown code is a rule's 422
       * (reject_reason_unknown) that names the known ones, not a malformed body.
       */
      reasonCode: z.string().max(64).nullable().default(null),
      message: z.string().max(10_000).nullable().default(null),
      /** A rejection's reason as the requester reads it (the sentence of `message` that says why); never blank. */
      reasonSentence: z.string().max(2_000).nullable().default(null),
      /** The kind the verifier confirmed for each document of the request, by document id: one look, one kind. */
      documentKinds: z.record(Id, z.enum(DOCUMENT_KINDS)).default({}),
      /** Older consoles' one kind for the whole request: taken only for a request with a single document. */
      documentKind: z.enum(DOCUMENT_KINDS).nullable().default(null),
      checklist: z.record(z.string(), z.enum(['pass', 'fail', 'review'])).default({}),
    }),
  },
  /**
   * A verifier showed a recovery request's document again from the console's
   * memory (a download is audited by the backend itself): written to the audit
   * log (answers the new audit entry). No baseVersion: looking changes nothing.
   */
  recordDocumentView: {
    path: '/recovery-requests/:id/document-views',
    role: 'verifier',
    body: z.object({
      documentId: Id,
      checklist: z.record(z.string(), z.enum(['pass', 'fail', 'review'])).default({}),
    }),
  },
  scheduleCallback: {
    path: '/tickets/:id/callbacks',
    role: 'expert',
    /** baseVersion is the ticket's; the answer holds the new callback. */
    body: z.object({ baseVersion: BaseVersion, expertId: Id, startsAt: z.iso.datetime({ offset: false }) }),
  },
  rescheduleCallback: {
    path: '/callbacks/:id/reschedule',
    role: 'expert',
    body: z.object({ baseVersion: BaseVersion, expertId: Id, startsAt: z.iso.datetime({ offset: false }) }),
  },
  closeCallback: {
    path: '/callbacks/:id/close',
    role: 'expert',
    body: z.object({
      baseVersion: BaseVersion,
      outcome: z.enum(['reached', 'no_answer', 'cancelled']),
      note: z.string().max(10_000).nullable().default(null),
    }),
  },
} as const satisfies Record<string, { path: string; role: Role; body: z.ZodType }>;

export type MutationName = keyof typeof MUTATIONS;
export type MutationBody<N extends MutationName> = z.input<(typeof MUTATIONS)[N]['body']>;

/** The URL path of a mutation on a record, e.g. /v1/tickets/42/assign. */
export function mutationPath(name: MutationName, id: string): string {
  return API_PREFIX + MUTATIONS[name].path.replace(':id', encodeURIComponent(id));
}

export const MutationResult = z.object({ changes: z.array(WireChange) });
export type MutationResult = z.infer<typeof MutationResult>;

/** Machine-readable 422 reasons the reference backend uses; a provider may add its own. */
export const RULE_REASONS = [
  'idempotency_key_reused',
  'unknown_category',
  'unknown_agent',
  'merge_into_self',
  'merge_target_is_duplicate',
  'merge_target_closed',
  'merge_target_full',
  'merge_other_customer',
  'already_merged',
  'termination_via_chat',
  'already_escalated',
  'recovery_already_decided',
  'approve_forbidden_by_checklist',
  'document_checks_failed',
  'documents_not_viewed',
  'reject_reason_required',
  'reject_reason_unknown',
  'reject_sentence_required',
  'document_not_in_request',
  'not_entitled',
  'no_callback_phone',
  'outside_business_hours',
  'slot_taken',
  'callback_closed',
  'not_an_expert',
] as const;
