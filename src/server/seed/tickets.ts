/**
 * Tickets, in creation order, with a helpdesk backlog's shape: most solved or
 * closed, the recent ones still new/open/pending; duplicates filed minutes
 * apart; wrong categories; chat terminations; callback numbers.
 *
 * One sequential Rng drives the stream (cheap), account profiles are
 * re-derived per ticket (no account table in memory), and messages are only
 * planned here (a few numbers per ticket) and written in a second pass, so
 * that the sink receives all tickets before any message.
 */
import type { Agent, Language, Ticket, TicketStatus } from '../../shared/entities.js';
import { buildTicketAttachments } from './attachments.js';
import { chf } from './documents.js';
import type { AccountProfile, Person } from './people.js';
import type { Weighted } from './random.js';
import { Rng, STREAM } from './random.js';
import type { SeedSink } from './sink.js';
import { MessagePlan } from './messages.js';
import { Batcher } from './sink.js';
import type { CompiledTexts, Template, Values } from './texts.js';
import { EMPTY_VALUES, TEXTS, render, varBit } from './texts.js';
import type { TicketAttachments } from './attachments.js';
import {
  ASSIGNED_SHARE,
  CHANNELS,
  CHAT_CATEGORIES,
  NEWEST_STATUS,
  OLD_OPEN_STATUS,
  PRIORITY,
  PRIORITY_ENTITLED,
  RECENT_STATUS,
  WITH_MESSAGES_SHARE,
  WRONG_CATEGORY,
} from './ticket-shape.js';
import type { CategoryId } from './vocab.js';
import { CATEGORY_WEIGHTS, CMS, ERRORS, FREEMAIL, MAILBOX_PARTS, PRODUCTS, swissPhone } from './vocab.js';
import type { World } from './world.js';
import { DAY_MS, MINUTE_MS } from './world.js';

/** A ticket of an entitled customer that left a phone number. */
export interface CallbackCandidate {
  readonly ticketId: string;
  readonly createdMs: number;
  readonly phone: string;
  readonly open: boolean;
  readonly language: Language;
}

export interface TicketPass {
  readonly messages: MessagePlan;
  readonly callbackCandidates: readonly CallbackCandidate[];
}

/** Scratch the ticket builders write their instants into, so nothing has to parse ISO strings back. */
interface Times {
  created: number;
  updated: number;
}

interface Previous {
  readonly ticket: Ticket;
  readonly createdMs: number;
  readonly profile: AccountProfile | null;
  readonly mayBeDuplicated: boolean;
}

function pickAgent(rng: Rng, pool: readonly Agent[]): Agent | null {
  return pool.length === 0 ? null : rng.pick(pool);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * `priorityOf[i]` is account i's PriorityState code (0 none, 1 active, 2
 * expired), kept from the account pass so that choosing a ticket's account
 * needs no profile for the draws it rejects.
 */
