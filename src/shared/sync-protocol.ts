/**
 * The sync API between the console and a helpdesk backend, version 1.
 * docs/openapi.yaml is the same contract written for people; a test checks
 * that the reference backend's real answers match it.
 *
 * The change feed is one endpoint with an opaque cursor. The server decides
 * the order: a bootstrap first delivers what agents need now (phase
 * "urgent": categories, agents, accounts, open/pending/assigned tickets and
 * their messages, pending recovery requests, upcoming callbacks), then
 * "history", then "live" changes in commit order. A client stores the cursor
 * with each applied page, in the same transaction, and resumes from it.
 */
import { z } from 'zod';
import { ENTITY_SCHEMAS, EntityKind, Role } from './entities.js';
import type { EntityTypes } from './entities.js';

export const API_PREFIX = '/v1';
export const MAX_PAGE_SIZE = 1000;
export const DEFAULT_PAGE_SIZE = 500;

export const PATHS = {
  login: `${API_PREFIX}/auth/login`,
  refresh: `${API_PREFIX}/auth/refresh`,
  logout: `${API_PREFIX}/auth/logout`,
  me: `${API_PREFIX}/me`,
  changes: `${API_PREFIX}/changes`,
  events: `${API_PREFIX}/events`,
  document: (id: string) => `${API_PREFIX}/documents/${encodeURIComponent(id)}`,
  attachment: (id: string) => `${API_PREFIX}/attachments/${encodeURIComponent(id)}`,
} as const;

/**
 * The backend's data is not the history the client's cursor was handed out
 * in (restored from an older copy, or replaced). On the feed (410): empty
 * the cache and bootstrap again. On a mutation (409): the action was made on
 * records of that other history and was not applied.
 */
export const HISTORY_DIVERGED = 'history_diverged';

/**
 * Request header of a mutation: the feed cursor of the cache the action was
 * made in. The backend refuses the action (409 history_diverged) when that
 * cursor is not of its history, so an action never lands on a record that
 * only shares the id of the one the person saw.
 */
export const SYNC_CURSOR_HEADER = 'Sync-Cursor';

export const SYNC_PHASES = ['urgent', 'history', 'live'] as const;
export const SyncPhase = z.enum(SYNC_PHASES);
export type SyncPhase = z.infer<typeof SyncPhase>;

export const LoginRequest = z.object({
  login: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * Also the answer to a refresh. The token lifetimes are optional: a helpdesk
 * whose tokens do not end leaves them out, and the console keeps its token
 * until a 401.
 */
export const LoginResponse = z.object({
  token: z.string().min(16),
  /** When `token` stops being accepted (401 token_expired). */
  expiresAt: z.iso.datetime().optional(),
  /** Buys a new pair of tokens once (PATHS.refresh); a second use ends the session. */
  refreshToken: z.string().min(16).optional(),
  /** The session's end: after it, only a new login helps. */
  refreshExpiresAt: z.iso.datetime().optional(),
  agent: z.object({ id: z.string(), name: z.string(), roles: z.array(Role) }),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(16).max(200) });
export type RefreshRequest = z.infer<typeof RefreshRequest>;

/**
 * One change as it travels. `data` is left unknown on purpose: the client
 * validates it per kind (see parseChangeData) so that one bad record is kept
 * aside without rejecting the whole page.
 */
export const WireChange = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('upsert'),
    kind: EntityKind,
    id: z.string().min(1),
    version: z.number().int(),
    data: z.unknown(),
  }),
  z.object({ op: z.literal('delete'), kind: EntityKind, id: z.string().min(1) }),
]);
export type WireChange = z.infer<typeof WireChange>;

export const ChangePage = z.object({
  changes: z.array(z.unknown()),
  /** Opaque; pass it back unchanged to get the next page. */
  cursor: z.string().min(1),
  /** Phase of the records in this page. */
  phase: SyncPhase,
  /** True while more pages are ready right now; false once the client is at the head. */
  hasMore: z.boolean(),
  /** Bootstrap progress: records delivered so far and the total expected, when known. */
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
});
export type ChangePage = z.infer<typeof ChangePage>;

/** Server-sent event payload on PATHS.events, event name "changes". Heartbeats are SSE comments. */
export const PushEvent = z.object({ head: z.string().min(1) });
export type PushEvent = z.infer<typeof PushEvent>;

export type ValidChange =
  | { [K in EntityKind]: { op: 'upsert'; kind: K; id: string; version: number; record: EntityTypes[K] } }[EntityKind]
  | { op: 'delete'; kind: EntityKind; id: string };

export type ParsedChange =
  { ok: true; change: ValidChange } | { ok: false; kind: string; id: string; reason: string; raw: unknown };

/** Validates one change of a page on its own, so an invalid record never hides the valid ones around it. */
export function parseChange(raw: unknown): ParsedChange {
  const envelope = WireChange.safeParse(raw);
  if (!envelope.success) {
    const obj = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const label = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
    return { ok: false, kind: label(obj.kind), id: label(obj.id), reason: z.prettifyError(envelope.error), raw };
  }
  const change = envelope.data;
  if (change.op === 'delete') return { ok: true, change };
  const record = ENTITY_SCHEMAS[change.kind].safeParse(change.data);
  if (!record.success) {
    return { ok: false, kind: change.kind, id: change.id, reason: z.prettifyError(record.error), raw };
  }
  const data = record.data as { id: string; version: number };
  if (data.id !== change.id || data.version !== change.version) {
    return { ok: false, kind: change.kind, id: change.id, reason: 'envelope id/version differ from the record', raw };
  }
  return {
    ok: true,
    change: {
      op: 'upsert',
      kind: change.kind,
      id: change.id,
      version: change.version,
      record: record.data,
    } as ValidChange,
  };
}

/** Body of every non-2xx answer. `reason` is machine-readable (e.g. "stale_version", "role_missing"). */
export const ApiError = z.object({
  error: z.object({
    reason: z.string(),
    message: z.string(),
    /** The record as it is now, on a 409 conflict and on a mutation's 422 refusal. */
    current: z.unknown().optional(),
    /** Per-field problems, on a 400 validation failure. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
