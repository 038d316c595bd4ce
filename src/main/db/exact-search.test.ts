import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, Ticket } from '../../shared/entities.js';
import type { ValidChange } from '../../shared/sync-protocol.js';
import { openCache } from './connection.js';
import type { Cache } from './connection.js';
import { PROVIDER_ACCOUNTS } from './exact-matches.js';
import { toFtsQuery } from './fts.js';
import { MIGRATIONS, runMigrations } from './migrations/index.js';
import { makeTicket, queueWindow, tempDir, upsertTicket } from './test-fixtures.js';

let cache: Cache;
beforeEach(() => {
  cache = openCache(path.join(tempDir('exact'), 'cache.db'));
});
afterEach(() => {
  cache.close();
});

function account(id: string, customerNumber: string, emails: string[], version = 1): Account {
  return {
    id,
    type: 'organisation',
    customerNumber,
    firstName: 'Anne',
    lastName: 'Favre',
    organisationName: 'Boulangerie Favre',
    registeredEmails: emails,
    language: 'fr',
    prioritySupportUntil: null,
    version,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}
const upsertAccount = (a: Account): ValidChange => ({
  op: 'upsert',
  kind: 'account',
  id: a.id,
  version: a.version,
  record: a,
});

function ticket(n: number, over: Partial<Ticket> = {}): Ticket {
  return makeTicket(n, { id: String(n), status: 'open', accountId: null, ...over });
}

/** Applies the changes and indexes every ticket for full-text search, as the sync engine does. */
function sync(changes: ValidChange[]): void {
  cache.writer.applyChanges(changes, [], 'c', 'live');
  for (let guard = 0; guard < 20 && !cache.writer.indexSearchChunk(500).ready; guard++);
}

const ids = (w: { rows: { id: string }[] }) => w.rows.map((r) => r.id);
const everyStatus = ['new', 'open', 'pending', 'solved', 'closed'] as const;

describe('exact matches in the queue search', () => {
  it('lists the ticket a number names first, then the full-text matches of that number without it again', () => {
    sync([
      upsertTicket(ticket(1994, { subject: 'Site lent' })),
      upsertTicket(ticket(20, { body: 'Voir mon ticket 1994, toujours rien.' })),
      upsertTicket(ticket(21, { body: 'Client depuis 1994, merci.' })),
      upsertTicket(ticket(22)),
    ]);
    for (const search of ['#1994', '1994']) {
      const w = queueWindow(cache, { search });
      expect(w.exact).toBe(1);
      expect(ids(w)).toEqual(['1994', '21', '20']);
      expect(w.total).toBe(3);
      expect(w.rows[0]?.snippet).toBeNull();
    }
    // A page further down starts after the exact group: no row twice, none left out.
    expect(ids(queueWindow(cache, { search: '1994', offset: 1, limit: 1 }))).toEqual(['21']);
    expect(ids(queueWindow(cache, { search: '1994', offset: 2, limit: 5 }))).toEqual(['20']);
    // A sentence is a full-text search only.
    expect(queueWindow(cache, { search: 'ticket 1994' }).exact).toBe(0);
  });

  it("finds the requester's e-mail whatever its case, and nobody else's", () => {
    sync([
      upsertTicket(ticket(1, { requesterEmail: 'Anne.Favre@Boulangerie-Favre.ch' })),
      upsertTicket(ticket(2, { requesterEmail: 'anne.favre@boulangerie-favre.ch' })),
      upsertTicket(ticket(3, { requesterEmail: 'paul.favre@boulangerie-favre.ch' })),
    ]);
    const w = queueWindow(cache, { search: 'ANNE.FAVRE@boulangerie-favre.CH' });
    expect(w.exact).toBe(2);
    expect(ids(w).slice(0, 2)).toEqual(['2', '1']);
  });

  it("finds an account's tickets by its customer number, typed in any case", () => {
    sync([
      upsertAccount(account('acc-1', 'CH-104233', ['info@boulangerie-favre.ch'])),
      upsertAccount(account('acc-2', 'CH-104236', ['info@garage-rochat.ch'])),
      upsertTicket(ticket(1, { accountId: 'acc-1' })),
      upsertTicket(ticket(2, { accountId: 'acc-2' })),
      upsertTicket(ticket(3, { accountId: 'acc-1' })),
    ]);
    const w = queueWindow(cache, { search: 'ch-104233' });
    expect(w.exact).toBe(2);
    expect(ids(w)).toEqual(['3', '1']);
  });

  it("finds a domain through the account's registered addresses and the requester's address", () => {
    sync([
      upsertAccount(account('acc-1', 'CH-1', ['info@boulangerie-favre.ch', 'anne@bluewin.ch'])),
      // Written from a private address, but the account's domain names it.
      upsertTicket(ticket(1, { accountId: 'acc-1', requesterEmail: 'anne@bluewin.ch' })),
      // No account matched, but the requester writes from the domain.
      upsertTicket(ticket(2, { requesterEmail: 'compta@Boulangerie-Favre.ch' })),
      upsertTicket(ticket(3, { requesterEmail: 'x@garage-rochat.ch' })),
    ]);
    const w = queueWindow(cache, { search: 'https://www.boulangerie-favre.ch/' });
    expect(w.exact).toBe(2);
    expect(ids(w)).toEqual(['2', '1']);
  });

  it("does not list every account of a mail provider's domain, only those writing from it", () => {
    const accounts = Array.from({ length: PROVIDER_ACCOUNTS + 1 }, (_, i) =>
      upsertAccount(account(`acc-${i}`, `CH-${i}`, [`p${i}@bluewin.ch`])),
    );
    sync([
      ...accounts,
      upsertTicket(ticket(1, { accountId: 'acc-0', requesterEmail: 'p0@company.ch' })),
      upsertTicket(ticket(2, { accountId: 'acc-1', requesterEmail: 'p1@bluewin.ch' })),
    ]);
    const w = queueWindow(cache, { search: 'bluewin.ch' });
    expect(w.exact).toBe(1);
    expect(ids(w)[0]).toBe('2');
  });

  it("follows an account's addresses as they change and go", () => {
    sync([
      upsertAccount(account('acc-1', 'CH-1', ['info@old-name.ch'])),
      upsertTicket(ticket(1, { accountId: 'acc-1' })),
    ]);
    expect(queueWindow(cache, { search: 'old-name.ch' }).exact).toBe(1);
    sync([upsertAccount(account('acc-1', 'CH-1', ['info@new-name.ch'], 2))]);
    expect(queueWindow(cache, { search: 'old-name.ch' }).exact).toBe(0);
    expect(queueWindow(cache, { search: 'new-name.ch' }).exact).toBe(1);
    sync([{ op: 'delete', kind: 'account', id: 'acc-1' }]);
    expect(queueWindow(cache, { search: 'new-name.ch' }).exact).toBe(0);
    expect(cache.db.prepare('SELECT count(*) FROM account_domains').pluck().get()).toBe(0);
  });

  it('keeps to the filters, and an empty result says what wider filters would find', () => {
    sync([
      upsertTicket(ticket(1994, { status: 'closed', categoryId: 'C1' })),
      upsertTicket(ticket(7, { status: 'open', categoryId: 'C2', body: 'Au sujet du 1994.' })),
    ]);
    const inC1 = queueWindow(cache, { search: '#1994', categoryId: 'C1' });
    expect(inC1.total).toBe(0);
    expect(inC1.widen).toEqual({ allStatuses: 1, everywhere: 2 });
    expect(ids(queueWindow(cache, { search: '#1994', categoryId: 'C1', statuses: [...everyStatus] }))).toEqual([
      '1994',
    ]);
    // Without a search too: the closed ticket is in no open queue.
    expect(queueWindow(cache, { categoryId: 'C1' }).widen).toEqual({ allStatuses: 1, everywhere: 2 });
    // Every status of every ticket: nothing wider to offer.
    expect(queueWindow(cache, { search: 'introuvable', statuses: [...everyStatus] }).widen).toEqual({
      allStatuses: null,
      everywhere: null,
    });
    // A list with rows offers nothing.
    expect(queueWindow(cache, { search: '1994' }).widen).toBeNull();
  });

  it('reads the addresses through their indexes, newest first, without sorting', () => {
    // The statements exact-matches.ts runs for an address and a domain (with no view to test against).
    const plan = (key: string) =>
      (
        cache.db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT rid FROM (SELECT rid FROM tickets WHERE ${key} = ? ORDER BY rid DESC LIMIT ?) WHERE 1 ORDER BY rid DESC LIMIT ?`,
          )
          .all('x', 5000, 500) as { detail: string }[]
      )
        .map((r) => r.detail)
        .join(' | ');
    const email = plan('lower(requester_email)');
    expect(email).toContain('tickets_requester_email_ci');
    expect(email).not.toContain('TEMP B-TREE');
    const domain = plan("lower(substr(requester_email, instr(requester_email, '@') + 1))");
    expect(domain).toContain('tickets_requester_domain');
    expect(domain).not.toContain('TEMP B-TREE');
  });
});

describe('the full-text part of a pasted address', () => {
  it('looks for a whole address or domain as it is, and for what is being typed as a prefix', () => {
    expect(toFtsQuery('Anne@Bluewin.ch')).toBe('"Anne@Bluewin.ch"');
    expect(toFtsQuery('https://www.favre.ch/')).toBe('"https" "www.favre.ch"');
    expect(toFtsQuery('favre')).toBe('"favre"*');
    expect(toFtsQuery('#1994')).toBe('"1994"*');
  });
});

describe('migration 012 (exact search)', () => {
  it('fills the domains of the accounts a cache already holds', () => {
    const file = path.join(tempDir('mig011'), 'cache.db');
    const raw = new Database(file);
    const before = MIGRATIONS.findIndex((m) => m.name === 'exact-search');
    runMigrations(raw, MIGRATIONS.slice(0, before));
    raw
      .prepare(
        `INSERT INTO accounts (id, version, type, customer_number, first_name, last_name, organisation_name,
           registered_emails, language, priority_support_until, updated_at)
         VALUES ('acc-1', 1, 'organisation', 'CH-1', 'Anne', 'Favre', 'Favre SA', ?, 'fr', NULL, '2026-01-01T00:00:00.000Z')`,
      )
      .run(JSON.stringify(['info@Favre.ch', 'anne@bluewin.ch', 'compta@favre.ch']));
    runMigrations(raw);
    expect(raw.prepare('SELECT domain, account_id FROM account_domains ORDER BY domain').all()).toEqual([
      { domain: 'bluewin.ch', account_id: 'acc-1' },
      { domain: 'favre.ch', account_id: 'acc-1' },
    ]);
    raw.close();
  });
});