export function emitTickets(world: World, sink: SeedSink, priorityOf: Uint8Array): TicketPass {
  const { people, counts, team, nowMs } = world;
  const n = counts.tickets;
  const rng = new Rng(world.seed, STREAM.tickets);
  // ~1,500 tickets a day at scale; at least two months of history for small demos.
  const spanMs = Math.max(60 * DAY_MS, Math.ceil(n / 1500) * DAY_MS);
  const startMs = nowMs - spanMs;
  const step = spanMs / Math.max(1, n);
  const attachments = buildTicketAttachments(world.now);
  if (n > 0) sink.documents([...attachments.documents]);

  const plan = new MessagePlan(n);
  const agentIndex = new Map(team.agents.map((a, k) => [a.id, k]));
  const ringSize = Math.max(400, counts.callbacks * 8);
  const ring: CallbackCandidate[] = [];
  const batch = new Batcher<Ticket>((rows) => {
    sink.tickets(rows);
  });
  let prev: Previous | null = null;
  const times: Times = { created: 0, updated: 0 };

  const chooseAccount = (): AccountProfile | null => {
    if (counts.accounts === 0) return null;
    // A tenth of the customers (the old, busy ones) file a quarter of the tickets.
    const busy = Math.max(1, Math.floor(counts.accounts / 10));
    let index = rng.chance(0.25) ? rng.int(0, busy - 1) : rng.int(0, counts.accounts - 1);
    // Priority customers are the heavy users: redraw most non-entitled picks once or twice.
    for (let k = 0; k < 2 && priorityOf[index] === 0 && rng.chance(0.55); k++) index = rng.int(0, counts.accounts - 1);
    return people.account(index);
  };

  for (let i = 0; i < n; i++) {
    const no = i + 1;
    const id = String(no);
    const recency = i / n;
    const duplicate: boolean = prev !== null && prev.mayBeDuplicated && rng.chance(0.045);
    let ticket: Ticket;
    let profile: AccountProfile | null;
    if (duplicate && prev) {
      profile = prev.profile;
      ticket = duplicateOf(rng, prev, id, nowMs, times);
    } else {
      profile = chooseAccount();
      const createdMs = Math.min(nowMs - MINUTE_MS, Math.floor(startMs + (i + rng.float() * 0.9) * step));
      ticket = freshTicket(rng, world, id, createdMs, recency, profile, attachments, times);
    }

    // Assignment, level and messages depend on the final status.
    const entitled = profile?.priority === 'active' && ticket.accountId !== null;
    const level: 1 | 2 = ticket.channel !== 'chat' && rng.chance(entitled ? 0.08 : 0.025) ? 2 : 1;
    const assignee = rng.chance(ASSIGNED_SHARE[ticket.status])
      ? pickAgent(rng, level === 2 ? team.expertsFor[ticket.language] : team.agentsFor[ticket.language])
      : null;
    let messages = 0;
    if (ticket.duplicateOfId === null && ticket.status !== 'new') {
      if (rng.chance(WITH_MESSAGES_SHARE[ticket.status])) messages = rng.int(1, 3);
    }
    ticket.level = level;
    ticket.assigneeId = assignee?.id ?? null;
    ticket.version = 1 + (ticket.status === 'new' ? 0 : 1) + (assignee ? 1 : 0) + (level === 2 ? 1 : 0) + messages;
    batch.push(ticket);

    if (messages > 0) {
      plan.add(
        no,
        ticket.language,
        times.created,
        times.updated,
        messages,
        profile?.index ?? -1,
        assignee ? (agentIndex.get(assignee.id) ?? -1) : -1,
      );
    }
    if (entitled && ticket.callbackPhone !== null) {
      if (ring.length >= ringSize) ring.shift();
      ring.push({
        ticketId: id,
        createdMs: times.created,
        phone: ticket.callbackPhone,
        open: ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending',
        language: ticket.language,
      });
    }
    prev = {
      ticket,
      createdMs: times.created,
      profile,
      mayBeDuplicated: !duplicate && ticket.channel !== 'chat' && ticket.accountId !== null,
    };
  }
  batch.end();
  return { messages: plan, callbackCandidates: ring };
}

function statusFor(rng: Rng, recency: number, boost: boolean): TicketStatus | null {
  if (recency > 0.8) {
    if (rng.chance(boost ? 0.6 : 0.42)) return rng.choose(recency > 0.95 ? NEWEST_STATUS : RECENT_STATUS);
  } else if (rng.chance(boost ? 0.03 : 0.0125)) {
    return rng.choose(OLD_OPEN_STATUS);
  }
  return null;
}

