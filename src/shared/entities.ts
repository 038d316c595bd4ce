/**
 * The records the helpdesk backend hands out through the change feed.
 *
 * These schemas are the single definition of what a valid record is: the
 * reference backend validates what it emits against them (in tests), and the
 * sync engine validates every incoming record before it touches the cache.
 * Pure data: no electron, node:* or DOM imports (see src/shared/README.md).
 */
import { z } from 'zod';
import { ACCEPTED_FORMATS } from './documents/formats.js';

/** ISO-8601 instant in UTC with a trailing Z, e.g. 2026-03-29T06:15:00.000Z. Sorts as text. */
export const Instant = z.iso.datetime({ offset: false });
/** A calendar day, e.g. 2027-01-31 (Priority Support ends at the end of that day, Europe/Zurich). */
export const Day = z.iso.date();

export const LANGUAGES = ['fr', 'de', 'it', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const ROLES = ['agent', 'verifier', 'expert'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

const Id = z.string().min(1).max(64);
const Version = z.number().int().positive();

/** A level-two expert's calendar: ISO weekdays worked (1 = Monday) and absences (inclusive days, Europe/Zurich). */
export const ExpertCalendar = z.object({
  workingDays: z.array(z.number().int().min(1).max(7)).max(7),
  absences: z.array(z.object({ from: Day, to: Day })).max(500),
});
export type ExpertCalendar = z.infer<typeof ExpertCalendar>;

export const Category = z.object({
  id: Id,
  names: z.object({ fr: z.string().min(1), de: z.string().min(1), it: z.string().min(1), en: z.string().min(1) }),
  position: z.number().int().nonnegative(),
  version: Version,
  updatedAt: Instant,
});
export type Category = z.infer<typeof Category>;

export const Agent = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  email: z.email(),
  roles: z.array(Role).min(1),
  languages: z.array(Language).min(1),
  /** Experts' working days and absences; null = Monday to Friday, no absence (and for non-experts; records from before calendars existed read as null). */
  calendar: ExpertCalendar.nullable().default(null),
  version: Version,
  updatedAt: Instant,
});
export type Agent = z.infer<typeof Agent>;

export const ACCOUNT_TYPES = ['individual', 'organisation'] as const;
export const Account = z.object({
  id: Id,
  type: z.enum(ACCOUNT_TYPES),
  /** Customer number as printed on invoices, e.g. "CH-104233". */
  customerNumber: z.string().min(1).max(32),
  /** Individuals: given and family name; organisations: the contact person. */
  firstName: z.string().max(200),
  lastName: z.string().max(200),
  organisationName: z.string().max(300).nullable(),
  registeredEmails: z.array(z.email()).min(1),
  language: Language,
  /** Last day (inclusive) of the Priority Support entitlement, or null if never bought. */
  prioritySupportUntil: Day.nullable(),
  version: Version,
  updatedAt: Instant,
});
export type Account = z.infer<typeof Account>;

