/**
 * The races the backend decides inside one write transaction, and the push, when the racing requests and the
 * consoles are on DIFFERENT backend processes of one PostgreSQL database (docs/ARCHITECTURE.md, "The change
 * feed with several backend processes"): an idempotency key replayed, the first decision on a recovery request,
 * one expert slot booked twice, "head moved" pushed to a console on another process, presence heard there.
 * Three real child processes (cli.ts), started once. Their clock stands at the seed's own "now"
 * (`--clock`, a test switch): callbacks need a time inside business hours whenever this test runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffAccepted } from '../shared/documents/formats.js';
import { inspectDocument } from '../shared/documents/inspect.js';
import type { Account, AuditEntry, Callback, RecoveryRequest, Ticket } from '../shared/entities.js';
import { callbackEligibility } from '../shared/callbacks/eligibility.js';
import { calendarRules } from '../shared/callbacks/config.js';
import { nextFreeSlots } from '../shared/callbacks/free-slots.js';
import { zurichDay } from '../shared/callbacks/calendar.js';
import { MutationResult } from '../shared/mutations.js';
import { PRESENCE_PATH, PresenceEvent } from '../shared/presence.js';
import type { DocumentKind } from '../shared/recovery/checklist.js';
import { kindSuggestedByName } from '../shared/recovery/document-names.js';
import { recoveryVerdict } from '../shared/recovery/verdict.js';
import { PATHS, PushEvent } from '../shared/sync-protocol.js';
import { PostgresDatabase, postgresPool } from './db/postgres.js';
import { sha256Hex } from './store/documents.js';
import { decodeCursor } from './store/cursor.js';
import { startBackendProcess } from './testing/backend-process.js';
import type { BackendProcess } from './testing/backend-process.js';
import { FeedClient } from './testing/feed-client.js';
import { call, login, mutate, reasonOf } from './testing/harness.js';
import type { JsonAnswer } from './testing/harness.js';
import { createTempPostgresDatabase } from './testing/postgres.js';
import type { TempPostgresDatabase } from './testing/postgres.js';
import { openPushStream } from './testing/push-stream.js';
import type { PushEventSeen } from './testing/push-stream.js';

/** The seed's own "now" (seed/world.ts): Monday 16 March 2026, 10:30 in Zurich, inside business hours. */
const CLOCK = '2026-03-16T09:30:00.000Z';
const EXPERT = 'ag-sophie';

const LOGINS = ['lea', 'marco', 'jonas', 'sophie'] as const;
type Tokens = Record<(typeof LOGINS)[number], string>;

let db: PostgresDatabase;
let a: BackendProcess;
let b: BackendProcess;
let c: BackendProcess;
/** Tokens by process, each signed in on the process it is used with (sessions are rows: any process knows them). */
const on = { a: {} as Tokens, b: {} as Tokens, c: {} as Tokens };
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const temp: TempPostgresDatabase = await createTempPostgresDatabase();
  cleanups.push(() => temp.drop());
  const flags = ['--database', temp.url, '--test-endpoints', '--clock', CLOCK];
  const started: BackendProcess[] = [];
  cleanups.push(async () => {
    await Promise.all(started.map((p) => p.stop()));
  });
  // The first seeds the database; the others find it seeded.
  a = await startBackendProcess([...flags, '--seed', '1', '--tickets', '300'], 120_000);
  started.push(a);
  [b, c] = await Promise.all([startBackendProcess(flags, 60_000), startBackendProcess(flags, 60_000)]);
  started.push(b, c);
  db = new PostgresDatabase(postgresPool({ url: temp.url, poolSize: 2 }));
  cleanups.push(() => db.close());
  for (const [name, backend] of [
    ['a', a],
    ['b', b],
    ['c', c],
  ] as const) {
    for (const who of LOGINS) on[name][who] = await login(backend.url, who);
  }
}, 180_000);

afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

/** A record as the database holds it now (the truth the processes share). */
async function record<T>(kind: string, id: string): Promise<T> {
  const row = await db.get<{ data: string }>(`SELECT data FROM rec_${kind} WHERE id = ?`, [id]);
  if (row === undefined) throw new Error(`no ${kind} ${id}`);
  return JSON.parse(row.data) as T;
}

