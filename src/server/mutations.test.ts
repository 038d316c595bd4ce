import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ticket } from '../shared/entities.js';
import { MutationResult } from '../shared/mutations.js';
import { PATHS } from '../shared/sync-protocol.js';
import { call, login, mutate, reasonOf, startTestBackend } from './testing/harness.js';
import type { TestBackend } from './testing/harness.js';

describe('mutations', () => {
  let backend: TestBackend;
  let lea: string;
  let marco: string;
  const version = async (id: string): Promise<number> => (await backend.admin.get('ticket', id))?.version ?? 0;

  beforeAll(async () => {
    backend = await startTestBackend({ seed: { tickets: 20 } });
    lea = await login(backend.url, 'lea');
    marco = await login(backend.url, 'marco');
  });
  afterAll(async () => {
    await backend.dispose();
  });

  it('replays the first answer for a repeated key, and runs once', async () => {
    const body = { baseVersion: await version('10'), body: 'We are on it.' };
    const first = await mutate(backend.url, marco, 'reply', '10', body, 'reply-10');
    const again = await mutate(backend.url, marco, 'reply', '10', body, 'reply-10');
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    const changes = MutationResult.parse(first.body).changes;
    expect(changes.map((c) => c.kind).sort()).toEqual(['message', 'ticket']);
    expect(await version('10')).toBe(2);
    const messages = (await backend.checksums()).message.count;
    await mutate(backend.url, marco, 'reply', '10', body, 'reply-10');
    expect((await backend.checksums()).message.count).toBe(messages);
  });

  it('refuses a reused key with another body, and a missing key', async () => {
    const reused = await mutate(backend.url, marco, 'reply', '10', { baseVersion: 2, body: 'other' }, 'reply-10');
    expect(reused.status).toBe(422);
    expect(reasonOf(reused)).toBe('idempotency_key_reused');
    const noKey = await call(backend.url, 'POST', '/v1/tickets/10/assign', {
      token: marco,
      body: { baseVersion: 2, assigneeId: null },
    });
    expect(noKey.status).toBe(400);
    expect(reasonOf(noKey)).toBe('idempotency_key_required');
  });

  it('answers 409 stale_version with the current record', async () => {
    await backend.admin.updateTicket('11', { subject: 'changed by someone else' });
    const a = await mutate(backend.url, marco, 'assign', '11', { baseVersion: 1, assigneeId: '2' });
    expect(a.status).toBe(409);
    const err = (a.body as { error: { reason: string; current: Ticket } }).error;
    expect(err.reason).toBe('stale_version');
    expect(err.current).toMatchObject({ id: '11', version: 2, subject: 'changed by someone else' });
  });

  it('checks token, role, body and existence', async () => {
    const noToken = await call(backend.url, 'POST', '/v1/tickets/1/assign', { body: {} });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    const badToken = await call(backend.url, 'GET', PATHS.me, { token: 'x'.repeat(43) });
    expect(badToken.status).toBe(401);
    const noRole = await mutate(backend.url, marco, 'decideRecovery', '1', { baseVersion: 1, decision: 'approve' });
    expect(noRole.status).toBe(403);
    expect(reasonOf(noRole)).toBe('role_missing');
    const bad = await mutate(backend.url, marco, 'setStatus', '1', { baseVersion: 0, status: 'done' });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body as { error: { fields: object } }).error.fields).sort()).toEqual([
      'baseVersion',
      'status',
    ]);
    const missing = await mutate(backend.url, marco, 'setStatus', '999', { baseVersion: 1, status: 'open' });
    expect(missing.status).toBe(404);
  });

  it('applies the ticket rules', async () => {
    const expectReason = async (p: ReturnType<typeof mutate>, status: number, reason: string): Promise<void> => {
      const a = await p;
      expect(a.status, a.text).toBe(status);
      expect(reasonOf(a)).toBe(reason);
    };
    await expectReason(
      mutate(backend.url, marco, 'recategorise', '12', { baseVersion: 1, categoryId: 'x' }),
      422,
      'unknown_category',
    );
    await expectReason(
      mutate(backend.url, marco, 'assign', '12', { baseVersion: 1, assigneeId: '99' }),
      422,
      'unknown_agent',
    );
    await expectReason(
      mutate(backend.url, marco, 'merge', '12', { baseVersion: 1, intoId: '12' }),
      422,
      'merge_into_self',
    );
    // Ticket 9 is a chat ticket in category termination.
    await expectReason(
      mutate(backend.url, marco, 'setStatus', '9', { baseVersion: 1, status: 'solved' }),
      422,
      'termination_via_chat',
    );

    // Tickets 13 and 17 are from the same account; 17 is pending (a closed target is refused).
    const merged = await mutate(backend.url, marco, 'merge', '13', { baseVersion: 1, intoId: '17' });
    expect(merged.status).toBe(200);
    expect(await backend.admin.get('ticket', '13')).toMatchObject({
      duplicateOfId: '17',
      status: 'closed',
      version: 2,
    });
    await expectReason(
      mutate(backend.url, marco, 'merge', '15', { baseVersion: 1, intoId: '13' }),
      422,
      'merge_target_is_duplicate',
    );

    const escalated = await mutate(backend.url, marco, 'escalate', '16', { baseVersion: 1, note: 'DNS expert needed' });
    expect(escalated.status).toBe(200);
    expect((await backend.admin.get('ticket', '16'))?.level).toBe(2);
    expect(MutationResult.parse(escalated.body).changes).toHaveLength(2);
    await expectReason(mutate(backend.url, marco, 'escalate', '16', { baseVersion: 2 }), 422, 'already_escalated');
  });

  it('answers a rule refusal (422) with the current record, like a 409, so a client can revert', async () => {
    const refused = await mutate(backend.url, marco, 'setStatus', '9', {
      baseVersion: await version('9'),
      status: 'solved',
    });
    expect(refused.status).toBe(422);
    const err = (refused.body as { error: { reason: string; current: Ticket } }).error;
    expect(err.reason).toBe('termination_via_chat');
    expect(err.current).toEqual(await backend.admin.get('ticket', '9'));
    expect(err.current.status).not.toBe('solved');
  });

  it('applies the recovery rules; the first decision wins', async () => {
    const decide = (id: string, body: object) =>
      mutate(backend.url, lea, 'decideRecovery', id, { baseVersion: 1, checklist: { fields: 'pass' }, ...body });
    const noDoc = await decide('2', { decision: 'approve', documentKind: 'id_card' });
    expect([noDoc.status, reasonOf(noDoc)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const noAccount = await decide('3', { decision: 'approve', documentKind: 'id_card' });
    expect([noAccount.status, reasonOf(noAccount)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const invoice = await decide('1', { decision: 'approve', documentKind: 'invoice' });
    expect([invoice.status, reasonOf(invoice)]).toEqual([422, 'approve_forbidden_by_checklist']);
    const noReason = await decide('2', { decision: 'reject' });
    expect([noReason.status, reasonOf(noReason)]).toEqual([422, 'reject_reason_required']);

    // The verifier opens the document (downloads it) before approving.
    expect((await call(backend.url, 'GET', PATHS.document('doc-1'), { token: lea })).status).toBe(200);
    const ok = await decide('1', { decision: 'approve', documentKind: 'id_card' });
    expect(ok.status, ok.text).toBe(200);
    expect(await backend.admin.get('recovery', '1')).toMatchObject({
      status: 'approved',
      decision: {
        decision: 'approve',
        agentId: '1',
        documentKind: 'id_card',
        checklist: { fields_complete: 'pass', document_kind_fits_account: 'pass' },
        verifier: { viewedDocumentIds: ['doc-1'], consoleChecklist: { fields: 'pass' } },
      },
    });
    expect(await backend.admin.resets()).toMatchObject([{ recoveryId: '1', accountId: '1', agentId: '1' }]);
    const second = await decide('1', { decision: 'reject', reasonCode: 'other' });
    expect(second.status).toBe(409);
    expect(reasonOf(second)).toBe('recovery_already_decided');
    expect((second.body as { error: { current: { status: string } } }).error.current.status).toBe('approved');
  });

  it('applies the callback rules', async () => {
    const schedule = async (ticket: string, expertId: string, startsAt: string) =>
      mutate(backend.url, lea, 'scheduleCallback', ticket, { baseVersion: await version(ticket), expertId, startsAt });
    const expectReason = async (p: ReturnType<typeof mutate>, status: number, reason: string): Promise<void> => {
      const a = await p;
      expect(a.status, a.text).toBe(status);
      expect(reasonOf(a)).toBe(reason);
    };
    // Ticket 1: account 2 has no Priority Support. Ticket 6: entitled, no phone. Ticket 2: entitled with a phone.
    await expectReason(schedule('1', '4', '2026-03-03T08:00:00.000Z'), 422, 'not_entitled');
    await expectReason(schedule('6', '4', '2026-03-03T08:00:00.000Z'), 422, 'no_callback_phone');
    await expectReason(schedule('2', '4', '2026-03-02T10:50:00.000Z'), 422, 'outside_business_hours'); // 11:50-12:05
    await expectReason(schedule('2', '4', '2026-03-07T09:00:00.000Z'), 422, 'outside_business_hours'); // Saturday
    await expectReason(schedule('2', '2', '2026-03-03T08:00:00.000Z'), 422, 'not_an_expert');
    await expectReason(schedule('2', '4', '2026-03-02T08:05:00.000Z'), 409, 'slot_taken');

    const ok = await schedule('2', '4', '2026-03-02T08:15:00.000Z');
    expect(ok.status, ok.text).toBe(200);
    const cb = MutationResult.parse(ok.body).changes.find((c) => c.kind === 'callback');
    if (!cb || cb.op !== 'upsert') throw new Error('no callback in the answer');
    expect(cb.data).toMatchObject({ expertId: '4', endsAt: '2026-03-02T08:30:00.000Z', status: 'scheduled' });

    const moved = await mutate(backend.url, lea, 'rescheduleCallback', cb.id, {
      baseVersion: 1,
      expertId: '4',
      startsAt: '2026-03-02T08:10:00.000Z', // overlaps callback 1 only
    });
    expect([moved.status, reasonOf(moved)]).toEqual([409, 'slot_taken']);
    const closed = await mutate(backend.url, lea, 'closeCallback', cb.id, { baseVersion: 1, outcome: 'reached' });
    expect(closed.status).toBe(200);
    expect(await backend.admin.get('callback', cb.id)).toMatchObject({ status: 'reached', attempts: 1 });
    await expectReason(
      mutate(backend.url, lea, 'closeCallback', cb.id, { baseVersion: 2, outcome: 'cancelled' }),
      422,
      'callback_closed',
    );
  });

  it('refuses a JSON body over 1 MiB with 413 payload_too_large, before the token, and changes nothing', async () => {
    const before = await version('13');
    const huge = { baseVersion: before, body: 'x'.repeat(1024 * 1024) };
    const withToken = await mutate(backend.url, marco, 'reply', '13', huge);
    expect([withToken.status, reasonOf(withToken)]).toEqual([413, 'payload_too_large']);
    const anonymous = await call(backend.url, 'POST', '/v1/tickets/13/reply', {
      body: huge,
      headers: { 'idempotency-key': 'too-large' },
    });
    expect([anonymous.status, reasonOf(anonymous)]).toEqual([413, 'payload_too_large']);
    expect(await version('13')).toBe(before);
  });
});
