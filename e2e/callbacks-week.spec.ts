/**
 * The callbacks desk as the expert meets it with the real clock (the seed's
 * calls are all in its own past): an empty day says when and with whom the
 * next call is, and its button goes there; the scheduling dialog shows a
 * week of free slots with a day picker that the keyboard walks (←/→ between
 * days and on to the next week, ↓ into the slots, Enter books), so a day
 * past the first few slots is reachable; "no answer" says when the retry is.
 */
import type { Page } from '@playwright/test';
import { calendarRules } from '../src/shared/callbacks/config.js';
import { addDays, daySlots, zurichDay } from '../src/shared/callbacks/calendar.js';
import type { Account, Callback, Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { CallbacksPage, QueuePage, TicketPage } from './pages/index.js';

test.use({ viewport: { width: 1280, height: 800 } });

const LEA = 'ag-lea';

/** An open ticket of an account with Priority Support, which left a valid Swiss number. */
async function entitledTicket(backend: BackendControl, subject: string): Promise<Ticket> {
  const ticket = backend
    .tickets()
    .find((t) => t.callbackPhone !== null && t.accountId !== null && ['new', 'open'].includes(t.status));
  if (ticket === undefined) throw new Error('the seed has no open ticket with a phone number');
  const admin = backend.current.admin;
  const account = (await admin.get('account', ticket.accountId ?? '')) as Account;
  await admin.writeUnchecked('account', account.id, {
    ...account,
    prioritySupportUntil: '2099-12-31',
    version: account.version + 1,
  });
  return await backend.updateTicket(ticket.id, { subject, callbackPhone: '044 668 18 00' });
}

/** Books a slot for Léa through the API, as another expert's console would. */
async function bookForLea(backend: BackendControl, ticket: Ticket, startsAt: string): Promise<void> {
  const login = await fetch(`${backend.url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'sophie', password: 'demo' }),
  });
  const { token } = (await login.json()) as { token: string };
  const res = await fetch(`${backend.url}/v1/tickets/${ticket.id}/callbacks`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `e2e-week-${ticket.id}-${startsAt}`,
    },
    body: JSON.stringify({ baseVersion: (await backend.getTicket(ticket.id))?.version, expertId: LEA, startsAt }),
  });
  expect(res.status).toBe(200);
}

/** The first business day at least `days` days after today (Zurich), and its slot at `hhmm`. */
function slotAfter(days: number, hhmm: string): { day: string; startsAt: string } {
  const rules = calendarRules();
  for (let i = days; i < days + 14; i++) {
    const day = addDays(zurichDay(new Date()), i);
    const slot = daySlots(day, rules).find((s) => zurichTime(s.startsAt) === hhmm);
    if (slot !== undefined) return { day, startsAt: slot.startsAt };
  }
  throw new Error('no business day in two weeks');
}

const zurichTime = (iso: string): string =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Zurich', hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** "mardi 09:15" as the page's own Intl writes it (the weekday and time the expert reads). */
function weekdayAndTime(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (at) =>
      new Intl.DateTimeFormat('fr-CH', {
        timeZone: 'Europe/Zurich',
        weekday: 'long',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(at)),
    iso,
  );
}

test('an empty day names the next call and goes to it', async ({ consolePage: page, backend, consoleErrors }) => {
  const callbacks = new CallbacksPage(page);
  const ticket = await entitledTicket(backend, 'Rappel plus tard zyxnext');
  await callbacks.openDesk();
  // Today holds no call of Léa (the seed's are in March): no pointer while nothing is booked.
  await expect(callbacks.emptyText).toHaveText('Aucun rappel aujourd’hui.');
  await expect(callbacks.nextCall).toHaveCount(0);

  const { day, startsAt } = slotAfter(2, '09:15');
  await bookForLea(backend, ticket, startsAt);
  const when = await weekdayAndTime(page, startsAt);
  await expect(callbacks.emptyText).toContainText(`Aucun rappel aujourd’hui — prochain : ${when}, `);
  const sentence = (await callbacks.emptyText.textContent()) ?? '';
  await expect(callbacks.nextCall).toHaveAttribute('data-day', day);

  await callbacks.nextCall.click();
  await expect(page.locator(`[data-testid="cb-day"][data-day="${day}"]`)).toBeVisible();
  const call = callbacks.itemsOf(ticket.id, 'scheduled');
  await expect(call).toHaveAttribute('aria-current', 'true');
  // The name in the sentence is the one the day shows for that call.
  const name = (await call.locator('.cb-item-name').textContent()) ?? '';
  expect(name).not.toBe('');
  expect(sentence).toBe(`Aucun rappel aujourd’hui — prochain : ${when}, ${name}`);
  expect(consoleErrors).toEqual([]);
});

test('the booking dialog shows a week with a day picker; the keyboard reaches the next week and Enter books', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const callbacks = new CallbacksPage(page);
  await queue.waitForRows();
  const ticket = await entitledTicket(backend, 'Rappel semaine zyxweek');
  await queue.searchFor('zyxweek');
  await queue.row(ticket.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', ticket.id);
  await callbacks.openSchedule();

  // Seven days from the first free slot's day; that day is selected and has the focus.
  await expect(callbacks.dayTabs).toHaveCount(7);
  await expect(callbacks.selectedDayTab).toBeFocused();
  const firstDay = (await callbacks.dayTabs.first().getAttribute('data-day')) ?? '';
  await expect(callbacks.selectedDayTab).toHaveAttribute('data-day', firstDay);
  const firstSlot = (await callbacks.slots.first().getAttribute('data-starts-at')) ?? '';
  expect(zurichDay(firstSlot)).toBe(firstDay);

  // → to the next open day: its slots replace the first day's.
  await page.keyboard.press('ArrowRight');
  const second = (await callbacks.selectedDayTab.getAttribute('data-day')) ?? '';
  expect(second > firstDay).toBe(true);
  await expect(callbacks.daySlots).toHaveAttribute('data-day', second);
  await expect(callbacks.selectedDayTab).toBeFocused();

  // → past the week's last open day: the next week, on its first open day.
  for (let i = 0; i < 7 && (await callbacks.dayTabs.first().getAttribute('data-day')) === firstDay; i++) {
    await page.keyboard.press('ArrowRight');
  }
  const nextWeek = (await callbacks.dayTabs.first().getAttribute('data-day')) ?? '';
  expect(nextWeek).toBe(addDays(firstDay, 7));
  const shown = (await callbacks.selectedDayTab.getAttribute('data-day')) ?? '';
  expect(shown >= nextWeek).toBe(true);
  await expect(callbacks.daySlots).toHaveAttribute('data-day', shown);

  // ↓ into the day's slots, ↓ to the second, Enter books it.
  await page.keyboard.press('ArrowDown');
  await expect(callbacks.slots.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const chosen = callbacks.slots.nth(1);
  await expect(chosen).toBeFocused();
  const startsAt = (await chosen.getAttribute('data-starts-at')) ?? '';
  expect(zurichDay(startsAt)).toBe(shown);
  await page.keyboard.press('Enter');
  await expect(callbacks.booked).toHaveAttribute('data-starts-at', startsAt);
  await expect
    .poll(() =>
      (backend.records('callback') as Callback[]).some(
        (c) => c.ticketId === ticket.id && c.status === 'scheduled' && c.startsAt === startsAt,
      ),
    )
    .toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('after “no answer” the notice says when the retry is booked', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const callbacks = new CallbacksPage(page);
  const ticket = await entitledTicket(backend, 'Rappel sans réponse zyxretry');
  const { day, startsAt } = slotAfter(1, '09:00');
  await bookForLea(backend, ticket, startsAt);
  await callbacks.openDesk();
  await callbacks.showDay(day);
  await callbacks.itemsOf(ticket.id, 'scheduled').click();
  await callbacks.take();
  await callbacks.record('no_answer');
  await expect(callbacks.itemsOf(ticket.id, 'no_answer')).toHaveCount(1);

  // The retry: the ticket's scheduled call after the missed one (the seed's calls of that ticket are months past).
  const retry = (backend.records('callback') as Callback[]).find(
    (c) => c.ticketId === ticket.id && c.status === 'scheduled' && c.startsAt > startsAt,
  );
  if (retry === undefined) throw new Error('the backend booked no retry');
  const when = await weekdayAndTime(page, retry.startsAt);
  await expect(page.locator('[data-testid="notice"][data-key="callbacks.noticeRetryAt"] .notice-body')).toHaveText(
    `Pas de réponse — nouvel essai ${when}`,
  );
  expect(consoleErrors).toEqual([]);
});
