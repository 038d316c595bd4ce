/**
 * A tiny, fixed dataset for the backend's own tests: fast to seed and easy
 * to reason about (ids are small numbers, the clock is fixed). The realistic
 * dataset lives in src/server/seed.
 */
import { createHash } from 'node:crypto';
import type { Account, Agent, Category, Ticket, TicketMessage } from '../../shared/entities.js';
import type { SeedSink } from '../store/bulk.js';

export interface FixtureOptions {
  tickets?: number;
}

export const FIXTURE_TIME = '2026-03-02T08:00:00.000Z';
/** Bytes of a minimal PDF, and of a "renamed text file" for intake tests. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

const CATEGORY_IDS = ['hosting', 'email', 'domains', 'billing', 'termination'] as const;
const STATUSES = ['new', 'open', 'pending', 'solved', 'closed'] as const;
const CHANNELS = ['portal', 'chat', 'phone', 'email'] as const;

function category(id: string, position: number): Category {
  const n = (id[0] ?? '').toUpperCase() + id.slice(1);
  return { id, names: { fr: n, de: n, it: n, en: n }, position, version: 1, updatedAt: FIXTURE_TIME };
}

function agent(id: string, name: string, roles: Agent['roles']): Agent {
  const email = `${name.toLowerCase()}@support.example.ch`;
  return { id, name, email, roles, languages: ['fr', 'de'], calendar: null, version: 1, updatedAt: FIXTURE_TIME };
}

export const FIXTURE_ACCOUNTS: Account[] = [
  {
    id: '1',
    type: 'individual',
    customerNumber: 'CH-100001',
    firstName: 'Anna',
    lastName: 'Muster',
    organisationName: null,
    registeredEmails: ['anna@muster-web.ch'],
    language: 'de',
    prioritySupportUntil: '2099-12-31',
    version: 1,
    updatedAt: FIXTURE_TIME,
  },
  {
    id: '2',
    type: 'organisation',
    customerNumber: 'CH-100002',
    firstName: 'Luc',
    lastName: 'Favre',
    organisationName: 'Boulangerie Favre SA',
    registeredEmails: ['info@boulangerie-favre.ch'],
    language: 'fr',
    prioritySupportUntil: null,
    version: 1,
    updatedAt: FIXTURE_TIME,
  },
];

/** Ticket n (1-based): status, channel and category cycle so every combination shows up. */
export function fixtureTicket(n: number): Ticket {
  const account = FIXTURE_ACCOUNTS[n % 2] as Account;
  return {
    id: String(n),
    accountId: account.id,
    channel: CHANNELS[n % CHANNELS.length] ?? 'portal',
    categoryId: CATEGORY_IDS[n % CATEGORY_IDS.length] ?? 'hosting',
    subject: `Ticket ${n}`,
    body: `Body of ticket ${n}`,
    status: STATUSES[n % STATUSES.length] ?? 'new',
    priority: 'normal',
    requesterName: `${account.firstName} ${account.lastName}`,
    requesterEmail: account.registeredEmails[0] ?? 'x@example.com',
    language: account.language,
    callbackPhone: n % 3 !== 0 ? '+41 44 555 00 00' : null,
    attachments: [],
    assigneeId: null,
    duplicateOfId: null,
    level: 1,
    version: 1,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
  };
}

export function fixtureSeed(sink: SeedSink, opts: FixtureOptions): void {
  sink.categories(CATEGORY_IDS.map((id, i) => category(id, i)));
  sink.agents([
    { agent: agent('1', 'Lea', ['agent', 'verifier', 'expert']), login: 'lea', password: 'demo' },
    { agent: agent('2', 'Marco', ['agent']), login: 'marco', password: 'demo' },
    { agent: agent('3', 'Jonas', ['verifier']), login: 'jonas', password: 'demo' },
    { agent: agent('4', 'Sophie', ['expert']), login: 'sophie', password: 'demo' },
  ]);
  sink.accounts(FIXTURE_ACCOUNTS);
  const tickets = Array.from({ length: opts.tickets ?? 20 }, (_, i) => fixtureTicket(i + 1));
  sink.tickets(tickets);
  sink.messages(
    tickets.map((t): TicketMessage => ({
      id: t.id,
      ticketId: t.id,
      authorAgentId: null,
      kind: 'customer',
      body: `Follow-up on ${t.id}`,
      version: 1,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
    })),
  );
  const doc = {
    id: 'doc-1',
    declaredName: 'id.pdf',
    declaredType: 'application/pdf',
    size: PDF_BYTES.length,
    sha256: createHash('sha256').update(PDF_BYTES).digest('hex'),
  };
  // One document per request: a document belongs to the request it was sent with (its views, its retention).
  sink.documents([
    { id: 'doc-1', bytes: PDF_BYTES },
    { id: 'doc-3', bytes: PDF_BYTES },
  ]);
  const fields = {
    firstName: 'Anna',
    lastName: 'Muster',
    organisationName: '',
    customerNumber: 'CH-100001',
    domain: 'muster-web.ch',
    contactEmail: 'anna.private@gmail.com',
    resetEmail: 'anna.private@gmail.com',
    phone: '+41 79 000 00 00',
    street: 'Bahnhofstrasse 1',
    postalCode: '8001',
    city: 'Zürich',
    country: 'CH',
    message: '',
  };
  const base = {
    language: 'de' as const,
    decision: null,
    version: 1,
    createdAt: FIXTURE_TIME,
    updatedAt: FIXTURE_TIME,
  };
  sink.recoveries([
    // Unregistered address, with a document: approvable.
    { ...base, id: '1', status: 'pending', fields, matchedAccountId: '1', documents: [doc] },
    // Unregistered address, no document: rule 3 forbids approval.
    { ...base, id: '2', status: 'pending', fields, matchedAccountId: '1', documents: [] },
    // No account matched.
    {
      ...base,
      id: '3',
      status: 'pending',
      fields: { ...fields, customerNumber: '' },
      matchedAccountId: null,
      documents: [{ ...doc, id: 'doc-3' }],
    },
  ]);
  sink.callbacks([
    {
      id: '1',
      ticketId: '1',
      expertId: '4',
      startsAt: '2026-03-02T08:00:00.000Z', // Monday 09:00 in Zurich
      endsAt: '2026-03-02T08:15:00.000Z',
      phone: '+41 44 555 00 00',
      status: 'scheduled',
      attempts: 0,
      note: null,
      version: 1,
      createdAt: FIXTURE_TIME,
      updatedAt: FIXTURE_TIME,
    },
  ]);
}