async function records<T>(kind: string): Promise<T[]> {
  const rows = await db.all<{ data: string }>(`SELECT data FROM rec_${kind} ORDER BY rid`);
  return rows.map((r) => JSON.parse(r.data) as T);
}

const sortedStatuses = (answers: JsonAnswer[]): number[] => answers.map((x) => x.status).sort();
const texts = (answers: JsonAnswer[]): string => answers.map((x) => `${String(x.status)} ${x.text}`).join('\n');

describe('the same Idempotency-Key sent to two processes at once', () => {
  it('is applied exactly once, and both callers get the same answer', async () => {
    const tickets = (await records<Ticket>('ticket')).slice(0, 12);
    for (const [round, ticket] of tickets.entries()) {
      const before = await record<Ticket>('ticket', ticket.id);
      const messages = await db.get<{ n: number }>('SELECT count(*)::int AS n FROM rec_message WHERE ticket_id = ?', [
        ticket.id,
      ]);
      const body = { baseVersion: before.version, body: `Cross-process reply ${String(round)}.` };
      const key = `cross-process-${String(round)}`;
      const answers = await Promise.all([
        mutate(a.url, on.a.marco, 'reply', ticket.id, body, key),
        mutate(b.url, on.b.marco, 'reply', ticket.id, body, key),
      ]);
      expect(sortedStatuses(answers), texts(answers)).toEqual([200, 200]);
      expect(answers[1].text).toBe(answers[0].text);
      expect((await record<Ticket>('ticket', ticket.id)).version).toBe(before.version + 1);
      const after = await db.get<{ n: number }>('SELECT count(*)::int AS n FROM rec_message WHERE ticket_id = ?', [
        ticket.id,
      ]);
      expect(after?.n).toBe((messages?.n ?? 0) + 1);
    }
  });
});

/** What a verifier looking at each seeded document confirms it is (as rules/recovery-verdicts.test.ts reads it). */
function lookedAt(r: RecoveryRequest): Record<string, DocumentKind> {
  return Object.fromEntries(
    r.documents.map((d) => [
      d.id,
      kindSuggestedByName(d.declaredName) ?? (d.declaredName.startsWith('IMG_') ? 'id_card' : 'other'),
    ]),
  );
}

/** Pending requests an approval would pass (the shared verdict on the stored bytes, every document opened). */
async function approvableRequests(): Promise<RecoveryRequest[]> {
  const accounts = new Map((await records<Account>('account')).map((x) => [x.id, x]));
  const out: RecoveryRequest[] = [];
  for (const request of await records<RecoveryRequest>('recovery')) {
    if (request.status !== 'pending' || request.documents.length === 0) continue;
    const sniffed: Record<string, ReturnType<typeof sniffAccepted>> = {};
    const refused: Record<string, string> = {};
    for (const d of request.documents) {
      const row = await db.get<{ bytes: Buffer }>('SELECT bytes FROM document WHERE id = ?', [d.id]);
      const bytes = new Uint8Array(row?.bytes ?? []);
      sniffed[d.id] = sniffAccepted(bytes);
      const inspection = inspectDocument({
        bytes,
        declaredType: d.declaredType,
        declaredName: d.declaredName,
        expectedSha256: d.sha256,
        actualSha256: sha256Hex(bytes),
      });
      if (inspection.status === 'refused') refused[d.id] = inspection.reason;
    }
    const verdict = recoveryVerdict({
      request,
      account: accounts.get(request.matchedAccountId ?? '') ?? null,
      sniffed,
      documentKinds: lookedAt(request),
      refused,
      opened: new Set(request.documents.map((d) => d.id)),
    });
    if (verdict.state === 'ready') out.push(request);
  }
  return out;
}

