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
  /** Stored in the kind's side table (ticket bodies), keyed by the main row's rid. */
  readonly side?: true;
  /** An optional field of the contract: NULL means the record has no such field (not `null`). */
  readonly optional?: true;
}

export interface TableSpec {
  readonly table: string;
  readonly columns: readonly ColumnSpec[];
  /** A side table `(rid INTEGER PRIMARY KEY, <side columns>)` for bulky text (see 001-initial). */
  readonly side?: string;
}

const v = (column: string, field: string): ColumnSpec => ({ column, field, codec: 'value' });
const j = (column: string, field: string): ColumnSpec => ({ column, field, codec: 'json' });
const optionalJson = (column: string, field: string): ColumnSpec => ({ column, field, codec: 'json', optional: true });
const optionalValue = (column: string, field: string): ColumnSpec => ({
  column,
  field,
  codec: 'value',
  optional: true,
});

export const TABLES: Readonly<Record<EntityKind, TableSpec>> = {
  category: {
    table: 'categories',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      j('names', 'names'),
      v('position', 'position'),
      v('updated_at', 'updatedAt'),
    ],
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
      j('calendar', 'calendar'),
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
    side: 'ticket_bodies',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('account_id', 'accountId'),
      v('channel', 'channel'),
      v('category_id', 'categoryId'),
      v('subject', 'subject'),
      { column: 'body', field: 'body', codec: 'value', side: true },
      v('status', 'status'),
      v('priority', 'priority'),
      v('requester_name', 'requesterName'),
      v('requester_email', 'requesterEmail'),
      v('language', 'language'),
      v('callback_phone', 'callbackPhone'),
      j('attachments', 'attachments'),
      v('assignee_id', 'assigneeId'),
      v('duplicate_of_id', 'duplicateOfId'),
      optionalJson('merged_from', 'mergedFrom'),
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
      optionalValue('merged_from_id', 'mergedFromId'),
      optionalJson('attachments', 'attachments'),
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
  audit: {
    table: 'audit_entries',
    columns: [
      v('id', 'id'),
      v('version', 'version'),
      v('action', 'action'),
      v('recovery_id', 'recoveryId'),
      v('agent_id', 'agentId'),
      v('at', 'at'),
      v('document_id', 'documentId'),
      j('checklist', 'checklist'),
      v('reason_code', 'reasonCode'),
      v('document_kind', 'documentKind'),
      optionalJson('served', 'served'),
      v('updated_at', 'updatedAt'),
    ],
  },
};

export type SqlValue = string | number | bigint | Buffer | null;

/** Columns stored in the kind's own table. */
export const mainColumns = (spec: TableSpec): readonly ColumnSpec[] => spec.columns.filter((c) => c.side !== true);
/** Columns stored in its side table (ticket bodies). */
export const sideColumns = (spec: TableSpec): readonly ColumnSpec[] => spec.columns.filter((c) => c.side === true);

function toParams(columns: readonly ColumnSpec[], record: object): SqlValue[] {
  const source = record as Record<string, unknown>;
  return columns.map((c) => {
    const value = source[c.field];
    if (value === null || value === undefined) return null;
    if (c.codec === 'json') return JSON.stringify(value);
    return value as SqlValue;
  });
}

/** Main-table values in TABLES order, ready to bind positionally to upsertSql. */
export function recordToParams(spec: TableSpec, record: object): SqlValue[] {
  return toParams(mainColumns(spec), record);
}

/** Side-table values, to bind after the rid to sideUpsertSql. */
export function recordToSideParams(spec: TableSpec, record: object): SqlValue[] {
  return toParams(sideColumns(spec), record);
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
    if (c.optional === true && (value === null || value === undefined)) continue;
    out[c.field] = c.codec === 'json' && typeof value === 'string' ? (JSON.parse(value) as unknown) : (value ?? null);
  }
  return out as EntityTypes[K];
}

/** The select list for rebuilding records (with fromClause). */
export function selectColumns(spec: TableSpec): string {
  return spec.columns.map((c) => (c.side === true ? `s.${c.column} AS ${c.column}` : c.column)).join(', ');
}

/** `table t`, joined to its side table as `s` when it has one. */
export function fromClause(spec: TableSpec): string {
  return spec.side === undefined ? `${spec.table} t` : `${spec.table} t JOIN ${spec.side} s ON s.rid = t.rid`;
}

/** The version-guarded upsert: a repeated or older change never overwrites newer data. */
export function upsertSql(spec: TableSpec): string {
  const cols = mainColumns(spec).map((c) => c.column);
  const updates = cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`);
  return (
    `INSERT INTO ${spec.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE excluded.version > ${spec.table}.version` +
    // Only a row actually written comes back: the side table follows the version guard.
    (spec.side === undefined ? '' : ' RETURNING rid')
  );
}

/** Writes the side columns for the rid the main upsert returned. */
export function sideUpsertSql(spec: TableSpec): string | null {
  if (spec.side === undefined) return null;
  const cols = sideColumns(spec).map((c) => c.column);
  return (
    `INSERT INTO ${spec.side} (rid, ${cols.join(', ')}) VALUES (?, ${cols.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (rid) DO UPDATE SET ${cols.map((c) => `${c} = excluded.${c}`).join(', ')} ` +
    // Most live changes leave the body alone: skipping the identical ~1 KB rewrite saves a page write per row.
    `WHERE ${cols.map((c) => `${c} IS NOT excluded.${c}`).join(' OR ')}`
  );
}
