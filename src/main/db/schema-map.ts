/**
 * How each entity kind maps to its table: one real column per scalar field,
 * JSON text for arrays and nested objects. Reads rebuild the record exactly
 * as the feed gave it (same fields, same types), which the checksums rely on.
 */
import type { EntityKind, EntityTypes } from '../../shared/entities.js';

export type Codec = 'value' | 'json';

export interface ColumnSpec {
  readonly column: string;
  readonly field: string;
  readonly codec: Codec;
}

export interface TableSpec {
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
}

const v = (column: string, field: string): ColumnSpec => ({ column, field, codec: 'value' });
const j = (column: string, field: string): ColumnSpec => ({ column, field, codec: 'json' });

export const TABLES: Readonly<Record<EntityKind, TableSpec>> = {
  category: {
    table: 'categories',
    columns: [v('id', 'id'), v('version', 'version'), j('names', 'names'), v('position', 'position'), v('updated_at', 'updatedAt')],
  },
  agent: {
    table: 'agents',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('name', 'name'),
      v('email', 'email'),
      j('roles', 'roles'),
      j('languages', 'languages'),
      v('updated_at', 'updatedAt'),
    ],
  },
  account: {
    table: 'accounts',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('type', 'type'),
      v('customer_number', 'customerNumber'),
      v('first_name', 'firstName'),
      v('last_name', 'lastName'),
      v('organisation_name', 'organisationName'),
      j('registered_emails', 'registeredEmails'),
      v('language', 'language'),
      v('priority_support_until', 'prioritySupportUntil'),
      v('updated_at', 'updatedAt'),
    ],
  },
  ticket: {
    table: 'tickets',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('account_id', 'accountId'),
      v('channel', 'channel'),
      v('category_id', 'categoryId'),
      v('subject', 'subject'),
      v('body', 'body'),
      v('status', 'status'),
      v('priority', 'priority'),
      v('requester_name', 'requesterName'),
      v('requester_email', 'requesterEmail'),
      v('language', 'language'),
      v('callback_phone', 'callbackPhone'),
      j('attachments', 'attachments'),
      v('assignee_id', 'assigneeId'),
      v('duplicate_of_id', 'duplicateOfId'),
      v('level', 'level'),
      v('created_at', 'createdAt'),
      v('updated_at', 'updatedAt'),
    ],
  },
  message: {
    table: 'messages',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('ticket_id', 'ticketId'),
      v('author_agent_id', 'authorAgentId'),
      v('kind', 'kind'),
      v('body', 'body'),
      v('created_at', 'createdAt'),
      v('updated_at', 'updatedAt'),
    ],
  },
  recovery: {
    table: 'recovery_requests',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('status', 'status'),
      j('fields', 'fields'),
      v('language', 'language'),
      v('matched_account_id', 'matchedAccountId'),
      j('documents', 'documents'),
      j('decision', 'decision'),
      v('created_at', 'createdAt'),
      v('updated_at', 'updatedAt'),
    ],
  },
  callback: {
    table: 'callbacks',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('ticket_id', 'ticketId'),
      v('expert_id', 'expertId'),
      v('starts_at', 'startsAt'),
      v('ends_at', 'endsAt'),
      v('phone', 'phone'),
      v('status', 'status'),
      v('attempts', 'attempts'),
      v('note', 'note'),
      v('created_at', 'createdAt'),
      v('updated_at', 'updatedAt'),
    ],
  },
};

export type SqlValue = string | number | bigint | Buffer | null;

/** Column values in TABLES order, ready to bind positionally. */
export function recordToParams(spec: TableSpec, record: object): SqlValue[] {
  const source = record as Record<string, unknown>;
  return spec.columns.map((c) => {
    const value = source[c.field];
    if (value === null || value === undefined) return null;
    if (c.codec === 'json') return JSON.stringify(value);
    return value as SqlValue;
  });
}

/**
 * Rebuilds a record from a row. The cast is the single trust point: rows are
 * only ever written by recordToParams from records that passed the contract's
 * schema, and the round-trip is covered by the checksum tests.
 */
export function rowToRecord<K extends EntityKind>(kind: K, row: Record<string, unknown>): EntityTypes[K] {
  const out: Record<string, unknown> = {};
  for (const c of TABLES[kind].columns) {
    const value = row[c.column];
    out[c.field] = c.codec === 'json' && typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
  }
  return out as EntityTypes[K];
}

/** `SELECT col, ... FROM table` for rebuilding records. */
export function selectColumns(spec: TableSpec): string {
  return spec.columns.map((c) => c.column).join(', ');
}

/** The version-guarded upsert: a repeated or older change never overwrites newer data. */
export function upsertSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => c.column);
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE excluded.version > ${spec.table}.version`
  );
}