export const CHANNELS = ['portal', 'chat', 'phone', 'email'] as const;
export const TICKET_STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export const AttachmentMeta = z.object({
  id: Id,
  /** The name the customer's file had; display only, never a path. */
  declaredName: z.string().max(500),
  declaredType: z.string().max(200),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

export const Ticket = z.object({
  id: Id,
  accountId: Id.nullable(),
  channel: z.enum(CHANNELS),
  categoryId: Id,
  subject: z.string().max(500),
  body: z.string().max(100_000),
  status: TicketStatus,
  priority: z.enum(PRIORITIES),
  requesterName: z.string().max(300),
  requesterEmail: z.email(),
  language: Language,
  /** Phone number left for a level-two callback, as the customer typed it. */
  callbackPhone: z.string().max(64).nullable(),
  attachments: z.array(AttachmentMeta).max(50),
  assigneeId: Id.nullable(),
  /** Set when this ticket was merged into another one (the ticket it went into: its "merged into" link). */
  duplicateOfId: Id.nullable(),
  /**
   * The tickets merged into this one, oldest merge first. Absent while none was: the records of every
   * other ticket stay as they were, and a backend that predates merge links sends none. At most 500: a
   * full ticket refuses another merge (`merge_target_full`, MAX_MERGED_FROM in ticket-actions.ts).
   */
  mergedFrom: z.array(Id).min(1).max(500).optional(),
  /** 1 = first-level queue, 2 = escalated to the level-two experts. */
  level: z.union([z.literal(1), z.literal(2)]),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Ticket = z.infer<typeof Ticket>;

/** A message in a ticket's conversation after the opening one (replies, notes). */
export const TicketMessage = z.object({
  id: Id,
  ticketId: Id,
  /** Agent id for outgoing replies and notes; null when the customer wrote it. */
  authorAgentId: Id.nullable(),
  kind: z.enum(['customer', 'reply', 'note']),
  body: z.string().max(100_000),
  /**
   * Carried over from a ticket merged into this one: that ticket's id (its opening message, replies and
   * notes keep their author, kind and time). Absent on the ticket's own messages.
   */
  mergedFromId: Id.optional(),
  /** Files of a carried-over opening message (a ticket's own opening keeps them on the ticket). */
  attachments: z.array(AttachmentMeta).min(1).max(50).optional(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type TicketMessage = z.infer<typeof TicketMessage>;

export const RECOVERY_STATUSES = ['pending', 'info_requested', 'approved', 'rejected'] as const;
export const REJECT_REASONS = [
  'invoice_not_identity',
  'document_missing',
  'email_not_registered_no_document',
  'fields_incomplete',
  'document_unreadable',
  'duplicate_request',
  'no_matching_account',
  'other',
] as const;
export const DOCUMENT_KINDS = ['id_card', 'passport', 'company_stamp_signature', 'invoice', 'other'] as const;

/** Every field of the provider's manual recovery form, as submitted (may be empty: the checklist says so). */
export const RecoveryFields = z.object({
  firstName: z.string().max(200),
  lastName: z.string().max(200),
  organisationName: z.string().max(300),
  customerNumber: z.string().max(64),
  domain: z.string().max(253),
  contactEmail: z.string().max(320),
  /** The address the new credentials should be sent to. */
  resetEmail: z.string().max(320),
  phone: z.string().max(64),
  street: z.string().max(300),
  postalCode: z.string().max(16),
  city: z.string().max(200),
  country: z.string().max(64),
  message: z.string().max(10_000),
});
export type RecoveryFields = z.infer<typeof RecoveryFields>;

export const RecoveryDecision = z.object({
  decision: z.enum(['approve', 'reject', 'request_info']),
  agentId: Id,
  decidedAt: Instant,
  reasonCode: z.enum(REJECT_REASONS).nullable(),
  message: z.string().max(10_000).nullable(),
  /** The kind of the document that proves who the requester is (the audit's column); null when none does. */
  documentKind: z.enum(DOCUMENT_KINDS).nullable(),
  /** The kind the verifier confirmed for each document, by document id. Absent on decisions older than it. */
  documentKinds: z.record(Id, z.enum(DOCUMENT_KINDS)).optional(),
  /** A rejection's reason in the verifier's words, the sentence the requester reads. Absent before it. */
  reasonSentence: z.string().max(2_000).optional(),
  /** The checklist as the backend evaluated it when it accepted the decision, item id -> pass/fail/review. */
  checklist: z.record(z.string(), z.enum(['pass', 'fail', 'review'])),
  /**
   * What the verifier confirmed, beside the backend's checklist: the documents they downloaded
   * before deciding and the checklist their console showed. Absent on decisions older than it.
   */
  verifier: z
    .object({
      viewedDocumentIds: z.array(Id).max(10),
      consoleChecklist: z.record(z.string(), z.enum(['pass', 'fail', 'review'])),
    })
    .optional(),
});
export type RecoveryDecision = z.infer<typeof RecoveryDecision>;

export const RecoveryRequest = z.object({
  id: Id,
  status: z.enum(RECOVERY_STATUSES),
  fields: RecoveryFields,
  language: Language,
  /** The account the backend matched from customer number, domain or e-mail; null when none. */
  matchedAccountId: Id.nullable(),
  documents: z.array(AttachmentMeta).max(10),
  decision: RecoveryDecision.nullable(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type RecoveryRequest = z.infer<typeof RecoveryRequest>;

/**
 * The recovery audit log: every decision and every view of an identity
 * document (who, when, which request, the checklist state, the reason).
 * Written by the backend only, never changed; the console syncs it to filter
 * and export it.
 */
export const AUDIT_ACTIONS = ['view_document', 'approve', 'reject', 'request_info'] as const;
export const AuditEntry = z.object({
  id: Id,
  action: z.enum(AUDIT_ACTIONS),
  recoveryId: Id,
  agentId: Id,
  at: Instant,
  /** The document looked at (view_document); null for decisions. */
  documentId: Id.nullable(),
  /** The checklist as the backend evaluated it at that moment, item id -> pass/fail/review. */
  checklist: z.record(z.string(), z.enum(['pass', 'fail', 'review'])),
  reasonCode: z.enum(REJECT_REASONS).nullable(),
  documentKind: z.enum(DOCUMENT_KINDS).nullable(),
  /**
   * A view the backend served (the download is the audit event): what the bytes were, kept after the
   * bytes themselves are deleted. Absent on a view the console reported from its memory.
   */
  served: z
    .object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      size: z.number().int().nonnegative(),
      /** The real format by the bytes (null: none of the accepted ones). */
      format: z.enum(ACCEPTED_FORMATS).nullable(),
    })
    .optional(),
  version: Version,
  updatedAt: Instant,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const CALLBACK_STATUSES = ['scheduled', 'reached', 'no_answer', 'cancelled'] as const;
export const Callback = z.object({
  id: Id,
  ticketId: Id,
  expertId: Id,
  startsAt: Instant,
  endsAt: Instant,
  phone: z.string().max(64),
  status: z.enum(CALLBACK_STATUSES),
  attempts: z.number().int().nonnegative(),
  note: z.string().max(10_000).nullable(),
  version: Version,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Callback = z.infer<typeof Callback>;

/** Every entity kind of the feed, in the order a bootstrap delivers them (referenced before referencing). */
export const ENTITY_KINDS = [
  'category',
  'agent',
  'account',
  'ticket',
  'message',
  'recovery',
  'callback',
  'audit',
] as const;
export const EntityKind = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof EntityKind>;

export const ENTITY_SCHEMAS = {
  category: Category,
  agent: Agent,
  account: Account,
  ticket: Ticket,
  message: TicketMessage,
  recovery: RecoveryRequest,
  callback: Callback,
  audit: AuditEntry,
} as const satisfies Record<EntityKind, z.ZodType>;

export interface EntityTypes {
  category: Category;
  agent: Agent;
  account: Account;
  ticket: Ticket;
  message: TicketMessage;
  recovery: RecoveryRequest;
  callback: Callback;
  audit: AuditEntry;
}
