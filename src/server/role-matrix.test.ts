/**
 * Every route of the backend × every kind of caller (each role, all roles,
 * no token, a malformed, an expired and a revoked token), over real HTTP: the
 * status each gets, as docs/openapi.yaml says, and for the change feed which
 * record kinds come back ("Role scopes"). The table is checked against the
 * routes the app really serves, so a new route without a row fails here.
 * Requests are built to be refused before they change anything (a body the
 * route rejects), except the reads and logout (of sessions opened for it).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENTITY_KINDS } from '../shared/entities.js';
import type { EntityKind } from '../shared/entities.js';
import { MUTATIONS, mutationPath } from '../shared/mutations.js';
import type { MutationName } from '../shared/mutations.js';
import { API_PREFIX, PATHS } from '../shared/sync-protocol.js';
import { FeedClient } from './testing/feed-client.js';
import { call, login, mutate, reasonOf, TEST_NOW } from './testing/harness.js';
import { startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

const CALLERS = [
  'agent',
  'verifier',
  'expert',
  'intake',
  'all-roles',
  'no-token',
  'malformed-token',
  'expired-token',
  'revoked-token',
] as const;
type Caller = (typeof CALLERS)[number];
type Statuses = Record<Caller, number>;
const NO_VALID_TOKEN: readonly Caller[] = ['no-token', 'malformed-token', 'expired-token', 'revoked-token'];

/** The seeded logins behind each caller (src/server/testing/fixture-seed.ts and the portal's service login). */
const LOGINS = {
  agent: ['marco', 'demo'],
  verifier: ['jonas', 'demo'],
  expert: ['sophie', 'demo'],
  intake: ['portal', 'portal'],
  'all-roles': ['lea', 'demo'],
} as const;

const CONSOLE: readonly Caller[] = ['agent', 'verifier', 'expert'];

/**
 * `ok` for the callers that hold one of `roles` (all-roles holds the three console roles, not the
 * portal's intake), 403 for the others, 401 without a valid token.
 */
function onlyFor(roles: readonly Caller[], ok: number): Statuses {
  const s = {} as Statuses;
  const allRoles = roles.some((r) => CONSOLE.includes(r));
  for (const c of CALLERS) {
    const holds = roles.includes(c) || (c === 'all-roles' && allRoles);
    s[c] = NO_VALID_TOKEN.includes(c) ? 401 : holds ? ok : 403;
  }
  return s;
}

/** The same answer whoever asks (the test endpoints need no token; login ignores the header). */
function everyone(status: number): Statuses {
  return Object.fromEntries(CALLERS.map((c) => [c, status])) as Statuses;
}

interface Row {
  method: string;
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** An SSE stream: only its status is read, then it is closed. */
  stream?: boolean;
  /** The call ends the caller's session: each caller with a login signs in again for it. */
  freshSession?: boolean;
  expect: Statuses;
}

let keys = 0;

/** A mutation with an empty body: its role gets 400 invalid_body (role, then key, then body), the others 403. */
function mutationRow(name: MutationName): [string, Row] {
  const def = MUTATIONS[name];
  return [
    `POST ${API_PREFIX}${def.path}`,
    {
      method: 'POST',
      path: mutationPath(name, '1'),
      body: {},
      headers: { 'idempotency-key': `matrix-${name}` },
      expect: onlyFor([def.role], 400),
    },
  ];
}

