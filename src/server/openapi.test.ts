/**
 * Real requests against the reference backend (real seed), each answer
 * validated against docs/openapi.yaml. Ends by checking that every
 * documented operation was exercised.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, Agent, RecoveryRequest, Ticket } from '../shared/entities.js';
import { ChangePage, PATHS, WireChange } from '../shared/sync-protocol.js';
import { DEFAULT_NOW } from './seed/index.js';
import { PDF_BYTES } from './testing/fixture-seed.js';
import { call, login, mutate, startSeededTestBackend } from './testing/harness.js';
import type { JsonAnswer, TestBackend } from './testing/harness.js';
import { OpenApiValidator } from './testing/openapi-validator.js';

const api = new OpenApiValidator(path.join(import.meta.dirname, '../../docs/openapi.yaml'));

describe('OpenAPI document matches the real answers', () => {
  let backend: TestBackend;
  let lea: string;
  let portal: string;
  const records = new Map<string, unknown>();
  const all = <K>(kind: string): K[] =>
    [...records.entries()].filter(([k]) => k.startsWith(`${kind}:`)).map(([, v]) => v as K);

  function check(method: string, template: string, a: JsonAnswer): JsonAnswer {
    api.check(method, template, a.status, a.body);
    return a;
  }
  /** The reference backend's cursor with another history's anchor, as a restored or replaced database would see it. */
  const otherHistory = (cursor: string): string => {
    const fields = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    return Buffer.from(JSON.stringify({ ...fields, x: 'A'.repeat(22) })).toString('base64url');
  };
  let liveCursor = '';
  async function mut(name: Parameters<typeof mutate>[2], template: string, id: string, body: object, token = lea) {
    return check('POST', template, await mutate(backend.url, token, name, id, body));
  }

  beforeAll(async () => {
    backend = await startSeededTestBackend({
      seed: { seed: 1, accounts: 40, tickets: 80, recoveries: 10, callbacks: 6 },
      demo: true,
      now: () => DEFAULT_NOW,
      maxUploadBytes: 64 * 1024,
    });
    lea = await login(backend.url, 'lea');
    portal = await login(backend.url, 'portal', 'portal');
  });
  afterAll(() => backend.dispose());

  it('auth', async () => {
    const ok = check(
      'POST',
      PATHS.login,
      await call(backend.url, 'POST', PATHS.login, { body: { login: 'lea', password: 'demo' } }),
    );
    expect(ok.status).toBe(200);
    check(
      'POST',
      PATHS.login,
      await call(backend.url, 'POST', PATHS.login, { body: { login: 'lea', password: 'nope' } }),
    );
    check('POST', PATHS.login, await call(backend.url, 'POST', PATHS.login, { body: {} }));
    expect(check('GET', PATHS.me, await call(backend.url, 'GET', PATHS.me, { token: lea })).status).toBe(200);
    check('GET', PATHS.me, await call(backend.url, 'GET', PATHS.me));

    const { refreshToken } = ok.body as { refreshToken: string };
    const refreshed = check(
      'POST',
      PATHS.refresh,
      await call(backend.url, 'POST', PATHS.refresh, { body: { refreshToken } }),
    );
    expect(refreshed.status).toBe(200);
    check('POST', PATHS.refresh, await call(backend.url, 'POST', PATHS.refresh, { body: {} }));
    const reused = check(
      'POST',
      PATHS.refresh,
      await call(backend.url, 'POST', PATHS.refresh, { body: { refreshToken } }),
    );
    expect(reused.status).toBe(401);
    const session = await login(backend.url, 'marco');
    const out = await call(backend.url, 'POST', PATHS.logout, { token: session });
    api.mark('POST', PATHS.logout, out.status);
    expect(out.status).toBe(204);
    expect(check('POST', PATHS.logout, await call(backend.url, 'POST', PATHS.logout)).status).toBe(401);
    expect(check('GET', PATHS.me, await call(backend.url, 'GET', PATHS.me, { token: session })).status).toBe(401);

    // A login nobody has, so that no login the other tests use gets throttled.
    const guess = (): Promise<JsonAnswer> =>
      call(backend.url, 'POST', PATHS.login, { body: { login: 'nobody', password: 'guess' } });
    for (let i = 0; i < 5; i++) check('POST', PATHS.login, await guess());
    const limited = check('POST', PATHS.login, await guess());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('changes, across phases', async () => {
    let cursor = '';
    const phases = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const a = check(
        'GET',
        PATHS.changes,
        await call(backend.url, 'GET', `${PATHS.changes}?limit=150&cursor=${cursor}`, { token: lea }),
      );
      const page = ChangePage.parse(a.body);
      phases.add(page.phase);
      for (const raw of page.changes) {
        const c = WireChange.parse(raw);
        if (c.op === 'upsert') records.set(`${c.kind}:${c.id}`, c.data);
      }
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect([...phases]).toEqual(['urgent', 'history', 'live']);
    expect((await backend.checksums()).ticket.count).toBe(all('ticket').length);
    check('GET', PATHS.changes, await call(backend.url, 'GET', `${PATHS.changes}?cursor=%%%`, { token: lea }));
    const diverged = check(
      'GET',
      PATHS.changes,
      await call(backend.url, 'GET', `${PATHS.changes}?cursor=${otherHistory(cursor)}`, { token: lea }),
    );
    expect(diverged.status).toBe(410);
    liveCursor = cursor;
    check('GET', PATHS.changes, await call(backend.url, 'GET', PATHS.changes));
    check('GET', PATHS.changes, await call(backend.url, 'GET', PATHS.changes, { token: portal }));
    backend.setFaults({ errorRate: 1, seed: 3 });
    const statuses = new Set<number>();
    for (let i = 0; i < 20 && statuses.size < 2; i++) {
      statuses.add(check('GET', PATHS.changes, await call(backend.url, 'GET', PATHS.changes, { token: lea })).status);
    }
    backend.setFaults({ errorRate: 0 });
    expect([...statuses].sort()).toEqual([500, 503]);
  });

  it('events handshake', async () => {
    const abort = new AbortController();
    const res = await fetch(backend.url + PATHS.events, {
      headers: { authorization: `Bearer ${lea}` },
      signal: abort.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    // The stream's first bytes (`retry`) and the head event, read from the database after them, may come in one
    // chunk or two (SQLite answers within the same turn, PostgreSQL over its connection): read up to the event.
    const reader = res.body?.getReader();
    let text = '';
    while (!/data: .*\n/.test(text)) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) throw new Error('the push stream ended before its first event');
      text += new TextDecoder().decode(chunk.value as Uint8Array);
    }
    abort.abort();
    const data = /data: (.*)\n/.exec(text)?.[1] ?? '';
    expect(JSON.parse(data)).toHaveProperty('head');
    api.mark('GET', PATHS.events, res.status);
    check('GET', PATHS.events, await call(backend.url, 'GET', PATHS.events));
    check('GET', PATHS.events, await call(backend.url, 'GET', PATHS.events, { token: portal }));
  });

  it('ticket mutations', async () => {
    const tickets = all<Ticket>('ticket').filter((t) => t.duplicateOfId === null && t.channel !== 'chat');
    // A merge keeps to one customer and an open target: c and d are two tickets of the same account.
    const c = tickets.find((t) => t.status !== 'closed' && tickets.some((o) => o !== t && o.accountId === t.accountId));
    const d = tickets.find((t) => t !== c && t.accountId !== null && t.accountId === c?.accountId);
    const [a, b] = tickets.filter((t) => t !== c && t !== d);
    if (!a || !b || !c || !d) throw new Error('seed has too few tickets');
    const category = all<{ id: string }>('category').find((x) => x.id !== a.categoryId && x.id !== 'termination');
    const jonas = await login(backend.url, 'jonas');
    const R = '/v1/tickets/{id}/recategorise';
    expect((await mut('recategorise', R, a.id, { baseVersion: a.version, categoryId: category?.id })).status).toBe(200);
    await mut('recategorise', R, a.id, { baseVersion: a.version, categoryId: category?.id }); // 409 stale
    await mut('recategorise', R, a.id, { baseVersion: a.version + 1, categoryId: 'nope' }); // 422
    await mut('recategorise', R, a.id, { baseVersion: 'x' }); // 400
    await mut('recategorise', R, '999999', { baseVersion: 1, categoryId: 'x' }); // 404
    await mut('recategorise', R, a.id, { baseVersion: 1, categoryId: 'x' }, jonas); // 403
    check('POST', R, await call(backend.url, 'POST', `/v1/tickets/${a.id}/recategorise`, { body: {} })); // 401
    const diverged = await call(backend.url, 'POST', `/v1/tickets/${a.id}/recategorise`, {
      token: lea,
      body: { baseVersion: a.version + 1, categoryId: a.categoryId },
      headers: { 'idempotency-key': 'openapi-other-history', 'sync-cursor': otherHistory(liveCursor) },
    });
    expect(check('POST', R, diverged).status).toBe(409); // history_diverged, without current
    expect(
      (
        await mut('assign', '/v1/tickets/{id}/assign', b.id, {
          baseVersion: b.version,
          assigneeId: all<Agent>('agent')[0]?.id,
        })
      ).status,
    ).toBe(200);
    expect(
      (await mut('setStatus', '/v1/tickets/{id}/status', b.id, { baseVersion: b.version + 1, status: 'open' })).status,
    ).toBe(200);
    expect((await mut('reply', '/v1/tickets/{id}/reply', c.id, { baseVersion: c.version, body: 'Merci' })).status).toBe(
      200,
    );
    expect((await mut('merge', '/v1/tickets/{id}/merge', d.id, { baseVersion: d.version, intoId: c.id })).status).toBe(
      200,
    );
    const e = tickets.find((t) => t.level === 1 && ![a, b, c, d].includes(t));
    if (!e) throw new Error('no level-one ticket');
    expect((await mut('escalate', '/v1/tickets/{id}/escalate', e.id, { baseVersion: e.version })).status).toBe(200);
  });

  it('recovery decisions and documents', async () => {
    const pending = all<RecoveryRequest>('recovery').filter((r) => r.status === 'pending');
    const r = pending.find((x) => x.documents.length > 0);
    if (!r) throw new Error('no pending request with a document');
    const D = '/v1/recovery-requests/{id}/decision';
    const doc = r.documents[0];
    if (!doc) throw new Error('no document');
    const G = '/v1/documents/{id}';
    // The kind is not confirmed and the document not opened: 422.
    check('POST', D, await mut('decideRecovery', D, r.id, { baseVersion: r.version, decision: 'approve' }));
    const res = await fetch(backend.url + PATHS.document(doc.id), { headers: { authorization: `Bearer ${lea}` } });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-sha256')).toBe(doc.sha256);
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-audit-entry')).toMatch(/^\d+$/);
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(doc.size);
    api.mark('GET', G, res.status);
    expect(
      (
        await mut('decideRecovery', D, r.id, {
          baseVersion: r.version,
          decision: 'request_info',
          message: 'Bitte Ausweis',
        })
      ).status,
    ).toBe(200);
    const V = '/v1/recovery-requests/{id}/document-views';
    const viewed = await mut('recordDocumentView', V, r.id, {
      documentId: doc.id,
      checklist: { format_matches: 'pass' },
    });
    expect(viewed.status).toBe(200);
    expect((await mut('recordDocumentView', V, r.id, { documentId: 'doc-elsewhere' })).status).toBe(422);
    expect(
      (
        await mut('decideRecovery', D, r.id, {
          baseVersion: r.version + 1,
          decision: 'reject',
          reasonCode: 'other',
          reasonSentence: 'Die Kopie ist unleserlich.',
          message: 'Guten Tag\n\nDie Kopie ist unleserlich.',
        })
      ).status,
    ).toBe(200);
    expect((await mut('decideRecovery', D, r.id, { baseVersion: r.version + 2, decision: 'approve' })).status).toBe(
      409,
    );
    const sophie = await login(backend.url, 'sophie');
    check('GET', G, await call(backend.url, 'GET', PATHS.document('missing'), { token: lea }));
    check('GET', G, await call(backend.url, 'GET', PATHS.document(doc.id)));
    check('GET', G, await call(backend.url, 'GET', PATHS.document(doc.id), { token: sophie }));
    // Rejected, and the retention is 0: the bytes went with the decision.
    check('GET', G, await call(backend.url, 'GET', PATHS.document(doc.id), { token: lea }));
  });

  it('intake and callbacks', async () => {
    const entitled =
      all<Account>('account').find((a) => (a.prioritySupportUntil ?? '') >= '2100-01-01') ??
      all<Account>('account').find(
        // Priority Support must still be active on the day of the call (the week after the seed's now).
        (a) => a.prioritySupportUntil !== null && a.prioritySupportUntil >= '2026-03-31',
      );
    const plain = all<Account>('account').find((a) => a.prioritySupportUntil === null);
    if (!entitled || !plain) throw new Error('seed lacks entitled or plain accounts');
    const I = '/v1/intake/tickets';
    const ticket = {
      accountId: entitled.id,
      channel: 'portal',
      categoryId: 'email',
      subject: 'Rappel SVP',
      body: 'Mes e-mails rebondissent.',
      requesterName: 'Client',
      requesterEmail: entitled.registeredEmails[0],
      language: 'fr',
      callbackPhone: '+41 21 000 00 00',
    };
    const created = check('POST', I, await call(backend.url, 'POST', I, { token: portal, body: ticket }));
    expect(created.status, created.text).toBe(201);
    check('POST', I, await call(backend.url, 'POST', I, { token: portal, body: { channel: 'portal' } }));
    check('POST', I, await call(backend.url, 'POST', I, { body: ticket }));
    check('POST', I, await call(backend.url, 'POST', I, { token: lea, body: ticket }));
    check('POST', I, await call(backend.url, 'POST', I, { token: portal, body: { ...ticket, accountId: plain.id } }));

    const t = created.body as Ticket;
    const expert = all<Agent>('agent').find((a) => a.roles.includes('expert'));
    if (!expert) throw new Error('no expert');
    const S = '/v1/tickets/{id}/callbacks';
    let answer: JsonAnswer | undefined;
    // The Monday after the seed's now; walk the quarter-hours until a free one.
    for (let q = 0; q < 16 && answer?.status !== 200; q++) {
      const startsAt = new Date(Date.UTC(2026, 2, 23, 7, 0) + q * 15 * 60_000).toISOString();
      answer = await mut('scheduleCallback', S, t.id, { baseVersion: 1, expertId: expert.id, startsAt });
    }
    expect(answer?.status).toBe(200);
    const cb = (answer?.body as { changes: { kind: string; id: string }[] }).changes.find((c) => c.kind === 'callback');
    if (!cb) throw new Error('no callback');
    await mut('scheduleCallback', S, t.id, {
      baseVersion: 2,
      expertId: expert.id,
      startsAt: '2026-03-21T09:00:00.000Z',
    }); // Saturday: 422
    const RS = '/v1/callbacks/{id}/reschedule';
    expect(
      (
        await mut('rescheduleCallback', RS, cb.id, {
          baseVersion: 1,
          expertId: expert.id,
          startsAt: '2026-03-24T13:00:00.000Z',
        })
      ).status,
    ).toBe(200);
    const C = '/v1/callbacks/{id}/close';
    expect((await mut('closeCallback', C, cb.id, { baseVersion: 2, outcome: 'no_answer' })).status).toBe(200);

    const P = '/v1/intake/recovery-requests';
    const submit = async (fields: Record<string, string>, bytes?: Buffer): Promise<JsonAnswer> => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      if (bytes) form.set('document', new Blob([bytes], { type: 'application/pdf' }), 'id.pdf');
      const res = await fetch(backend.url + P, {
        method: 'POST',
        headers: { authorization: `Bearer ${portal}` },
        body: form,
      });
      const text = await res.text();
      return check('POST', P, { status: res.status, headers: res.headers, text, body: JSON.parse(text) as unknown });
    };
    const form = {
      firstName: entitled.firstName || 'A',
      lastName: entitled.lastName || 'B',
      customerNumber: entitled.customerNumber,
      contactEmail: 'me@example.org',
      resetEmail: 'me@example.org',
      phone: '+41 79 000 00 00',
      street: 'Rue 1',
      postalCode: '1000',
      city: 'Lausanne',
      country: 'CH',
      language: 'fr',
    };
    const ok = await submit(form, PDF_BYTES);
    expect(ok.status, ok.text).toBe(201);
    expect((ok.body as RecoveryRequest).matchedAccountId).toBe(entitled.id);
    expect((await submit({ ...form, city: '' }, PDF_BYTES)).status).toBe(400);
    expect((await submit(form, Buffer.concat([PDF_BYTES, Buffer.alloc(65 * 1024)]))).status).toBe(413);
    expect((await submit(form, Buffer.from('plain text'))).status).toBe(415);
    check('POST', P, await call(backend.url, 'POST', P, { token: lea, body: {} }));
    check('POST', P, await call(backend.url, 'POST', P, { body: {} }));
  });

  it('ticket attachments', async () => {
    const ticket = all<Ticket>('ticket').find((t) => t.attachments.length > 0);
    const file = ticket?.attachments[0];
    if (!file) throw new Error('the seed has no ticket attachment');
    const G = '/v1/attachments/{id}';
    const res = await fetch(backend.url + PATHS.attachment(file.id), { headers: { authorization: `Bearer ${lea}` } });
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('x-content-sha256')).toBe(file.sha256);
    expect(res.headers.get('content-disposition')).toBe('attachment');
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(file.size);
    api.mark('GET', G, res.status);
    const jonas = await login(backend.url, 'jonas');
    const identity = all<RecoveryRequest>('recovery').flatMap((r) => r.documents)[0];
    check('GET', G, await call(backend.url, 'GET', PATHS.attachment(file.id)));
    check('GET', G, await call(backend.url, 'GET', PATHS.attachment(file.id), { token: jonas }));
    check('GET', G, await call(backend.url, 'GET', PATHS.attachment(identity?.id ?? 'missing'), { token: lea }));
  });

  it('presence, and its push event', async () => {
    const P = '/v1/presence';
    const marco = await login(backend.url, 'marco');
    const abort = new AbortController();
    const res = await fetch(backend.url + PATHS.events, {
      headers: { authorization: `Bearer ${lea}` },
      signal: abort.signal,
    });
    const reader = res.body?.getReader();
    let text = '';
    const said = await call(backend.url, 'POST', P, { token: marco, body: { ticketId: '1', activity: 'replying' } });
    expect(said.status).toBe(204);
    api.mark('POST', P, said.status);
    while (!text.includes('event: presence')) {
      const chunk = await reader?.read();
      if (chunk === undefined || chunk.done) throw new Error('the push stream ended before the presence event');
      text += new TextDecoder().decode(chunk.value as Uint8Array);
    }
    abort.abort();
    const data = /event: presence\ndata: (.*)\n/.exec(text)?.[1] ?? '';
    api.checkEvent(PATHS.events, 'presence', JSON.parse(data));
    check('POST', P, await call(backend.url, 'POST', P, { token: marco, body: { ticketId: 1 } }));
    check('POST', P, await call(backend.url, 'POST', P, { body: { ticketId: null, activity: 'viewing' } }));
    const jonas = await login(backend.url, 'jonas');
    const refused = check(
      'POST',
      P,
      await call(backend.url, 'POST', P, { token: jonas, body: { ticketId: null, activity: 'viewing' } }),
    );
    expect(refused.status).toBe(403);
  });

  it('every documented operation was exercised, and every documented error shape', () => {
    const touched = new Set([...api.seen].map((s) => s.split(' ').slice(0, 2).join(' ')));
    expect(api.operations().filter((op) => !touched.has(op))).toEqual([]);
    const statuses = new Set([...api.seen].map((s) => s.split(' ')[2]));
    expect([...statuses].sort()).toEqual([
      '200',
      '201',
      '204',
      '400',
      '401',
      '403',
      '404',
      '409',
      '410',
      '413',
      '415',
      '422',
      '429',
      '500',
      '503',
    ]);
  });
});
