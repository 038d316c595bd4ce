/** Building blocks of the mutation rules: loading with version checks, bumping, refusing. */
import type { Database } from 'better-sqlite3';
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import type { RefusalCode } from '../../shared/refusal-codes.js';
import { HttpError, notFound } from '../http/errors.js';
import type { RecordStore } from '../store/records.js';

export interface MutationContext {
  records: RecordStore;
  db: Database;
  /** The agent acting. */
  agentId: string;
  now: Date;
  /** How long a decided request's documents keep their bytes (0: deleted with the decision). */
  documentRetentionMs: number;
}

/** Upsert changes (wire JSON) of every record the mutation touched. */
export type Touched = string[];

const LABEL: Record<EntityKind, string> = {
  category: 'Category',
  agent: 'Agent',
  account: 'Account',
  ticket: 'Ticket',
  message: 'Message',
  recovery: 'Recovery request',
  callback: 'Callback',
  audit: 'Audit entry',
};

const STALE_VERSION: RefusalCode = 'stale_version';

/** 422: a rule forbids the action; reason is one of RULE_REASONS. */
export function refuse(reason: RefusalCode, message: string): HttpError {
  return new HttpError(422, reason, message);
}

/** 409 with the record as it is now, so the console can show what changed. */
export function conflict(reason: RefusalCode, message: string, current: unknown): HttpError {
  return new HttpError(409, reason, message, { current });
}

export function mustGet<K extends EntityKind>(ctx: MutationContext, kind: K, id: string): EntityTypes[K] {
  const rec = ctx.records.get(kind, id);
  if (!rec) throw notFound(`${LABEL[kind]} ${id}`);
  return rec;
}

/** The record the action is about: 404 when absent, 409 stale_version when the person saw an older version. */
export function loadForUpdate<K extends EntityKind>(
  ctx: MutationContext,
  kind: K,
  id: string,
  baseVersion: number,
): EntityTypes[K] {
  const rec = mustGet(ctx, kind, id);
  if (rec.version !== baseVersion) {
    throw conflict(
      STALE_VERSION,
      `${LABEL[kind]} ${id} changed since you saw it (version ${baseVersion}, now ${rec.version}).`,
      rec,
    );
  }
  return rec;
}

/** The record with `patch` applied, version + 1 and updatedAt = now. */
export function bump<T extends { version: number; updatedAt: string }>(rec: T, now: Date, patch: Partial<T>): T {
  return { ...rec, ...patch, version: rec.version + 1, updatedAt: now.toISOString() };
}

export function requireAgent(ctx: MutationContext, id: string): EntityTypes['agent'] {
  const agent = ctx.records.get('agent', id);
  if (!agent) throw refuse('unknown_agent', `Agent ${id} does not exist.`);
  return agent;
}
