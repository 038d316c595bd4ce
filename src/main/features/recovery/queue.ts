/**
 * The verifier's queue and a request's verification screen, read from the
 * cache: open requests oldest first, duplicates of the same requester or
 * account grouped under their oldest request, each with the checklist's
 * verdict at a glance; the detail puts the submitted fields beside the
 * matched account.
 */
import type { AcceptedFormat } from '../../../shared/documents/formats.js';
import { cleanFileName } from '../../../shared/documents/file-name.js';
import type { Account, RecoveryRequest } from '../../../shared/entities.js';
import type { FieldComparison, RecoveryDetail, RecoveryQueueEntry } from '../../../shared/ipc-recovery.js';
import { normaliseEmail } from '../../../shared/recovery/checklist.js';
import { recoveryVerdict } from '../../../shared/recovery/verdict.js';
import { groupDuplicates } from '../../../shared/recovery/duplicates.js';
import type { CacheReader } from '../../db/types.js';

const OPEN: RecoveryRequest['status'][] = ['pending', 'info_requested'];
/** More open requests than a desk can work through in weeks; beyond it the queue shows the oldest. */
const QUEUE_LIMIT = 2000;

export type KnownFormats = ReadonlyMap<string, AcceptedFormat | null>;

function sniffedOf(req: RecoveryRequest, formats: KnownFormats): Record<string, AcceptedFormat | null> {
  const out: Record<string, AcceptedFormat | null> = {};
  for (const d of req.documents) {
    const f = formats.get(d.id);
    if (f !== undefined) out[d.id] = f;
  }
  return out;
}

function accountOf(reader: CacheReader, req: RecoveryRequest): Account | null {
  return req.matchedAccountId === null ? null : reader.getRecord('account', req.matchedAccountId);
}

export function recoveryQueue(reader: CacheReader, formats: KnownFormats): RecoveryQueueEntry[] {
  const open = reader.recoveryQueue(OPEN, QUEUE_LIMIT);
  return groupDuplicates(open).map(({ lead, duplicates }) => {
    const account = accountOf(reader, lead);
    // Nothing is confirmed from the queue: it says what fails already, or what is left to do.
    const verdict = recoveryVerdict({ request: lead, account, sniffed: sniffedOf(lead, formats), documentKinds: {} });
    return {
      id: lead.id,
      status: lead.status,
      createdAt: lead.createdAt,
      requesterName: `${lead.fields.firstName} ${lead.fields.lastName}`.trim(),
      organisationName: lead.fields.organisationName,
      language: lead.language,
      documentCount: lead.documents.length,
      verdict: verdict.state,
      failed: verdict.failed.map((f) => f.id),
      pending: verdict.pending,
      duplicates: duplicates.map((d) => ({ id: d.id, createdAt: d.createdAt })),
    };
  });
}

/** Names compared the way people read them: case, accents and spacing aside. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/gu, ' ').trim().toLowerCase();
  return norm(a) === norm(b);
}

export function compareFields(req: RecoveryRequest, account: Account | null): FieldComparison[] {
  const f = req.fields;
  if (account === null) {
    return (['firstName', 'lastName', 'organisationName', 'customerNumber', 'contactEmail', 'resetEmail'] as const).map(
      (field) => ({ field, submitted: f[field], account: null, matches: false }),
    );
  }
  const registered = account.registeredEmails.map(normaliseEmail);
  const email = (field: 'contactEmail' | 'resetEmail'): FieldComparison => ({
    field,
    submitted: f[field],
    account: account.registeredEmails.join(', '),
    matches: registered.includes(normaliseEmail(f[field])),
  });
  const text = (field: 'firstName' | 'lastName' | 'customerNumber', value: string): FieldComparison => ({
    field,
    submitted: f[field],
    account: value,
    matches: sameText(f[field], value),
  });
  const org = account.organisationName ?? '';
  return [
    // The form has no type field: an organisation name on an individual's account (or none on an organisation's) is the tell.
    {
      field: 'type',
      submitted: f.organisationName.trim() === '' ? 'individual' : 'organisation',
      account: account.type,
      matches: (f.organisationName.trim() === '') === (account.type === 'individual'),
    },
    text('firstName', account.firstName),
    text('lastName', account.lastName),
    {
      field: 'organisationName',
      submitted: f.organisationName,
      account: org,
      matches: sameText(f.organisationName, org),
    },
    text('customerNumber', account.customerNumber),
    email('contactEmail'),
    email('resetEmail'),
  ];
}

export function recoveryDetail(reader: CacheReader, id: string, formats: KnownFormats): RecoveryDetail | null {
  const request = reader.getRecord('recovery', id);
  if (request === null) return null;
  const account = accountOf(reader, request);
  const open = reader.recoveryQueue(OPEN, QUEUE_LIMIT);
  const group = groupDuplicates(open.some((r) => r.id === id) ? open : [...open, request]).find(
    (g) => g.lead.id === id || g.duplicates.some((d) => d.id === id),
  );
  const others = group === undefined ? [] : [group.lead, ...group.duplicates].filter((r) => r.id !== id);
  const decision = request.decision;
  return {
    request,
    account,
    comparisons: compareFields(request, account),
    documents: request.documents.map((meta) => {
      const sniffed = formats.get(meta.id);
      return sniffed === undefined
        ? { meta, displayName: cleanFileName(meta.declaredName) }
        : { meta, displayName: cleanFileName(meta.declaredName), sniffed };
    }),
    duplicates: others.map((r) => ({ id: r.id, createdAt: r.createdAt, status: r.status })),
    decided: decision === null ? null : { decision, agentName: agentName(reader, decision.agentId) },
  };
}

export function agentName(reader: CacheReader, agentId: string): string {
  return reader.getRecord('agent', agentId)?.name ?? agentId;
}