function freshTicket(
  rng: Rng,
  world: World,
  id: string,
  createdMs: number,
  recency: number,
  profile: AccountProfile | null,
  attachments: TicketAttachments,
  times: Times,
): Ticket {
  const { nowMs } = world;
  const person: Person = profile ?? world.people.guest(Number(id));
  let channel = rng.choose(CHANNELS);
  // A few tickets come from an address the backend could not match to the account.
  const unmatched = profile === null || (channel !== 'chat' && rng.chance(0.03));
  if (unmatched && channel === 'portal') channel = 'email';
  const language: Language = rng.chance(0.97) ? person.language : 'en';
  const texts = TEXTS[language];
  const chatTermination = channel === 'chat' && rng.chance(0.12);
  const textCategory: CategoryId = chatTermination
    ? 'termination'
    : channel === 'chat'
      ? rng.choose(CHAT_CATEGORIES)
      : rng.choose(CATEGORY_WEIGHTS);
  const categoryId = !chatTermination && rng.chance(0.08) ? otherThan(rng, textCategory, WRONG_CATEGORY) : textCategory;

  // Templates first, then only the variables they use: most tickets need three or four of twelve.
  const subjectTemplate = rng.pick(texts.categories[textCategory].subjects);
  const layout = bodyLayout(rng, texts, channel, textCategory, chatTermination);
  let mask = subjectTemplate.mask;
  for (const t of layout) mask |= t.mask;
  const values = valuesFor(rng, mask, language, textCategory, person, profile);
  const subject = render(subjectTemplate, values);
  const body = renderBody(channel, layout, values, profile?.organisationName ?? null);

  const priority = profile?.priority ?? 'none';
  const entitled = priority === 'active' && !unmatched;
  const phoneP = entitled ? 0.45 : priority === 'expired' ? 0.08 : 0.006;
  const callbackPhone =
    (channel === 'portal' || channel === 'phone') && rng.chance(phoneP) ? swissPhone(rng, person.language) : null;

  let status = statusFor(rng, recency, entitled && callbackPhone !== null);
  // Nobody leaves a ticket untouched for weeks: older backlog is open or pending.
  if (status === 'new' && recency < 0.85) status = 'open';
  let updatedMs = createdMs;
  if (status === 'open' || status === 'pending') {
    updatedMs = createdMs + rng.int(5 * MINUTE_MS, Math.max(5 * MINUTE_MS, Math.min(2 * DAY_MS, nowMs - createdMs)));
  } else if (status === null) {
    updatedMs = createdMs + rng.int(20 * MINUTE_MS, 5 * DAY_MS);
    // Solved tickets close automatically after four days; a few stay solved.
    status = nowMs - updatedMs < 4 * DAY_MS || rng.chance(0.04) ? 'solved' : 'closed';
    // A termination by chat is never "solved": the agent sends the customer elsewhere and closes
    // (docs/product-rules.md#chat-terminations).
    if (chatTermination) status = 'closed';
  }
  updatedMs = Math.max(createdMs, Math.min(updatedMs, nowMs - 1000));
  times.created = createdMs;
  times.updated = updatedMs;

  const files =
    (channel === 'portal' || channel === 'email') && rng.chance(0.05)
      ? attachments.pick(rng, textCategory, language, iso(createdMs).slice(0, 10))
      : [];
  const registered = profile !== null && !unmatched && rng.chance(0.85);
  return {
    id,
    accountId: unmatched ? null : profile.id,
    channel,
    categoryId,
    subject,
    body,
    status,
    priority: rng.choose(entitled ? PRIORITY_ENTITLED : PRIORITY),
    requesterName: `${person.firstName} ${person.lastName}`,
    requesterEmail: registered
      ? rng.pick(profile.emails)
      : `${person.firstSlug}.${person.lastSlug}${rng.int(1, 99)}@${rng.pick(FREEMAIL)}`,
    language,
    callbackPhone,
    attachments: files,
    assigneeId: null,
    duplicateOfId: null,
    level: 1,
    version: 1,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
  };
}

function otherThan(rng: Rng, category: CategoryId, table: Weighted<CategoryId>): CategoryId {
  for (let k = 0; k < 4; k++) {
    const c = rng.choose(table);
    if (c !== category) return c;
  }
  return category === 'other' ? 'hosting' : 'other';
}

