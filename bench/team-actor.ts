/**
 * One simulated person at a console: signs in as the console's agent (a
 * session of their own, as a second window would), says where they are
 * (POST /v1/presence, as the console does when a ticket is opened) and acts
 * at a steady rate through the HTTP mutations, on what that console's cache
 * shows (the record's version there is the action's baseVersion, as in the
 * app). Which actions depends on the agent's roles: agents recategorise and
 * write internal notes, verifiers ask a requester for information, experts
 * book a callback.
 *
 * Why the HTTP mutations and not the console's outbox: the sync CLI queues
 * notes only at its start, and the outbox sends what it holds when it
 * likes; a direct call gives each action's commit moment (its answer), which
 * the push figure starts from. The console's cache still receives every
 * action, its own included, the way the app does: through push and pull.
 */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { addDays, weekdayOf, zurichDay, zurichInstant } from '../src/shared/callbacks/calendar.js';
import type { Role } from '../src/shared/entities.js';
import { CATEGORY_IDS } from '../src/server/seed/vocab.js';

export type ActionKind = 'recategorise' | 'reply' | 'decide' | 'book';

export interface ActionResult {
  kind: ActionKind;
  /** HTTP status; 0 when the request itself failed. */
  status: number;
  via: string;
  ms: number;
  answeredAt: number;
  /** The note a reply created (its feed position is looked up after the run). */
  messageId?: string;
}

export interface ActorOptions {
  baseUrl: string;
  login: string;
  agentId: string;
  roles: readonly Role[];
  cacheFile: string;
  /** Actions per second. */
  rate: number;
  seed: number;
}

export interface Actor {
  readonly results: ActionResult[];
  presencePosts: number;
  /** Acts at the steady rate until `until` (performance.now()); resolves when the last action has its answer. */
  run(until: number): Promise<void>;
  /** Acts as fast as the backend answers (the next action once the last one has its answer) until `until`. */
  runFlatOut(until: number): Promise<void>;
  close(): void;
  readonly token: string;
}

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

export async function signIn(baseUrl: string, login: string): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: 'demo' }),
  });
  if (!res.ok) throw new Error(`sign-in of ${login} answered ${String(res.status)}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A 15-minute slot start in business hours (08–12, 13–17 Zurich) on one of the next ten weekdays. */
function someSlot(random: () => number): string {
  let day = addDays(zurichDay(new Date()), 1 + Math.floor(random() * 14));
  while (weekdayOf(day) === 0 || weekdayOf(day) === 6) day = addDays(day, 1);
  const slot = Math.floor(random() * 32);
  const minutes = (slot < 16 ? 8 * 60 : 13 * 60) + (slot % 16) * 15;
  return zurichInstant(day, minutes).toISOString();
}

export async function startActor(o: ActorOptions): Promise<Actor> {
  const token = await signIn(o.baseUrl, o.login);
  const random = prng(o.seed);
  const cache = new Database(o.cacheFile, { readonly: true, fileMustExist: true });
  const maxRid = (cache.prepare('SELECT max(rid) AS m FROM tickets').get() as { m: number | null }).m ?? 0;
  const ticketAt = cache.prepare<[number], { id: string; version: number; category_id: string }>(
    'SELECT id, version, category_id FROM tickets WHERE rid >= ? ORDER BY rid LIMIT 1',
  );
  const callbackTicket = cache.prepare<[number], { id: string; version: number }>(
    "SELECT id, version FROM tickets WHERE rid >= ? AND callback_phone IS NOT NULL AND status <> 'closed' ORDER BY rid LIMIT 1",
  );
  const undecided = cache.prepare<[], { id: string; version: number }>(
    "SELECT id, version FROM recovery_requests WHERE status = 'pending' ORDER BY random() LIMIT 1",
  );
  const kinds: ActionKind[] = [];
  if (o.roles.includes('agent')) kinds.push('recategorise', 'reply');
  if (o.roles.includes('verifier')) kinds.push('decide');
  if (o.roles.includes('expert')) kinds.push('book');
  const results: ActionResult[] = [];
  const actor = {
    results,
    presencePosts: 0,
    token,
    run: async (until: number) => {
      const every = 1000 / o.rate;
      // Spread the consoles' first actions over one interval, as people do not act in step.
      let next = performance.now() + random() * every;
      const inFlight: Promise<void>[] = [];
      while (next < until) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        // Open-loop: the next action is due at its time whether or not the last one has its answer.
        inFlight.push(oneAction());
        next += every;
      }
      await Promise.all(inFlight);
    },
    runFlatOut: async (until: number) => {
      while (performance.now() < until) await oneAction();
    },
    close: () => cache.close(),
  };

  async function post(path: string, body: unknown, idempotent: boolean): Promise<Response> {
    return fetch(`${o.baseUrl}/v1${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(idempotent ? { 'idempotency-key': randomUUID() } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  async function presence(ticketId: string, activity: 'viewing' | 'replying'): Promise<void> {
    const res = await post('/presence', { ticketId, activity }, false);
    await res.arrayBuffer();
    actor.presencePosts += 1;
  }

  async function oneAction(): Promise<void> {
    const kind = kinds[Math.floor(random() * kinds.length)] ?? 'recategorise';
    const rid = 1 + Math.floor(random() * maxRid);
    let path: string;
    let body: unknown;
    if (kind === 'decide') {
      const r = undecided.get();
      if (r === undefined) return;
      path = `/recovery-requests/${r.id}/decision`;
      body = { baseVersion: r.version, decision: 'request_info', message: 'Bitte senden Sie uns eine Ausweiskopie.' };
    } else {
      const t = (kind === 'book' ? callbackTicket.get(rid) : ticketAt.get(rid)) ?? ticketAt.get(1);
      if (t === undefined) return;
      await presence(t.id, kind === 'reply' ? 'replying' : 'viewing');
      path = `/tickets/${t.id}/${kind === 'book' ? 'callbacks' : kind}`;
      if (kind === 'recategorise') {
        const others = CATEGORY_IDS.filter((c) => c !== (t as { category_id?: string }).category_id);
        body = { baseVersion: t.version, categoryId: others[Math.floor(random() * others.length)] };
      } else if (kind === 'reply') {
        body = { baseVersion: t.version, body: `Load run note ${randomUUID()}`, internal: true };
      } else {
        body = { baseVersion: t.version, expertId: o.agentId, startsAt: someSlot(random) };
      }
    }
    const t0 = performance.now();
    let status = 0;
    let messageId: string | undefined;
    try {
      const res = await post(path, body, true);
      status = res.status;
      const answer = (await res.json()) as { changes?: { kind: string; id: string }[] };
      if (kind === 'reply' && res.ok) messageId = answer.changes?.find((c) => c.kind === 'message')?.id;
    } catch {
      status = 0;
    }
    const answeredAt = performance.now();
    results.push({ kind, status, via: o.baseUrl, ms: answeredAt - t0, answeredAt, messageId });
  }

  return actor;
}
