/**
 * Every desk usable at every window size: triage with a ticket open, the
 * recovery desk with a request and its document, the callbacks desk with a
 * day of calls, each at 1024×700, 1440×900 and 1920×1080. At each size no
 * control sticks out of its pane or of the window, no word of the
 * conversation or of the comparison table is broken in its middle, and axe
 * finds nothing serious. The panes' splitters move with the keyboard and are
 * remembered; compact rows fit more than 20 tickets on a 900 px screen.
 * Screenshots of each desk at the two smaller sizes, light and dark.
 */
import type { Page } from '@playwright/test';
import type { Account, RecoveryRequest, Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { CallbacksPage, QueuePage, RecoveryPage, Settings, TicketPage } from './pages/index.js';
import { brokenWords, clippedControls, seriousViolations } from './pages/layout-checks.js';
import { cardPng, fieldsFor, freeAccounts, portalToken, submitRecovery } from './pages/RecoveryIntake.js';

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
] as const;

/** A customer message with what narrow panes broke: short words, a German compound, addresses. */
const LONG_WORDS_BODY = [
  'Bonjour,',
  'depuis hier la Domainverlängerungsrechnung de marie.dupont-rochat@beispiel-hosting.ch est introuvable.',
  'Pourriez-vous la renvoyer à comptabilite.generale@boulangerie-favre.ch ? Merci beaucoup.',
].join('\n');

/** Waits until a resize has been laid out and painted (two frames). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const w = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
        w.requestAnimationFrame(() => {
          w.requestAnimationFrame(resolve);
        });
      }),
  );
}

/** Everything wrong at one size: clipped controls, broken words in the given places, axe findings. */
async function problemsAt(page: Page, label: string, wordPlaces: readonly string[]): Promise<string[]> {
  await settle(page);
  const found = await clippedControls(page);
  for (const place of wordPlaces) found.push(...(await brokenWords(page, place)));
  found.push(...(await seriousViolations(page)));
  return found.map((f) => `${label}: ${f}`);
}

const sizeLabel = (s: { width: number; height: number }): string => `${String(s.width)}×${String(s.height)}`;

/** Pictures at the two smaller sizes in both themes, light at the end; `afterResize` runs at each size. */
async function screenshotsOf(
  page: Page,
  desk: string,
  shoot: (name: string) => Promise<void>,
  afterResize: () => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  for (const size of SIZES.slice(0, 2)) {
    await page.setViewportSize(size);
    await afterResize();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await settle(page);
      await shoot(`${desk}-${String(size.width)}-${theme}.png`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('triage with a ticket open: nothing clipped, no word broken, no serious axe finding at 1024, 1440 and 1920 px @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  test.setTimeout(180_000);
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  await queue.waitForRows();
  const subject = backend.tickets().find((t) => ['new', 'open'].includes(t.status));
  if (subject === undefined) throw new Error('the seed has no open ticket');
  await backend.updateTicket(subject.id, { subject: 'Facture introuvable zyxlayout', body: LONG_WORDS_BODY });
  // The change synced (no wait for the search index: the row is there already, sorted by last update).
  await expect(queue.row(subject.id).getByTestId('row-subject')).toHaveText('Facture introuvable zyxlayout');
  await queue.row(subject.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', subject.id);
  await expect(ticketPane.messages.first()).toContainText('Domainverlängerungsrechnung');

  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    problems.push(...(await problemsAt(page, sizeLabel(size), ['[data-testid="conversation"]'])));
  }
  expect(problems).toEqual([]);
  await screenshotsOf(page, 'triage', docScreenshot);
  expect(consoleErrors).toEqual([]);
});

test('the queue | ticket splitter moves with the arrow keys, stops at its limits and is remembered after a reload', async ({
  consolePage: page,
  consoleErrors,
}) => {
  await page.setViewportSize(SIZES[1]);
  const queue = new QueuePage(page);
  await queue.waitForRows();
  const splitter = page.getByRole('separator', { name: 'Redimensionner la liste des tickets' });
  await expect(splitter).toHaveAttribute('aria-orientation', 'vertical');
  const start = Number(await splitter.getAttribute('aria-valuenow'));
  const queueWidth = async () => (await page.getByTestId('queue').boundingBox())?.width ?? 0;
  const before = await queueWidth();

  await splitter.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(start + 32));
  expect(await queueWidth()).toBeCloseTo(before + 32, 0);

  await page.keyboard.press('Home');
  const min = Number(await splitter.getAttribute('aria-valuemin'));
  await expect(splitter).toHaveAttribute('aria-valuenow', String(min));
  await page.keyboard.press('ArrowLeft');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(min));
  expect(await clippedControls(page)).toEqual([]);

  await page.keyboard.press('End');
  const max = Number(await splitter.getAttribute('aria-valuemax'));
  await expect(splitter).toHaveAttribute('aria-valuenow', String(max));
  expect(await clippedControls(page)).toEqual([]);

  // Dragged with the pointer: the pane follows it.
  await page.keyboard.press('Home');
  const grip = await splitter.boundingBox();
  if (grip === null) throw new Error('the splitter is not on screen');
  await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
  await page.mouse.down();
  await page.mouse.move(grip.x + grip.width / 2 + 60, grip.y + grip.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect(splitter).toHaveAttribute('aria-valuenow', String(min + 60));

  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.reload();
  await queue.waitForRows();
  await expect(page.getByRole('separator', { name: 'Redimensionner la liste des tickets' })).toHaveAttribute(
    'aria-valuenow',
    String(min + 16),
  );
  expect(consoleErrors).toEqual([]);
});

test('compact rows: more than 20 tickets fit on a 900 px screen, each on one line', async ({
  consolePage: page,
  consoleErrors,
}) => {
  await page.setViewportSize(SIZES[1]);
  const queue = new QueuePage(page);
  const settings = new Settings(page);
  await queue.waitForRows();
  await settings.open();
  await settings.setDensity('compact');
  await expect(page.locator('html')).toHaveAttribute('data-density', 'compact');
  await settings.close();
  await expect(page.getByTestId('queue-row-loading')).toHaveCount(0);
  await settle(page);
  const fit = await page.evaluate(() => {
    interface Box {
      top: number;
      bottom: number;
      height: number;
    }
    interface El {
      getBoundingClientRect(): Box;
      querySelector(s: string): El | null;
      querySelectorAll(s: string): Iterable<El>;
    }
    const doc = (globalThis as unknown as { document: El }).document;
    const list = doc.querySelector('[data-testid="queue-list"]')?.getBoundingClientRect();
    if (list === undefined) return { whole: 0, twoLines: 0 };
    const rows = [...doc.querySelectorAll('[data-testid="queue-row"]')];
    const whole = rows.filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= list.top - 1 && b.bottom <= list.bottom + 1;
    });
    // A subject on two lines would be taller than a line and a half of the row's own font.
    const twoLines = whole.filter((r) => (r.querySelector('.row-subject')?.getBoundingClientRect().height ?? 0) > 24);
    return { whole: whole.length, twoLines: twoLines.length };
  });
  expect(fit.whole).toBeGreaterThan(20);
  expect(fit.twoLines).toBe(0);
  expect(consoleErrors).toEqual([]);
});

