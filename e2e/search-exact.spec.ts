/**
 * Search finds what agents paste from a call or an e-mail: a ticket number
 * (#1994 or 1994), the requester's address in any case, a customer number, a
 * domain; those tickets come first, marked as exact matches. A search that
 * finds nothing offers, in one click, the same search with every status or
 * among every ticket, saying how many each finds.
 */
import type { Locator, Page } from '@playwright/test';
import { PROVIDER_ACCOUNTS } from '../src/main/db/exact-matches.js';
import { Account } from '../src/shared/entities.js';
import type { Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { QueuePage } from './pages/index.js';

const OPEN_WORK = new Set<Ticket['status']>(['new', 'open', 'pending']);
const domainOf = (email: string): string => email.slice(email.indexOf('@') + 1).toLowerCase();

function exactRows(page: Page): Locator {
  return page.locator('[data-testid="queue-row"]:has([data-testid="row-exact"])');
}

/** The ids of the rows marked exact, in order; they must be the first rows of the list. */
async function exactIds(queue: QueuePage): Promise<string[]> {
  const all = await queue.visibleTicketIds();
  const marked = await Promise.all((await exactRows(queue.page).all()).map((r) => r.getAttribute('data-ticket-id')));
  expect(all.slice(0, marked.length)).toEqual(marked);
  return marked.filter((id): id is string => id !== null).sort();
}

/** The open tickets that `keep` names, sorted (the list's order is the cache's arrival order). */
function openIds(tickets: readonly Ticket[], keep: (t: Ticket) => boolean): string[] {
  return tickets
    .filter((t) => OPEN_WORK.has(t.status) && keep(t))
    .map((t) => t.id)
    .sort();
}

function accounts(backend: BackendControl): Account[] {
  return backend.records('account').map((r) => Account.parse(r));
}

test('a ticket number, an e-mail, a customer number and a domain find their tickets first', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  await queue.waitForRows();
  const tickets = backend.tickets();
  const open = tickets.filter((t) => OPEN_WORK.has(t.status));
  const byId = new Map(accounts(backend).map((a) => [a.id, a]));

  // By number, with or without #: the ticket comes first even when other texts hold the number.
  const target = open.find((t) => t.accountId !== null && byId.has(t.accountId));
  if (target === undefined) throw new Error('no open ticket with an account in the seed');
  for (const search of [`#${target.id}`, target.id]) {
    await queue.searchFor(search);
    await expect(exactRows(page)).toHaveCount(1);
    expect(await exactIds(queue)).toEqual([target.id]);
    await expect(page.getByTestId('queue-exact')).toHaveText(/1 correspondance exacte/);
  }

  // The requester's address, typed in capitals: every open ticket from that address, and only those.
  await queue.searchFor(target.requesterEmail.toUpperCase());
  const fromAddress = openIds(tickets, (t) => t.requesterEmail.toLowerCase() === target.requesterEmail.toLowerCase());
  await expect(exactRows(page)).toHaveCount(fromAddress.length);
  expect(await exactIds(queue)).toEqual(fromAddress);

  // The customer number in lower case: the account's open tickets.
  const account = byId.get(target.accountId ?? '');
  if (account === undefined) throw new Error('no account');
  await queue.searchFor(account.customerNumber.toLowerCase());
  const ofAccount = openIds(tickets, (t) => t.accountId === account.id);
  await expect(exactRows(page)).toHaveCount(ofAccount.length);
  expect(await exactIds(queue)).toEqual(ofAccount);

  // A customer's own domain (not a mail provider's): its account's tickets and whoever writes from it.
  const holders = new Map<string, string[]>();
  for (const a of byId.values())
    for (const d of new Set(a.registeredEmails.map(domainOf))) holders.set(d, [...(holders.get(d) ?? []), a.id]);
  const domain = [...holders.entries()].find(
    ([d, ids]) =>
      ids.length <= PROVIDER_ACCOUNTS &&
      open.some((t) => t.accountId !== null && ids.includes(t.accountId)) &&
      d !== '',
  )?.[0];
  if (domain === undefined) throw new Error("no customer's domain with open tickets in the seed");
  const domainAccounts = holders.get(domain) ?? [];
  const ofDomain = openIds(
    tickets,
    (t) => domainOf(t.requesterEmail) === domain || (t.accountId !== null && domainAccounts.includes(t.accountId)),
  );
  await queue.searchFor(`www.${domain.toUpperCase()}`);
  await expect(exactRows(page)).toHaveCount(ofDomain.length);
  expect(await exactIds(queue)).toEqual(ofDomain);
  expect(consoleErrors).toEqual([]);
});

test('an empty result offers every status, then every ticket, with how many each finds', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  await queue.waitForRows();
  // A closed ticket whose number starts no word of any open ticket (the full-text part matches prefixes).
  const tickets = backend.tickets();
  const openWords = tickets
    .filter((t) => OPEN_WORK.has(t.status))
    .flatMap((t) => `${t.subject} ${t.body}`.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const closed = tickets.find((t) => t.status === 'closed' && !openWords.some((w) => w.startsWith(t.id)));
  if (closed === undefined) throw new Error('no closed ticket in the seed');

  // Open work only (the default): the closed ticket is not there, and the list says how to find it.
  await queue.searchFor(`#${closed.id}`);
  await expect(queue.empty).toContainText('Aucun ticket ne correspond');
  const allStatuses = page.getByTestId('queue-widen-allStatuses');
  await expect(allStatuses).toHaveText(/^Inclure résolus et fermés : \d+ tickets?$/);
  await allStatuses.click();
  for (const s of ['solved', 'closed']) await expect(page.getByTestId(`status-filter-${s}`)).toBeChecked();
  await expect(queue.row(closed.id).getByTestId('row-exact')).toBeVisible();

  // In another category, with only open work ticked: "every ticket" takes the search out of the category too.
  const other = tickets.find((t) => t.categoryId !== closed.categoryId)?.categoryId;
  if (other === undefined) throw new Error('one category only');
  await queue.setStatusFilter('solved', false);
  await queue.setStatusFilter('closed', false);
  await queue.openCategory(other);
  await queue.searchFor(`#${closed.id}`);
  const everywhere = page.getByTestId('queue-widen-everywhere');
  await expect(everywhere).toHaveText(/^Élargir à tous les tickets : \d+ tickets?$/);
  await everywhere.click();
  await expect(queue.view('all')).toHaveAttribute('aria-current', 'page');
  await expect(queue.row(closed.id).getByTestId('row-exact')).toBeVisible();
  await expect(queue.search).toHaveValue(`#${closed.id}`);
  expect(consoleErrors).toEqual([]);
});
