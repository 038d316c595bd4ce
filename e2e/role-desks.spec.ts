/**
 * Each person lands on their own desk. Marco (agent), Jonas (verifier),
 * Sophie (expert) and Léa (all three) sign in in turn on a console of a
 * remote reference backend: each starts on the desk of their first role
 * (agent → triage, verifier → recovery, expert → callbacks), sees a tab for
 * each desk their roles open and none other, each with the figure its desk
 * shows (open tickets, pending requests, calls still to make today) in its
 * accessible name, and a desk not theirs answers neither to Alt+digit nor
 * to the palette. Jonas is offered no triage action at all. Sophie reads a
 * call's ticket on her own desk; Léa opens it in triage and comes back to
 * the same call. Signing out and in as someone else moves to their desk.
 *
 * Each person's landing desk is a screenshot at 1440×900 (@screenshot).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import type { Callback, Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import {
  CallbacksPage,
  CommandPalette,
  DeskTabs,
  QueuePage,
  RecoveryPage,
  SignInPage,
  TicketPage,
} from './pages/index.js';

test.use({ viewport: { width: 1440, height: 900 } });

const EXPERTS = { sophie: 'ag-sophie', lea: 'ag-lea' } as const;

const zurichDay = (at: Date): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Zurich',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

/** A moment of today in Zurich a few minutes away (before it, late in the evening), so the call is "today". */
function laterToday(minutes: number): Date {
  const now = new Date();
  const later = new Date(now.getTime() + minutes * 60_000);
  return zurichDay(later) === zurichDay(now) ? later : new Date(now.getTime() - minutes * 60_000);
}

/** An open ticket that left a phone number, for a call. */
function ticketWithPhone(backend: BackendControl, skip: readonly string[] = []): Ticket {
  const found = backend
    .tickets()
    .find((t) => t.callbackPhone !== null && ['new', 'open'].includes(t.status) && !skip.includes(t.id));
  if (found === undefined) throw new Error('the seed has no open ticket with a phone number');
  return found;
}

/** Books a call today for an expert as a booking does (the call and a bump of its ticket, pushed to the console). */
async function callToday(
  backend: BackendControl,
  id: string,
  expertId: string,
  ticket: Ticket,
  minutes: number,
): Promise<void> {
  const startsAt = laterToday(minutes);
  const now = new Date().toISOString();
  const callback: Callback = {
    id,
    ticketId: ticket.id,
    expertId,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 15 * 60_000).toISOString(),
    phone: '+41446681800',
    status: 'scheduled',
    attempts: 0,
    note: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await backend.current.admin.writeUnchecked('callback', id, callback);
  // The backend's own booking bumps the ticket too; the console follows calls through their ticket's changes.
  await backend.updateTicket(ticket.id, {});
}

/** A console on the test's backend that nobody signed in to yet; answers how to close it. */
async function openConsole(page: Page, backend: BackendControl): Promise<() => Promise<void>> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-roles-'));
  const services = await createConsoleServices({ userDataDir, env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url } });
  const harness = await startHarness({ services, ...(await ensureHarnessAssets()), port: 0 });
  await page.goto(harness.url);
  return async () => {
    await harness.close();
    await services.stop();
    rmSync(userDataDir, { recursive: true, force: true });
  };
}

async function signIn(page: Page, login: string): Promise<void> {
  const form = new SignInPage(page);
  await expect(form.root).toBeVisible();
  await form.signIn(login, 'demo');
  await expect(page.getByTestId('app')).toBeVisible();
}

/** Signs out through the console's own channel, as the menu's Sign out does once confirmed. */
async function signOut(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: Record<string, (o: { force: boolean }) => Promise<unknown>> }).api;
    await api['session:signOut']?.({ force: true });
  });
  await expect(new SignInPage(page).root).toBeVisible();
}

/**
 * The triage tab's figure once the first sync is counted: the sidebar's open
 * work in every view, which is also the queue's total with its default filter
 * (new, open, pending); never 0 on the seed.
 */
async function expectTriageCount(page: Page): Promise<number> {
  const digits = async (text: Promise<string | null>): Promise<number> =>
    Number(((await text) ?? '').replace(/\D/g, ''));
  const tabs = new DeskTabs(page);
  await expect(page.getByTestId('sidebar').locator('[data-testid^="category-"]').first()).toBeVisible();
  await expect
    .poll(async () => {
      const tab = Number((await tabs.tab('triage').getAttribute('data-count')) ?? '');
      const sidebar = await digits(page.getByTestId('view-all').locator('.sidebar-count').textContent());
      const total = await digits(new QueuePage(page).total.textContent());
      return tab > 0 && tab === sidebar && tab === total;
    })
    .toBe(true);
  return tabs.count('triage');
}

