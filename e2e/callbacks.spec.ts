/**
 * Priority callbacks in Chromium through the harness. Léa (agent, verifier
 * and expert) schedules a callback for an entitled customer from the triage
 * ticket pane, finds it in her day on the callbacks desk, records "no
 * answer" (the next try is booked, try 2 of 3) and then "reached" (the
 * ticket is solved). A customer without Priority Support who asked for a
 * call is refused with the reason and the reply that answers them, and so
 * is one whose number does not exist, saying what is wrong with it.
 *
 * The clock is the real one, so the test never assumes "today" has free
 * slots: it books the first free morning slot (today or a later business
 * day), opens that day in the day view, and a missed morning call's retry
 * (an hour later at the earliest) always falls on the same day.
 *
 * The same day by keyboard: `?` and the palette show the desk's own keys
 * (T take, N no answer, R reached…), and the keys do what the buttons do.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Account, Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { CallbacksPage, CommandPalette, QueuePage, TicketPage } from './pages/index.js';

test.use({ viewport: { width: 1280, height: 800 } });

const zurichDay = (iso: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Zurich',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** Sets an account's Priority Support as "the backoffice" would (a new version, pushed to the console). */
async function setEntitlement(backend: BackendControl, accountId: string, until: string | null): Promise<void> {
  const admin = backend.current.admin;
  const account = (await admin.get('account', accountId)) as Account;
  await admin.writeUnchecked('account', accountId, {
    ...account,
    prioritySupportUntil: until,
    version: account.version + 1,
  });
}

/** Two open tickets of different accounts that left a phone number. */
function pickTickets(backend: BackendControl): { entitled: Ticket; plain: Ticket } {
  const open = backend
    .tickets()
    .filter((t) => t.callbackPhone !== null && t.accountId !== null && ['new', 'open'].includes(t.status));
  const entitled = open[0];
  const plain = open.find((t) => t.accountId !== entitled?.accountId);
  if (entitled === undefined || plain === undefined)
    throw new Error('the seed has too few tickets with a phone number');
  return { entitled, plain };
}