describe('approve through one process and reject through another, at once', () => {
  it('records exactly one decision; the other verifier gets 409 recovery_already_decided', async () => {
    const requests = (await approvableRequests()).slice(0, 6);
    expect(requests.length).toBe(6);
    const winners: string[] = [];
    for (const request of requests) {
      // Léa opens every document through A first: an approval needs her own look at each.
      for (const d of request.documents) {
        const view = await call(a.url, 'GET', PATHS.document(d.id), { token: on.a.lea });
        expect(view.status, view.text).toBe(200);
      }
      const { version } = await record<RecoveryRequest>('recovery', request.id);
      const answers = await Promise.all([
        mutate(a.url, on.a.lea, 'decideRecovery', request.id, {
          baseVersion: version,
          decision: 'approve',
          documentKinds: lookedAt(request),
        }),
        mutate(b.url, on.b.jonas, 'decideRecovery', request.id, {
          baseVersion: version,
          decision: 'reject',
          reasonCode: 'other',
          message: 'We could not confirm who you are.',
          reasonSentence: 'We could not confirm who you are.',
        }),
      ]);
      expect(sortedStatuses(answers), texts(answers)).toEqual([200, 409]);
      const [approve, reject] = answers;
      const loser = approve.status === 409 ? approve : reject;
      expect(reasonOf(loser)).toBe('recovery_already_decided');
      const stored = await record<RecoveryRequest>('recovery', request.id);
      const winner = approve.status === 200 ? 'approved' : 'rejected';
      winners.push(winner);
      expect(stored.status).toBe(winner);
      expect(stored.decision?.agentId).toBe(approve.status === 200 ? 'ag-lea' : 'ag-jonas');
      // The loser is told what was decided: the request as it now stands.
      expect((loser.body as { error: { current: RecoveryRequest } }).error.current.status).toBe(winner);
      const decisions = (await records<AuditEntry>('audit')).filter(
        (e) => e.recoveryId === request.id && (e.action === 'approve' || e.action === 'reject'),
      );
      expect(decisions.map((e) => e.action)).toEqual([approve.status === 200 ? 'approve' : 'reject']);
      const resets = await db.get<{ n: number }>('SELECT count(*)::int AS n FROM reset WHERE recovery_id = ?', [
        request.id,
      ]);
      expect(resets?.n).toBe(approve.status === 200 ? 1 : 0);
    }
    console.log(JSON.stringify({ firstDecisionWinners: winners }));
  });
});

describe('two tickets booked into one expert slot through two processes at once', () => {
  it('books one; the other gets 409 slot_taken with the callback that holds it; the calendar holds one call', async () => {
    const now = new Date(CLOCK);
    const slots = nextFreeSlots({
      after: new Date(now.getTime() + 3_600_000),
      experts: [{ id: EXPERT, calendar: (await record<{ calendar: null }>('agent', EXPERT)).calendar }],
      booked: (await records<Callback>('callback')).filter((x) => x.status === 'scheduled'),
      rules: calendarRules(),
      limit: 8,
    });
    const accounts = new Map((await records<Account>('account')).map((x) => [x.id, x]));
    // Tickets whose customer can be called back on the days of those slots.
    const lastDay = zurichDay(new Date(slots[slots.length - 1]?.startsAt ?? CLOCK));
    const callable = (await records<Ticket>('ticket')).filter(
      (t) =>
        callbackEligibility({
          callbackPhone: t.callbackPhone,
          prioritySupportUntil: accounts.get(t.accountId ?? '')?.prioritySupportUntil ?? null,
          callDay: lastDay,
        }).eligible,
    );
    expect(slots.length).toBe(8);
    expect(callable.length).toBeGreaterThanOrEqual(2 * slots.length);
    for (const [round, slot] of slots.entries()) {
      const [one, two] = [callable[2 * round], callable[2 * round + 1]] as [Ticket, Ticket];
      const book = async (url: string, token: string, ticket: Ticket) =>
        mutate(url, token, 'scheduleCallback', ticket.id, {
          baseVersion: (await record<Ticket>('ticket', ticket.id)).version,
          expertId: EXPERT,
          startsAt: slot.startsAt,
        });
      const answers = await Promise.all([book(a.url, on.a.lea, one), book(b.url, on.b.sophie, two)]);
      expect(sortedStatuses(answers), texts(answers)).toEqual([200, 409]);
      const winner = answers.find((x) => x.status === 200) as JsonAnswer;
      const loser = answers.find((x) => x.status === 409) as JsonAnswer;
      expect(reasonOf(loser)).toBe('slot_taken');
      const booked = MutationResult.parse(winner.body).changes.find((x) => x.kind === 'callback');
      const holder = (loser.body as { error: { current: Callback } }).error.current;
      expect(holder).toMatchObject({ id: booked?.id, expertId: EXPERT, startsAt: slot.startsAt, status: 'scheduled' });
      const calls = await db.all<{ data: string }>(
        `SELECT data FROM rec_callback WHERE expert_id = ? AND status = 'scheduled' AND starts_at < ? AND ends_at > ?`,
        [EXPERT, slot.endsAt, slot.startsAt],
      );
      expect(calls.length).toBe(1);
    }
  });
});

