/**
 * The second pass over tickets: replies, customer follow-ups and internal
 * notes, from the compact plan the ticket pass kept. Runs after every ticket
 * was handed to the sink, so a message never arrives before its ticket.
 */
import type { Language, TicketMessage } from '../../shared/entities.js';
import { LANGUAGES } from '../../shared/entities.js';
import { Rng, STREAM } from './random.js';
import type { SeedSink } from './sink.js';
import { Batcher } from './sink.js';
import { EMPTY_VALUES, TEXTS, render } from './texts.js';
import type { World } from './world.js';

type Kind = TicketMessage['kind'];

/**
 * What the message pass needs per ticket that gets messages, in typed arrays:
 * at a million tickets a plain object per entry would keep ~400,000 objects
 * alive through the whole ticket pass, and the garbage collector would trace
 * them on every cycle. Names and domains are re-derived from the account index.
 */
export class MessagePlan {
  length = 0;
  readonly ticketNo: Int32Array;
  readonly createdMs: Float64Array;
  readonly updatedMs: Float64Array;
  readonly count: Uint8Array;
  readonly language: Uint8Array;
  /** -1 when the ticket has no account profile (then the guest of that ticket number). */
  readonly accountIndex: Int32Array;
  /** Index into world.team.agents, -1 when unassigned. */
  readonly agentIndex: Int16Array;

  constructor(capacity: number) {
    this.ticketNo = new Int32Array(capacity);
    this.createdMs = new Float64Array(capacity);
    this.updatedMs = new Float64Array(capacity);
    this.count = new Uint8Array(capacity);
    this.language = new Uint8Array(capacity);
    this.accountIndex = new Int32Array(capacity);
    this.agentIndex = new Int16Array(capacity);
  }

  add(
    ticketNo: number,
    language: Language,
    createdMs: number,
    updatedMs: number,
    count: number,
    accountIndex: number,
    agentIndex: number,
  ): void {
    const i = this.length++;
    this.ticketNo[i] = ticketNo;
    this.createdMs[i] = createdMs;
    this.updatedMs[i] = updatedMs;
    this.count[i] = count;
    this.language[i] = LANGUAGES.indexOf(language);
    this.accountIndex[i] = accountIndex;
    this.agentIndex[i] = agentIndex;
  }
}

/** Conversations as they usually go; the last entry of a pending ticket is our reply. */
const SHAPES: Record<number, readonly (readonly Kind[])[]> = {
  1: [['reply'], ['reply'], ['note']],
  2: [
    ['reply', 'customer'],
    ['note', 'reply'],
  ],
  3: [
    ['reply', 'customer', 'reply'],
    ['note', 'reply', 'customer'],
  ],
};

export function emitMessages(world: World, sink: SeedSink, plan: MessagePlan): number {
  const rng = new Rng(world.seed, STREAM.messages);
  const { agents } = world.team;
  const batch = new Batcher<TicketMessage>((rows) => {
    sink.messages(rows);
  });
  let next = 1;
  for (let i = 0; i < plan.length; i++) {
    const language = LANGUAGES[plan.language[i] ?? 0] ?? 'en';
    const texts = TEXTS[language];
    const ticketNo = plan.ticketNo[i] ?? 0;
    const created = plan.createdMs[i] ?? 0;
    const updated = Math.max(created, plan.updatedMs[i] ?? created);
    const count = plan.count[i] ?? 1;
    const accountIndex = plan.accountIndex[i] ?? -1;
    const profile = accountIndex >= 0 ? world.people.account(accountIndex) : null;
    const person = profile ?? world.people.guest(ticketNo);
    const author = agents[plan.agentIndex[i] ?? -1] ?? rng.pick(world.team.agentsFor[language]);
    const values = {
      ...EMPTY_VALUES,
      first: person.firstName,
      last: person.lastName,
      domain: profile?.domain ?? `${person.lastSlug}.ch`,
      agent: author.name,
    };
    const shape = rng.pick(SHAPES[count] ?? [['reply']]);
    shape.forEach((kind, k) => {
      // Spread over the ticket's life; the last one lands on updatedAt.
      const at = new Date(created + Math.round(((updated - created) * (k + 1)) / shape.length)).toISOString();
      const list = kind === 'reply' ? texts.replies : kind === 'note' ? texts.notes : texts.customerFollowUps;
      batch.push({
        id: String(next++),
        ticketId: String(ticketNo),
        authorAgentId: kind === 'customer' ? null : author.id,
        kind,
        body: render(rng.pick(list), values),
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    });
  }
  batch.end();
  return next - 1;
}