test('an expert books a callback, finds it in the day, records no answer then reached; no Priority Support is refused with the reason @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const callbacks = new CallbacksPage(page);
  await queue.waitForRows();

  const { entitled, plain } = pickTickets(backend);
  await setEntitlement(backend, entitled.accountId ?? '', '2099-12-31');
  await setEntitlement(backend, plain.accountId ?? '', null);
  await backend.updateTicket(entitled.id, {
    subject: 'Rappel prioritaire zyxentitled',
    body: 'Mon site ne répond plus. Rappelez-moi entre 9h et 11h svp.',
    callbackPhone: '044 668 18 00',
  });
  await backend.updateTicket(plain.id, { subject: 'Rappel sans contrat zyxplain', callbackPhone: '079 123 45 67' });

  // Triage: the entitled customer's ticket offers "schedule callback".
  await queue.searchFor('zyxentitled');
  await queue.row(entitled.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', entitled.id);
  await expect(callbacks.ticketBox).toBeVisible();
  await callbacks.openSchedule();
  // The time the customer named is the dialog's first choice; the test takes the whole morning.
  await expect(page.getByTestId('cb-window')).toHaveValue('ticket');
  await callbacks.preferWindow('morning');
  const slot = callbacks.slots.first();
  await expect(slot).toBeVisible();
  const startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
  await slot.click();
  await expect(callbacks.booked).toHaveAttribute('data-starts-at', startsAt);
  await callbacks.closeDialog();
  await expect(page.locator(`[data-testid="cb-ticket-scheduled"][data-starts-at="${startsAt}"]`)).toBeVisible();

  // The day of the call on the callbacks desk.
  await callbacks.openDesk();
  await callbacks.showDay(zurichDay(startsAt));
  const first = callbacks.itemsOf(entitled.id, 'scheduled');
  await expect(first).toHaveCount(1);
  await first.click();
  await expect(callbacks.phone).toHaveAttribute('href', 'tel:+41446681800');
  await expect(callbacks.attempt).toHaveAttribute('data-attempt', '1');
  await expect(page.getByTestId('cb-history')).toContainText('Callback scheduled');

  // No answer: the next try is booked the same day, try 2 of 3.
  await callbacks.take();
  await callbacks.note.fill('Combox, message laissé.');
  await callbacks.record('no_answer');
  await expect(callbacks.itemsOf(entitled.id, 'no_answer')).toHaveCount(1);
  const retry = callbacks.itemsOf(entitled.id, 'scheduled');
  await expect(retry).toHaveAttribute('data-attempt', '2');
  await retry.click();
  await expect(callbacks.attempt).toHaveAttribute('data-attempt', '2');

  // Reached: the ticket is solved.
  await callbacks.record('reached');
  await expect(callbacks.itemsOf(entitled.id, 'reached')).toHaveCount(1);
  await expect(callbacks.itemsOf(entitled.id, 'scheduled')).toHaveCount(0);
  await expect.poll(async () => (await backend.getTicket(entitled.id))?.status).toBe('solved');
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // The day without the confirmations on top of it.
  const notices = page.getByTestId('notice');
  while ((await notices.count()) > 0) await notices.first().getByRole('button').click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
  await docScreenshot('callbacks-day.png');

  // A customer without Priority Support: refused, with the reason and the reply.
  await callbacks.openTriage();
  await expect(page.getByTestId('view-callbacks-today')).toBeVisible();
  await queue.clearSearch();
  await queue.searchFor('zyxplain');
  await queue.row(plain.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', plain.id);
  await expect(callbacks.whyNot).toHaveAttribute('data-reason', 'no_entitlement');
  await expect(page.getByTestId('cb-schedule-open')).toHaveCount(0);
  await callbacks.useReply.click();
  await expect(ticketPane.composerBody).toHaveValue(/Priority Support/);

  // Entitled now, but the number does not exist (nine digits after +41, and no Swiss number starts with 99).
  await setEntitlement(backend, plain.accountId ?? '', '2099-12-31');
  await backend.updateTicket(plain.id, { callbackPhone: '+41 99 000 00 00' });
  await expect(callbacks.whyNot).toHaveAttribute('data-reason', 'malformed_phone');
  const problem = page.getByTestId('cb-phone-problem');
  await expect(problem).toHaveAttribute('data-problem', 'not_in_number_plan');
  await expect(problem).toContainText('+41 99 000 00 00 n’existe pas');
  await expect(page.getByTestId('cb-schedule-open')).toHaveCount(0);

  expect(consoleErrors).toEqual([]);
});

/** The day after (or before) a "YYYY-MM-DD" day. */
const dayAfter = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test('on the callbacks desk, ? and the palette show the desk’s keys, and T, N, J/K, R, [ ] . act on the day', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const callbacks = new CallbacksPage(page);
  const palette = new CommandPalette(page);
  await queue.waitForRows();
  const { entitled } = pickTickets(backend);
  await setEntitlement(backend, entitled.accountId ?? '', '2099-12-31');
  await backend.updateTicket(entitled.id, { subject: 'Rappel au clavier zyxkeys', callbackPhone: '044 668 18 00' });

  // A morning call booked from the ticket, as in the first test.
  await queue.searchFor('zyxkeys');
  await queue.row(entitled.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', entitled.id);
  await callbacks.openSchedule();
  await callbacks.preferWindow('morning');
  const slot = callbacks.slots.first();
  await expect(slot).toBeVisible();
  const startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
  await slot.click();
  await expect(callbacks.booked).toHaveAttribute('data-starts-at', startsAt);
  await callbacks.closeDialog();

  await callbacks.openDesk();
  const day = zurichDay(startsAt);
  await callbacks.showDay(day);
  const call = callbacks.itemsOf(entitled.id, 'scheduled');
  await call.click();
  await expect(call).toHaveAttribute('aria-current', 'true');

  // ?: the callbacks desk's keys first, then those of every desk; none of the triage desk's.
  await page.keyboard.press('?');
  const help = palette.helpOverlay();
  await expect(help).toBeVisible();
  const deskKeys = help.getByTestId('help-section-callbacks');
  // It opens on the desk's keys (the dialog is not scrolled down to its Close button).
  await expect(deskKeys.getByTestId('help-callNext')).toBeInViewport();
  await expect(deskKeys.getByTestId('help-callTake').getByTestId('help-key')).toHaveText(['T']);
  await expect(deskKeys.getByTestId('help-callTake')).toContainText('Prendre l’appel');
  await expect(deskKeys.getByTestId('help-callReached').getByTestId('help-key')).toHaveText(['R']);
  await expect(deskKeys.getByTestId('help-callNoAnswer').getByTestId('help-key')).toHaveText(['N']);
  await expect(deskKeys.getByTestId('help-callNext').getByTestId('help-key')).toHaveText(['J', '↓']);
  await expect(deskKeys.getByTestId('help-dayPrev').getByTestId('help-key')).toHaveText(['[']);
  await expect(help.getByTestId('help-section-global').getByTestId('help-palette')).toContainText('Ctrl+K');
  await expect(help.getByTestId('help-reply')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  // The palette lists the desk's commands with their keys, not the queue's.
  await palette.open();
  await expect(palette.item('callTake').locator('kbd')).toHaveText('T');
  await expect(palette.item('callReschedule')).toBeEnabled();
  await expect(palette.item('reply')).toHaveCount(0);
  await expect(palette.viewItem('all')).toHaveCount(0);
  await palette.close();
  await expect(palette.root).toHaveCount(0);

  // T takes the call; a key typed into the note is text, not an outcome.
  await page.keyboard.press('t');
  await expect(callbacks.note).toBeVisible();
  await callbacks.note.fill('Combox');
  await callbacks.note.press('n');
  await expect(callbacks.note).toHaveValue('Comboxn');
  await expect(callbacks.itemsOf(entitled.id, 'no_answer')).toHaveCount(0);
  await callbacks.note.blur();

  // N: no answer, the retry is booked and selected; K and J move through the day.
  await page.keyboard.press('n');
  await expect(callbacks.itemsOf(entitled.id, 'no_answer')).toHaveCount(1);
  const retry = callbacks.itemsOf(entitled.id, 'scheduled');
  await expect(retry).toHaveAttribute('data-attempt', '2');
  await expect(retry).toHaveAttribute('aria-current', 'true');
  const ids = await Promise.all((await callbacks.items.all()).map((i) => i.getAttribute('data-callback-id')));
  const retryId = await retry.getAttribute('data-callback-id');
  const before = ids[ids.indexOf(retryId) - 1];
  if (before === undefined) throw new Error('the missed call comes before its retry');
  await page.keyboard.press('k');
  await expect(page.locator(`[data-testid="cb-item"][data-callback-id="${before}"]`)).toHaveAttribute(
    'aria-current',
    'true',
  );
  await page.keyboard.press('J');
  await expect(retry).toHaveAttribute('aria-current', 'true');

  // R: reached, the ticket is solved.
  await page.keyboard.press('r');
  await expect(callbacks.itemsOf(entitled.id, 'reached')).toHaveCount(1);
  await expect.poll(async () => (await backend.getTicket(entitled.id))?.status).toBe('solved');

  // ] and [ move by a day, . comes back to today.
  await page.keyboard.press(']');
  await expect(callbacks.dayTitle).toHaveAttribute('data-day', dayAfter(day, 1));
  await page.keyboard.press('[');
  await expect(callbacks.dayTitle).toHaveAttribute('data-day', day);
  await page.keyboard.press('.');
  await expect(page.getByTestId('cb-day')).toHaveAttribute('data-day', zurichDay(new Date().toISOString()));
  expect(consoleErrors).toEqual([]);
});

/** Another expert books a slot through the API, as their own console would. */
async function bookAsSophie(
  backend: BackendControl,
  ticket: Ticket,
  expertId: string,
  startsAt: string,
): Promise<number> {
  const login = await fetch(`${backend.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'sophie', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const current = await backend.getTicket(ticket.id);
  const res = await fetch(`${backend.url}/v1/tickets/${ticket.id}/callbacks`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-${ticket.id}`,
    },
    body: JSON.stringify({ baseVersion: current?.version, expertId, startsAt }),
  });
  return res.status;
}