const MAILBOX = varBit('mailbox');
const ERROR = varBit('error');
const INVOICE = varBit('invoice');
const AMOUNT = varBit('amount');
const PRODUCT = varBit('product');
const CMS_BIT = varBit('cms');

function valuesFor(
  rng: Rng,
  mask: number,
  language: Language,
  category: CategoryId,
  person: Person,
  profile: AccountProfile | null,
): Values {
  const domain = profile?.domain ?? `${person.lastSlug}.ch`;
  let mailbox = '';
  if (mask & MAILBOX) {
    mailbox = rng.chance(0.7) ? `${rng.pick(MAILBOX_PARTS[language])}@${domain}` : `${person.firstSlug}@${domain}`;
  }
  return {
    first: person.firstName,
    last: person.lastName,
    domain,
    mailbox,
    error: mask & ERROR ? rng.pick(ERRORS[category]) : '',
    invoice: mask & INVOICE ? `R-${2024 + rng.int(0, 2)}-${String(rng.int(10000, 999999)).padStart(6, '0')}` : '',
    amount: mask & AMOUNT ? `CHF ${chf(rng.int(990, 89000) / 100)}` : '',
    product: mask & PRODUCT ? rng.pick(PRODUCTS) : '',
    cms: mask & CMS_BIT ? rng.pick(CMS) : '',
    customer: profile?.customerNumber ?? '-',
    subject: '',
    agent: '',
  };
}

/** The templates of a body, in order: chat = [line]; phone = [intro, core]; portal/e-mail = [greeting, core, closing]. */
function bodyLayout(
  rng: Rng,
  texts: CompiledTexts,
  channel: Ticket['channel'],
  category: CategoryId,
  chatTermination: boolean,
): Template[] {
  const t = texts.categories[category];
  switch (channel) {
    case 'chat':
      return [rng.pick(chatTermination ? texts.chatTermination : t.chat)];
    case 'phone':
      return [rng.pick(texts.phoneIntro), rng.pick(t.bodies)];
    default:
      return [rng.pick(texts.greetings), rng.pick(t.bodies), rng.pick(texts.closings)];
  }
}

function renderBody(
  channel: Ticket['channel'],
  layout: readonly Template[],
  values: Values,
  org: string | null,
): string {
  const parts = layout.map((t) => render(t, values));
  if (channel === 'chat' || channel === 'phone') return parts.join('');
  return parts.join('\n\n') + (org ? `\n${org}` : '');
}

/** The same request again, minutes later: same account and category, similar words. */
function duplicateOf(rng: Rng, prev: Previous, id: string, nowMs: number, times: Times): Ticket {
  const original = prev.ticket;
  const texts = TEXTS[original.language];
  const createdMs = Math.min(nowMs - 1000, prev.createdMs + rng.int(2, 40) * MINUTE_MS);
  const values: Values = { ...EMPTY_VALUES, subject: original.subject };
  const merged = rng.chance(0.45);
  const active = original.status === 'new' || original.status === 'open' || original.status === 'pending';
  const status: TicketStatus = merged ? 'closed' : active ? 'new' : original.status;
  const updatedMs = Math.max(
    createdMs,
    merged || !active ? Math.min(nowMs - 1000, createdMs + rng.int(10 * MINUTE_MS, 2 * DAY_MS)) : createdMs,
  );
  times.created = createdMs;
  times.updated = updatedMs;
  return {
    ...original,
    id,
    channel: original.channel === 'phone' ? 'portal' : original.channel,
    subject: render(rng.pick(texts.duplicateSubject), values),
    body: `${render(rng.pick(texts.duplicateIntro), values)}\n\n${original.body}`,
    status,
    attachments: [],
    duplicateOfId: merged ? original.id : null,
    createdAt: iso(createdMs),
    updatedAt: iso(updatedMs),
  };
}