test('recovery with a request and its document: nothing clipped, no word broken, no serious axe finding at every size @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  test.setTimeout(180_000);
  const admin = backend.current.admin;
  const [holder] = await freeAccounts(admin, 'individual', 1);
  if (holder === undefined) throw new Error('no free account');
  const { status, request } = await submitRecovery(
    backend.url,
    await portalToken(backend.url),
    fieldsFor(holder, {
      organisationName: 'Boulangerie Müller-Favre Sàrl',
      contactEmail: 'comptabilite.generale@boulangerie-favre.ch',
    }),
    { bytes: cardPng(), name: 'carte-identite.png', type: 'image/png' },
  );
  expect(status).toBe(201);
  const id = (request as RecoveryRequest).id;
  const desk = new RecoveryPage(page);
  await new QueuePage(page).waitForRows();
  await desk.open();
  await desk.select(id);
  expect(await desk.settledViewer()).toBe('shown');

  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    problems.push(...(await problemsAt(page, sizeLabel(size), ['[data-testid="comparison"] table'])));
  }
  expect(problems).toEqual([]);
  // The viewer fits the document to its frame when it draws, not when the window changes size afterwards
  // (the frame then scrolls): the pictures show it as drawn at their size, by zooming out and back in.
  await screenshotsOf(page, 'recovery', docScreenshot, async () => {
    await page.getByTestId('viewer-zoom-out').click();
    await page.getByTestId('viewer-zoom-in').click();
    expect(await desk.settledViewer()).toBe('shown');
    // The picture starts at the request's head, with no button left hovered or focused by the redraw.
    await page.mouse.move(0, 0);
    await desk.verification.evaluate((el) => {
      (el as unknown as { scrollTop: number }).scrollTop = 0;
    });
    await page.getByTestId('viewer-zoom-in').blur();
  });
  expect(consoleErrors).toEqual([]);
});

const zurichDay = (iso: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Zurich',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** An open ticket with a phone number whose account gets Priority Support, so a callback can be booked. */
async function entitledTicket(backend: BackendControl): Promise<Ticket> {
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
  await backend.updateTicket(ticket.id, {
    subject: 'Rappel zyxlayoutcb',
    body: LONG_WORDS_BODY,
    callbackPhone: '044 668 18 00',
  });
  return ticket;
}

test('callbacks with a day of calls: nothing clipped, no serious axe finding at every size @screenshot', async ({
  consolePage: page,
  backend,
  consoleErrors,
  docScreenshot,
}) => {
  test.setTimeout(180_000);
  const queue = new QueuePage(page);
  const callbacks = new CallbacksPage(page);
  await queue.waitForRows();
  const ticket = await entitledTicket(backend);
  // The ticket's change synced, and the account's written before it.
  await expect(queue.row(ticket.id).getByTestId('row-subject')).toHaveText('Rappel zyxlayoutcb');
  await queue.row(ticket.id).click();
  await callbacks.openSchedule();
  const slot = callbacks.slots.first();
  await expect(slot).toBeVisible();
  const startsAt = (await slot.getAttribute('data-starts-at')) ?? '';
  await slot.click();
  await expect(callbacks.booked).toHaveAttribute('data-starts-at', startsAt);
  await callbacks.closeDialog();
  await callbacks.openDesk();
  await callbacks.showDay(zurichDay(startsAt));
  await callbacks.itemsOf(ticket.id, 'scheduled').click();
  await expect(callbacks.phone).toHaveAttribute('href', 'tel:+41446681800');
  const notices = page.getByTestId('notice');
  while ((await notices.count()) > 0) await notices.first().getByRole('button').click();

  const problems: string[] = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    problems.push(...(await problemsAt(page, sizeLabel(size), ['[data-testid="cb-history"]'])));
  }
  expect(problems).toEqual([]);
  await screenshotsOf(page, 'callbacks', docScreenshot);
  expect(consoleErrors).toEqual([]);
});
