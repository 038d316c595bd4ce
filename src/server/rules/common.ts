/** Building blocks of the mutation rules: loading with version checks, bumping, refusing. */
import type { EntityKind, EntityTypes } from '../../shared/entities.js';
import type { RefusalCode } from '../../shared/refusal-codes.js';
import { HttpError, notFound } from '../http/errors.js';
import type { SqlSession } from '../db/sql.js';
import type { RecordWriter } from '../store/records.js';

export interface MutationContext {
  /** The mutation's write transaction: every read that decides the action goes through it. */
  records: RecordWriter;
  /** The same transaction, for the rules' own queries. */
  db: SqlSession;
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

export async function mustGet<K extends EntityKind>(
  ctx: MutationContext,
  kind: K,
  id: string,
): Promise<EntityTypes[K]> {
  const rec = await ctx.records.get(kind, id);
  if (!rec) throw notFound(`${LABEL[kind]} ${id}`);
  return rec;
}

/** The record the action is about: 404 when absent, 409 stale_version when the person saw an older version. */
export async function loadForUpdate<K extends EntityKind>(
  ctx: MutationContext,
  kind: K,
  id: string,
  baseVersion: number,
): Promise<EntityTypes[K]> {
  const rec = await mustGet(ctx, kind, id);
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

export async function requireAgent(ctx: MutationContext, id: string): Promise<EntityTypes['agent']> {
  const agent = await ctx.records.get('agent', id);
  if (!agent) throw refuse('unknown_agent', `Agent ${id} does not exist.`);
  return agent;
}