const ROUTES: Record<string, Row> = {
  'POST /v1/auth/login': { method: 'POST', path: PATHS.login, body: {}, expect: everyone(400) },
  // Takes the refresh token in the body, whatever the Authorization header says.
  'POST /v1/auth/refresh': { method: 'POST', path: PATHS.refresh, body: {}, expect: everyone(400) },
  // Ends the bearer's session: also with an expired token of it, and again for one already ended.
  'POST /v1/auth/logout': {
    method: 'POST',
    path: PATHS.logout,
    freshSession: true,
    expect: { ...everyone(204), 'no-token': 401, 'malformed-token': 401 },
  },
  'GET /v1/me': { method: 'GET', path: PATHS.me, expect: onlyFor([...CONSOLE, 'intake'], 200) },
  'GET /v1/changes': { method: 'GET', path: `${PATHS.changes}?limit=1`, expect: onlyFor(CONSOLE, 200) },
  'GET /v1/events': { method: 'GET', path: PATHS.events, stream: true, expect: onlyFor(CONSOLE, 200) },
  ...Object.fromEntries((Object.keys(MUTATIONS) as MutationName[]).map(mutationRow)),
  // Documents for verifiers only (doc-1 is a recovery request's); the backend audits each download.
  'GET /v1/documents/:id': { method: 'GET', path: PATHS.document('doc-1'), expect: onlyFor(['verifier'], 200) },
  // Ticket attachments for the roles whose feed carries tickets (att-matrix is put in beforeAll).
  'GET /v1/attachments/:id': {
    method: 'GET',
    path: PATHS.attachment('att-matrix'),
    expect: onlyFor(['agent', 'expert'], 200),
  },
  // Presence names tickets: only the roles whose feed carries them (role, then body: an empty one is a 400).
  'POST /v1/presence': { method: 'POST', path: '/v1/presence', body: {}, expect: onlyFor(['agent', 'expert'], 400) },
  'POST /v1/intake/tickets': { method: 'POST', path: '/v1/intake/tickets', body: {}, expect: onlyFor(['intake'], 400) },
  'POST /v1/intake/recovery-requests': {
    method: 'POST',
    path: '/v1/intake/recovery-requests',
    body: {},
    expect: onlyFor(['intake'], 415),
  },
  // Registered only with testEndpoints: true, and then open to anyone (tests and benchmarks only).
  'PUT /v1/_test/faults': { method: 'PUT', path: '/v1/_test/faults', body: { latencyMs: -1 }, expect: everyone(400) },
  'GET /v1/_test/checksums': { method: 'GET', path: '/v1/_test/checksums', expect: everyone(200) },
  'GET /v1/_test/head': { method: 'GET', path: '/v1/_test/head', expect: everyone(200) },
  'POST /v1/_test/tickets/bulk-update': {
    method: 'POST',
    path: '/v1/_test/tickets/bulk-update',
    body: {},
    expect: everyone(400),
  },
  'POST /v1/_test/tickets': { method: 'POST', path: '/v1/_test/tickets', body: [], expect: everyone(400) },
  'PATCH /v1/_test/tickets/:id': { method: 'PATCH', path: '/v1/_test/tickets/999', body: {}, expect: everyone(404) },
  'POST /v1/_test/tickets/:id/recategorise': {
    method: 'POST',
    path: '/v1/_test/tickets/1/recategorise',
    body: {},
    expect: everyone(400),
  },
  'DELETE /v1/_test/records/:kind/:id': { method: 'DELETE', path: '/v1/_test/records/nokind/1', expect: everyone(400) },
  'PUT /v1/_test/records/:kind/:id': {
    method: 'PUT',
    path: '/v1/_test/records/nokind/1',
    body: {},
    expect: everyone(400),
  },
};

/** The kinds each caller's feed holds (docs/openapi.yaml, "Role scopes"), written out rather than read from the code. */
const FEED_KINDS: Partial<Record<Caller, readonly EntityKind[]>> = {
  agent: ['category', 'agent', 'account', 'ticket', 'message', 'callback'],
  verifier: ['category', 'agent', 'account', 'recovery', 'audit'],
  expert: ['category', 'agent', 'account', 'ticket', 'message', 'callback'],
  'all-roles': ENTITY_KINDS,
};

/** The record schemas of docs/openapi.yaml, by the kind whose records they describe. */
const SCHEMA_OF_KIND: Record<EntityKind, string> = {
  category: 'Category',
  agent: 'Agent',
  account: 'Account',
  ticket: 'Ticket',
  message: 'TicketMessage',
  recovery: 'RecoveryRequest',
  callback: 'Callback',
  audit: 'AuditEntry',
};

describe('role scopes in docs/openapi.yaml', () => {
  it('names, on each record schema, the roles whose feed holds it (x-feed-roles), as the feed serves them', () => {
    const doc = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as {
      components: { schemas: Record<string, { 'x-feed-roles'?: string[] }> };
    };
    for (const kind of ENTITY_KINDS) {
      const documented = doc.components.schemas[SCHEMA_OF_KIND[kind]]?.['x-feed-roles'];
      const served = CONSOLE.filter((role) => FEED_KINDS[role]?.includes(kind));
      expect({ kind, roles: [...(documented ?? [])].sort() }).toEqual({ kind, roles: [...served].sort() });
    }
  });
});