/** Serious and critical axe violations, each as "rule: selectors". */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a slot taken meanwhile shows the conflict and the next free slots; the screens pass axe', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const callbacks = new CallbacksPage(page);
  await queue.waitForRows();
  const { entitled, plain: other } = pickTickets(backend);
  for (const t of [entitled, other]) await setEntitlement(backend, t.accountId ?? '', '2099-12-31');
  await backend.updateTicket(entitled.id, { subject: 'Rappel conflit zyxconflict', callbackPhone: '+41 21 345 67 89' });

  await queue.searchFor('zyxconflict');
  await queue.row(entitled.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', entitled.id);
  await callbacks.openSchedule();
  const first = callbacks.slots.first();
  await expect(first).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  const startsAt = (await first.getAttribute('data-starts-at')) ?? '';
  const expertId = (await first.getAttribute('data-expert-id')) ?? '';

  // Sophie takes that slot for another customer while the dialog is open.
  expect(await bookAsSophie(backend, other, expertId, startsAt)).toBe(200);
  await first.click();
  await expect(callbacks.conflict).toHaveAttribute('data-reason', 'slot_taken');
  const proposals = callbacks.slots;
  await expect(proposals.first()).toBeVisible();
  const offered = await Promise.all((await proposals.all()).map((p) => p.getAttribute('data-starts-at')));
  expect(offered).not.toContain(startsAt);
  expect(await seriousViolations(page)).toEqual([]);

  const next = (await proposals.first().getAttribute('data-starts-at')) ?? '';
  await proposals.first().click();
  await expect(callbacks.booked).toHaveAttribute('data-starts-at', next);
  await callbacks.closeDialog();

  await callbacks.openDesk();
  await callbacks.showDay(zurichDay(next));
  await callbacks.itemsOf(entitled.id, 'scheduled').click();
  await expect(callbacks.detail).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  expect(consoleErrors).toEqual([]);
});
