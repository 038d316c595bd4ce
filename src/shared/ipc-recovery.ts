/**
 * The recovery part of the IPC contract (see ipc.ts, which joins the parts):
 * the verifier's queue, a request's verification screen, documents fetched
 * on demand, decisions, and the audit log.
 */
import { z } from 'zod';
import { AUDIT_ACTIONS, DOCUMENT_KINDS, REJECT_REASONS } from './entities.js';
import type { Account, AttachmentMeta, AuditEntry, RecoveryRequest } from './entities.js';
import type { AcceptedFormat } from './documents/formats.js';
import type { RefusalReason } from './documents/inspect.js';
import type { PendingStep, VerdictState } from './recovery/verdict.js';

const Id = z.string().min(1).max(64);

/** One line of the queue: a request, or the oldest of a group of duplicates (decided once). */
export interface RecoveryQueueEntry {
  id: string;
  status: RecoveryRequest['status'];
  createdAt: string;
  requesterName: string;
  organisationName: string;
  language: RecoveryRequest['language'];
  documentCount: number;
  /**
   * At a glance, with the rules shared with the backend (recovery/verdict.ts) on the data alone and the documents
   * opened in this session: nothing confirmed yet, so "impossible" (a failed rule, named) or "pending".
   */
  verdict: VerdictState;
  /** The failed items' ids when impossible; what remains to do when pending. */
  failed: string[];
  pending: PendingStep[];
  /** Other open requests of the same requester or account, oldest first. */
  duplicates: { id: string; createdAt: string }[];
}

/** A submitted field beside what the matched account says. */
export interface FieldComparison {
  field: 'type' | 'firstName' | 'lastName' | 'organisationName' | 'customerNumber' | 'contactEmail' | 'resetEmail';
  submitted: string;
  /** The account's value (for e-mails: the registered addresses, joined); null without an account. */
  account: string | null;
  matches: boolean;
}

export interface RecoveryDocumentInfo {
  meta: AttachmentMeta;
  /** The uploaded name, cleaned for display (never used as a path). */
  displayName: string;
  /** Real format by magic number, once the document was opened in this session; undefined = not yet. */
  sniffed?: AcceptedFormat | null;
}

export interface DecisionInfo {
  decision: NonNullable<RecoveryRequest['decision']>;
  agentName: string;
}

export interface RecoveryDetail {
  request: RecoveryRequest;
  account: Account | null;
  comparisons: FieldComparison[];
  documents: RecoveryDocumentInfo[];
  /** The other open requests grouped with this one. */
  duplicates: { id: string; createdAt: string; status: RecoveryRequest['status'] }[];
  /** Set once decided (approved/rejected), or after a request for information. */
  decided: DecisionInfo | null;
}

/** A document ready to draw, or refused with one reason; bytes cross as base64 (the browser harness speaks JSON). */
export type DocumentOpen =
  | {
      status: 'viewable';
      documentId: string;
      displayName: string;
      format: AcceptedFormat;
      /** Images: dimensions from the header, already under the pixel limit. */
      width: number | null;
      height: number | null;
      size: number;
      /** The bytes, unless the window said it still holds this document drawn-ready (then null). */
      base64: string | null;
    }
  | {
      status: 'refused';
      documentId: string;
      displayName: string;
      reason: RefusalReason | 'download_failed' | 'audit_unavailable';
      /** What the bytes are when they are none of the accepted formats (e.g. text/html), if known. */
      realType: string | null;
      format: AcceptedFormat | null;
    }
  /** The backend deleted the bytes after the request's decision (410 document_purged): a normal end, not an error. */
  | { status: 'deleted'; documentId: string; displayName: string };

const Checklist = z.record(z.string().max(64), z.enum(['pass', 'fail', 'review']));

export const RecoveryDecisionInput = z.object({
  requestId: Id,
  /** The version the verifier saw: the first decision wins, a stale one is refused. */
  baseVersion: z.number().int().positive(),
  decision: z.enum(['approve', 'reject', 'request_info']),
  reasonCode: z.enum(REJECT_REASONS).nullable(),
  message: z.string().max(10_000).nullable(),
  /** A rejection's reason, the sentence the requester reads (required to reject). */
  reasonSentence: z.string().max(2_000).nullable().optional(),
  /** The kind confirmed for each document, by document id. */
  documentKinds: z.record(Id, z.enum(DOCUMENT_KINDS)).optional(),
  /** Older callers' one kind for a request with a single document. */
  documentKind: z.enum(DOCUMENT_KINDS).nullable(),
  checklist: Checklist,
  /** Chosen by the renderer per attempt, so a retry of the same click cannot decide twice. */
  idempotencyKey: z.string().min(8).max(100),
});
export type RecoveryDecisionInput = z.infer<typeof RecoveryDecisionInput>;

export type RecoveryDecisionResult =
  | { ok: true; request: RecoveryRequest }
  | {
      ok: false;
      status: number;
      reason: string;
      message: string;
      /** When someone else decided first: who and when ("already decided by X at T"). */
      decidedBy: DecisionInfo | null;
    };

export const AuditQuery = z.object({
  /** ISO instants, inclusive from / exclusive to; null = open. */
  from: z.iso.datetime({ offset: false }).nullable(),
  to: z.iso.datetime({ offset: false }).nullable(),
  agentId: Id.nullable(),
  action: z.enum(AUDIT_ACTIONS).nullable(),
  recoveryId: Id.nullable(),
  limit: z.number().int().min(1).max(10_000),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export interface AuditRow extends AuditEntry {
  agentName: string;
}

/** Result type of each invoke channel of this part. */
export interface RecoveryIpcResults {
  'recovery:queue': RecoveryQueueEntry[];
  'recovery:get': RecoveryDetail | null;
  /** Fetches (or takes from memory), checks and audits one document of a request. */
  'recovery:openDocument': DocumentOpen;
  'recovery:decide': RecoveryDecisionResult;
  'recovery:audit': AuditRow[];
}

/** Argument schema of each invoke channel of this part. */
export const RECOVERY_IPC_ARGS = {
  'recovery:queue': z.tuple([]),
  'recovery:get': z.tuple([Id]),
  /**
   * requestId, documentId, the checklist states the verifier sees (recorded with the view), and whether
   * to send the bytes (false when the window still holds the document decoded: the view is audited all the same).
   */
  'recovery:openDocument': z.tuple([Id, Id, Checklist, z.boolean()]),
  'recovery:decide': z.tuple([RecoveryDecisionInput]),
  'recovery:audit': z.tuple([AuditQuery]),
} as const satisfies Record<keyof RecoveryIpcResults, z.ZodType<unknown[]>>;

/** Payload of each event main pushes for this part. */
export interface RecoveryIpcEvents {
  /** Recovery requests or audit entries changed in the cache (sync, a decision): reload what shows them. */
  'recovery:changed': { requestIds: string[]; audit: boolean; all: boolean };
}
export const RECOVERY_EVENT_CHANNELS = ['recovery:changed'] as const satisfies readonly (keyof RecoveryIpcEvents)[];