describe('role matrix: every route × every caller', () => {
  let backend: TestBackend;
  const clock = { now: TEST_NOW };
  const auth = {} as Record<Caller, Record<string, string>>;

  beforeAll(async () => {
    // A token handed out 13 hours ago has passed its 12 hours by the time the matrix runs.
    clock.now = new Date(TEST_NOW.getTime() - 13 * 3600_000);
    backend = await startTestBackend({ testEndpoints: true, now: () => clock.now });
    auth['expired-token'] = { authorization: `Bearer ${await login(backend.url, 'lea')}` };
    clock.now = TEST_NOW;
    for (const [caller, [user, password]] of Object.entries(LOGINS)) {
      auth[caller as Caller] = { authorization: `Bearer ${await login(backend.url, user, password)}` };
    }
    auth['no-token'] = {};
    auth['malformed-token'] = { authorization: 'Bearer not-a-token-this-server-issued' };
    auth['revoked-token'] = { authorization: `Bearer ${await login(backend.url, 'lea')}` };
    expect((await call(backend.url, 'POST', PATHS.logout, { headers: auth['revoked-token'] })).status).toBe(204);
    // An audit entry, so that the feed has one record of every kind.
    const jonas = (auth.verifier.authorization ?? '').slice('Bearer '.length);
    const view = await mutate(backend.url, jonas, 'recordDocumentView', '1', { documentId: 'doc-1' });
    expect(view.status).toBe(200);
    // A ticket attachment, as the seed stores one: a blob of no recovery request, put by the backend's storage.
    const bytes = Buffer.from('attachment of the role matrix');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const put = await backend.sql.run(
      'INSERT INTO document (id, bytes, size, sha256, recovery_id) VALUES (?, ?, ?, ?, NULL)',
      ['att-matrix', bytes, bytes.length, sha256],
    );
    expect(put.changes).toBe(1);
  });
  afterAll(async () => {
    await backend.dispose();
  });

  async function status(row: Row, caller: Caller): Promise<number> {
    const credentials = (LOGINS as Partial<Record<Caller, readonly [string, string]>>)[caller];
    const own =
      row.freshSession && credentials
        ? { authorization: `Bearer ${await login(backend.url, ...credentials)}` }
        : auth[caller];
    const headers = { ...own, ...row.headers };
    const key = row.headers?.['idempotency-key'];
    if (key !== undefined) headers['idempotency-key'] = `${key}-${caller}-${++keys}`;
    if (!row.stream) return (await call(backend.url, row.method, row.path, { headers, body: row.body })).status;
    const abort = new AbortController();
    const res = await fetch(backend.url + row.path, { headers, signal: abort.signal });
    abort.abort();
    return res.status;
  }

  it('has a row for every route the backend serves, and no row for a route it does not', () => {
    expect([...backend.routes].sort()).toEqual(Object.keys(ROUTES).sort());
  });

  // Before the logout row, which ends the expired token's session too.
  it('says why an ended token is refused: token_expired, token_revoked', async () => {
    const reasons = [];
    for (const caller of ['expired-token', 'revoked-token'] as const) {
      reasons.push(reasonOf(await call(backend.url, 'GET', PATHS.changes, { headers: auth[caller] })));
    }
    expect(reasons).toEqual(['token_expired', 'token_revoked']);
  });

  it.each(Object.entries(ROUTES))('%s answers each caller as the contract says', async (_route, row) => {
    const got = {} as Statuses;
    for (const caller of CALLERS) got[caller] = await status(row, caller);
    expect(got).toEqual(row.expect);
  });

  it.each(Object.entries(FEED_KINDS))('the feed of %s holds exactly its kinds', async (caller, kinds) => {
    const token = (auth[caller as Caller].authorization ?? '').slice('Bearer '.length);
    const client = new FeedClient(backend.url, token);
    await client.drain(7);
    const got = new Set([...client.records.keys()].map((key) => key.slice(0, key.indexOf(':'))));
    expect([...got].sort()).toEqual([...kinds].sort());
    // Complete for the kinds it holds: the same rows as the backend's.
    const mine = client.checksums();
    const server = await backend.checksums();
    for (const kind of kinds) expect(mine[kind]).toEqual(server[kind]);
  });

  it('refuses a cursor handed out for other roles, and a role change restarts the bootstrap without the old kinds', async () => {
    const lea = (auth['all-roles'].authorization ?? '').slice('Bearer '.length);
    const everything = new FeedClient(backend.url, lea);
    await everything.drain(50);
    const marco = (auth.agent.authorization ?? '').slice('Bearer '.length);
    const borrowed = await call(backend.url, 'GET', `${PATHS.changes}?cursor=${everything.cursor ?? ''}`, {
      token: marco,
    });
    expect([borrowed.status, reasonOf(borrowed)]).toEqual([400, 'bad_cursor']);

    // Jonas is moved from verification to the ticket queues: his verifier cursor is refused at once.
    const jonasToken = await login(backend.url, 'jonas');
    const before = new FeedClient(backend.url, jonasToken);
    await before.drain(50);
    expect([...before.records.keys()].some((k) => k.startsWith('recovery:'))).toBe(true);
    const jonas = await backend.admin.get('agent', '3');
    if (!jonas) throw new Error('fixture: agent 3 (Jonas) is missing');
    const moved = await call(backend.url, 'PUT', '/v1/_test/records/agent/3', {
      body: { ...jonas, roles: ['agent'], version: jonas.version + 1 },
    });
    expect(moved.status).toBe(200);
    const stale = await call(backend.url, 'GET', `${PATHS.changes}?cursor=${before.cursor ?? ''}`, {
      token: jonasToken,
    });
    expect([stale.status, reasonOf(stale)]).toEqual([400, 'bad_cursor']);
    const after = new FeedClient(backend.url, jonasToken);
    await after.drain(50);
    const kinds = new Set([...after.records.keys()].map((k) => k.slice(0, k.indexOf(':'))));
    expect(kinds.has('recovery') || kinds.has('audit')).toBe(false);
    expect(kinds.has('ticket')).toBe(true);
  });
});