const headSeq = (cursor: string): number => {
  const decoded = decodeCursor(cursor);
  if (decoded?.p !== 'l') throw new Error(`not a live cursor: ${cursor}`);
  return decoded.s;
};
const changesHead = (e: PushEventSeen): number | undefined =>
  e.event === 'changes' ? headSeq(PushEvent.parse(e.data).head) : undefined;

describe('a console on process C while someone writes through process A', () => {
  it('is pushed "head moved" to at least that write, and then reads the change from C', async () => {
    const stream = await openPushStream(c.url, on.c.marco);
    try {
      // The first event is the head when the stream opened: a console's feed stands there.
      const start = await stream.next((e) => (e.event === 'changes' ? PushEvent.parse(e.data).head : undefined));
      const ticket = (await records<Ticket>('ticket'))[20] as Ticket;
      const written = await mutate(a.url, on.a.lea, 'reply', ticket.id, {
        baseVersion: (await record<Ticket>('ticket', ticket.id)).version,
        body: 'Written through process A.',
      });
      expect(written.status, written.text).toBe(200);
      const head = await call(a.url, 'GET', '/v1/_test/head');
      const writtenAt = headSeq((head.body as { head: string }).head);
      expect(writtenAt).toBeGreaterThan(headSeq(start));
      await stream.next((e) => {
        const seq = changesHead(e);
        return seq !== undefined && seq >= writtenAt ? seq : undefined;
      });

      const feed = new FeedClient(c.url, on.c.marco);
      feed.cursor = start;
      await feed.drain();
      const changes = MutationResult.parse(written.body).changes;
      for (const change of changes) {
        if (change.op !== 'upsert') continue;
        expect(feed.records.get(`${change.kind}:${change.id}`)?.version, `${change.kind} ${change.id}`).toBe(
          change.version,
        );
      }
      expect(changes.map((x) => x.kind).sort()).toEqual(['message', 'ticket']);
    } finally {
      stream.close();
    }
  });
});

describe('presence across processes', () => {
  it('lists a person viewing a ticket through A to colleagues on B, and tells them when she leaves', async () => {
    const say = (body: unknown) => call(a.url, 'POST', PRESENCE_PATH, { token: on.a.lea, body });
    const presenceOf = (ticketId: string | null) => (e: PushEventSeen) => {
      if (e.event !== 'presence') return undefined;
      const p = PresenceEvent.parse(e.data);
      return p.agentId === 'ag-lea' && p.ticketId === ticketId ? p : undefined;
    };
    const marco = await openPushStream(b.url, on.b.marco);
    try {
      expect((await say({ ticketId: '7', activity: 'viewing' })).status).toBe(204);
      expect(await marco.next(presenceOf('7'))).toMatchObject({ name: 'Léa Favre', activity: 'viewing' });
      // A console that connects to B afterwards is greeted with who is there now.
      const sophie = await openPushStream(b.url, on.b.sophie);
      try {
        expect(await sophie.next(presenceOf('7'))).toMatchObject({ activity: 'viewing' });
      } finally {
        sophie.close();
      }
      expect((await say({ ticketId: null, activity: 'viewing' })).status).toBe(204);
      await marco.next(presenceOf(null));
    } finally {
      marco.close();
    }
    // Gone on B too: a console connecting there now is greeted with nobody (the greeting precedes the head).
    const late = await openPushStream(b.url, on.b.marco);
    try {
      await late.next((e) => (e.event === 'changes' ? true : undefined));
      expect(late.events.filter((e) => e.event === 'presence')).toEqual([]);
    } finally {
      late.close();
    }
  });
});