/** Alt+digit and the palette do not reach a desk the person's roles do not open. */
async function expectNoWayTo(page: Page, desks: readonly ('triage' | 'recovery' | 'callbacks')[]): Promise<void> {
  const tabs = new DeskTabs(page);
  const before = await tabs.current().getAttribute('data-testid');
  const keys = { triage: 'Alt+1', recovery: 'Alt+2', callbacks: 'Alt+3' } as const;
  const commands = { triage: 'goTriage', recovery: 'goRecovery', callbacks: 'goCallbacks' } as const;
  for (const desk of desks) {
    await page.keyboard.press(keys[desk]);
    await expect(tabs.current()).toHaveAttribute('data-testid', before ?? '');
    await expect(tabs.tab(desk)).toHaveCount(0);
  }
  const palette = new CommandPalette(page);
  await palette.open();
  for (const desk of desks) await expect(palette.item(commands[desk])).toHaveCount(0);
  await palette.close();
  await expect(palette.root).toHaveCount(0);
}

test('marco (agent) lands on triage with one tab naming it and its open tickets @screenshot', async ({
  page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const close = await openConsole(page, backend);
  try {
    await signIn(page, 'marco');
    const tabs = new DeskTabs(page);
    const queue = new QueuePage(page);
    await queue.waitForRows();
    await expect(tabs.tabs).toHaveCount(1);
    await expect(tabs.tab('triage')).toHaveAttribute('aria-current', 'page');
    const open = await expectTriageCount(page);
    await expect(tabs.tab('triage')).toHaveAccessibleName(`Tri, ${String(open)} tickets ouverts`);
    await expect(page.getByTestId('queue-row-loading')).toHaveCount(0);
    await docScreenshot('desk-agent.png');
    await expectNoWayTo(page, ['recovery', 'callbacks']);

    // The agent's actions are all there.
    await queue.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await expect(new TicketPage(page).root).toBeVisible();
    await expect(page.getByTestId('ticket-actions').getByRole('button')).toHaveCount(6);
    await page.keyboard.press('Escape');
    expect(consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('jonas (verifier) lands on recovery with its pending requests, and is offered no triage action @screenshot', async ({
  page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const close = await openConsole(page, backend);
  try {
    await signIn(page, 'jonas');
    const tabs = new DeskTabs(page);
    const recovery = new RecoveryPage(page);
    await expect(recovery.root).toBeVisible();
    await expect(tabs.tabs).toHaveCount(1);
    await expect(tabs.tab('recovery')).toHaveAttribute('aria-current', 'page');
    const rows = recovery.queue.locator('[data-testid^="recovery-row-"]');
    await expect(rows.first()).toBeVisible();
    await expect(tabs.tab('recovery')).toHaveAttribute('data-count', String(await rows.count()));
    await expect(tabs.tab('recovery')).toHaveAccessibleName(
      new RegExp(`^Vérification, ${String(await rows.count())} demandes? en attente$`),
    );
    await expectNoWayTo(page, ['triage', 'callbacks']);

    // No triage action anywhere: not on screen, not in the palette or the help, and their keys do nothing.
    await expect(page.getByTestId('sidebar')).toHaveCount(0);
    await expect(page.getByTestId('ticket-actions')).toHaveCount(0);
    const palette = new CommandPalette(page);
    await palette.open();
    await expect(palette.item('approve')).toBeVisible();
    for (const id of ['recategorise', 'assign', 'status', 'reply', 'escalate', 'merge'])
      await expect(palette.item(id)).toHaveCount(0);
    await palette.close();
    await page.keyboard.press('?');
    await expect(palette.helpOverlay()).toBeVisible();
    await expect(page.getByTestId('help-recategorise')).toHaveCount(0);
    await expect(page.getByTestId('help-goTriage')).toHaveCount(0);
    await page.getByTestId('help-close').click();
    await page.keyboard.press('c');
    await expect(page.getByTestId('category-picker')).toHaveCount(0);
    await expect(recovery.root).toBeVisible();
    await docScreenshot('desk-verifier.png');
    expect(consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('sophie (expert) lands on her day with the calls still to make, reads a call’s ticket there, and the count follows a new booking @screenshot', async ({
  page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const ticket = ticketWithPhone(backend);
  await callToday(backend, 'cb-e2e-sophie-1', EXPERTS.sophie, ticket, 30);
  const close = await openConsole(page, backend);
  try {
    await signIn(page, 'sophie');
    const tabs = new DeskTabs(page);
    const callbacks = new CallbacksPage(page);
    await expect(callbacks.desk).toBeVisible();
    await expect(tabs.tabs).toHaveCount(1);
    await expect(tabs.tab('callbacks')).toHaveAttribute('aria-current', 'page');
    const call = page.locator('[data-testid="cb-item"][data-callback-id="cb-e2e-sophie-1"]');
    await expect(call).toBeVisible();
    const scheduled = callbacks.items.and(page.locator('[data-status="scheduled"]'));
    const before = await scheduled.count();
    await expect(tabs.tab('callbacks')).toHaveAttribute('data-count', String(before));
    await expect(tabs.tab('callbacks')).toHaveAccessibleName(
      new RegExp(`^Rappels, ${String(before)} appels? à passer aujourd’hui$`),
    );
    await expectNoWayTo(page, ['triage', 'recovery']);

    // The call's ticket: its line and history are on her desk; triage is not hers, so nothing leads there.
    await call.click();
    await expect(callbacks.detail).toHaveAttribute('data-callback-id', 'cb-e2e-sophie-1');
    await expect(page.getByTestId('cb-ticket-subject')).toContainText(`#${ticket.id}`);
    await expect(page.getByTestId('cb-history')).toBeVisible();
    await expect(page.getByTestId('cb-open-ticket')).toHaveCount(0);
    await docScreenshot('desk-expert.png');

    // Another call booked for her today: the tab's figure follows without a reload.
    await callToday(backend, 'cb-e2e-sophie-2', EXPERTS.sophie, ticket, 45);
    await expect(tabs.tab('callbacks')).toHaveAttribute('data-count', String(before + 1));
    await expect(scheduled).toHaveCount(before + 1);
    expect(consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});

test('lea (every role) lands on triage with three counted tabs, opens a call’s ticket in triage and comes back; sophie signing in next lands on her day @screenshot', async ({
  page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  const ticket = ticketWithPhone(backend);
  await callToday(backend, 'cb-e2e-lea', EXPERTS.lea, ticket, 30);
  const close = await openConsole(page, backend);
  try {
    await signIn(page, 'lea');
    const tabs = new DeskTabs(page);
    const queue = new QueuePage(page);
    const callbacks = new CallbacksPage(page);
    await queue.waitForRows();
    await expect(tabs.tabs).toHaveCount(3);
    await expect(tabs.tab('triage')).toHaveAttribute('aria-current', 'page');
    await expectTriageCount(page);
    for (const desk of ['recovery', 'callbacks'] as const)
      await expect(tabs.tab(desk)).toHaveAttribute('data-count', /^\d+$/);
    await expect(page.getByTestId('queue-row-loading')).toHaveCount(0);
    await docScreenshot('desk-all-roles.png');

    // Recovery's figure is its queue's length; callbacks' the day's calls still to make.
    const recoveryCount = await tabs.count('recovery');
    await page.keyboard.press('Alt+2');
    await expect(tabs.tab('recovery')).toHaveAttribute('aria-current', 'page');
    await expect(new RecoveryPage(page).queue.locator('[data-testid^="recovery-row-"]')).toHaveCount(recoveryCount);

    await callbacks.openDesk();
    const call = page.locator('[data-testid="cb-item"][data-callback-id="cb-e2e-lea"]');
    await call.click();
    await expect(tabs.tab('callbacks')).toHaveAttribute(
      'data-count',
      String(await callbacks.items.and(page.locator('[data-status="scheduled"]')).count()),
    );

    // To the call's ticket in triage, and back to the same call.
    await page.getByTestId('cb-open-ticket').click();
    await expect(tabs.tab('triage')).toHaveAttribute('aria-current', 'page');
    await expect(new TicketPage(page).root).toHaveAttribute('data-ticket-id', ticket.id);
    await tabs.tab('callbacks').click();
    await expect(callbacks.detail).toHaveAttribute('data-callback-id', 'cb-e2e-lea');
    await expect(call).toHaveAttribute('aria-current', 'true');

    // Someone else signs in on this console: the desk moves to theirs, Léa's other tabs go.
    await page.keyboard.press('Alt+1');
    await expect(tabs.tab('triage')).toHaveAttribute('aria-current', 'page');
    await signOut(page);
    await signIn(page, 'sophie');
    await expect(callbacks.desk).toBeVisible();
    await expect(tabs.tabs).toHaveCount(1);
    await expect(tabs.tab('callbacks')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByTestId('sidebar')).toHaveCount(0);
    expect(consoleErrors).toEqual([]);
  } finally {
    await close();
  }
});
