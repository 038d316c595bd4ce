/**
 * Two consoles, two people, one reference backend: Léa (the fixture's
 * console, all roles) and Marco (an agent, in a second browser context with
 * a console of his own). Marco opens a ticket: Léa's queue row gets a mark
 * and her ticket pane says "Marco Bernasconi regarde ce ticket"; he writes a
 * reply: "… rédige une réponse"; he closes the ticket: both go. Léa on
 * another desk is not "viewing" the ticket left open on triage.
 *
 * Then the collision prompt: Léa drafts a reply while Marco sends his. Her
 * send shows his reply (author, time, text) instead of sending. "Modifier ma
 * réponse" keeps her draft and sends nothing; she edits and sends (no second
 * prompt for a reply she has seen). Next round, "Envoyer quand même" sends
 * hers. The backend ends with exactly the four replies chosen, each once.
 *
 * The marker and the prompt are screenshots (@screenshot: presence.png,
 * presence-dark.png, presence-collision.png).
 *
 * The same choice when the colleague's reply reaches the backend before
 * Léa's but her cache only after she sent (here: she sends while the
 * backend is down, Marco's reply lands meanwhile): her reply comes back 409
 * and is kept as a conflict showing Marco's reply, never resent unasked;
 * "edit" puts it back in the composer, "send anyway" sends it once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ensureHarnessAssets } from '../src/harness/build.js';
import { startHarness } from '../src/harness/server.js';
import { createConsoleServices } from '../src/main/services/index.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { DeskTabs, PresencePage, QueuePage, Settings, StatusBar, TicketPage } from './pages/index.js';
import { seriousViolations } from './pages/layout-checks.js';

test.use({ viewport: { width: 1280, height: 800 }, seedTickets: 60 });

const MARCO = { id: 'ag-marco', name: 'Marco Bernasconi' };
const LEA = { id: 'ag-lea', name: 'Léa Favre' };

/** Marco's console on the test's backend, signed in by its environment, in its own browser context. */
async function openMarcosConsole(
  newPage: () => Promise<Page>,
  backend: BackendControl,
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'sc-e2e-presence-'));
  const services = await createConsoleServices({
    userDataDir,
    env: { SUPPORT_CONSOLE_BACKEND_URL: backend.url, SUPPORT_CONSOLE_LOGIN: 'marco', SUPPORT_CONSOLE_PASSWORD: 'demo' },
  });
  const harness = await startHarness({ services, ...(await ensureHarnessAssets()), port: 0 });
  const page = await newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(harness.url);
  let closed = false;
  return {
    page,
    errors,
    close: async () => {
      if (closed) return;
      closed = true;
      await page.close();
      await harness.close();
      await services.stop();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function write(ticketPane: TicketPage, text: string): Promise<void> {
  await ticketPane.actionButton('reply').click();
  await expect(ticketPane.composer).toBeVisible();
  await ticketPane.composerBody.fill(text);
}

/** Whether a person may reply to this ticket (open work, not a chat), as the backend holds it. */
function repliable(backend: BackendControl): (id: string) => boolean {
  const stored = new Map(backend.tickets().map((t) => [t.id, t]));
  return (id) => {
    const t = stored.get(id);
    return t !== undefined && ['new', 'open', 'pending'].includes(t.status) && t.channel !== 'chat';
  };
}

const repliesOf = (backend: BackendControl, ticketId: string) =>
  backend
    .messagesOf(ticketId)
    .filter((m) => m.kind === 'reply')
    .map((m) => ({ author: m.authorAgentId, body: m.body }));

test('two consoles: presence on a ticket, and the collision prompt before a reply @screenshot', async ({
  consolePage: page,
  backend,
  browser,
  consoleErrors,
  docScreenshot,
}) => {
  const marco = await openMarcosConsole(async () => (await browser.newContext()).newPage(), backend);
  try {
    const leaQueue = new QueuePage(page);
    const leaTicket = new TicketPage(page);
    const leaSees = new PresencePage(page);
    const marcoQueue = new QueuePage(marco.page);
    const marcoTicket = new TicketPage(marco.page);
    const marcoSees = new PresencePage(marco.page);
    await leaQueue.waitForRows();
    await marcoQueue.waitForRows();
    // A ticket both queues show (same view and sort), open work, so both may reply.
    const marcosRows = new Set(await marcoQueue.visibleTicketIds());
    const mayReply = repliable(backend);
    const ticketId = (await leaQueue.visibleTicketIds()).find((id) => marcosRows.has(id) && mayReply(id));
    if (ticketId === undefined) throw new Error('no open ticket on screen');
    await expect(marcoQueue.row(ticketId)).toBeVisible();
    const before = repliesOf(backend, ticketId);

    // Marco opens the ticket: Léa's queue row is marked, with who and what in its accessible name.
    await marcoQueue.row(ticketId).click();
    await expect(marcoTicket.root).toHaveAttribute('data-ticket-id', ticketId);
    await expect(leaSees.rowMark(ticketId)).toHaveAttribute('data-activity', 'viewing');
    await expect(leaSees.rowMark(ticketId)).toContainText(`${MARCO.name} regarde ce ticket`);
    // Léa opens it too: her pane says he is there, and his says she is.
    await leaQueue.row(ticketId).click();
    await expect(leaTicket.root).toHaveAttribute('data-ticket-id', ticketId);
    await expect(leaSees.inPane(MARCO.id)).toHaveText(`${MARCO.name} regarde ce ticket`);
    await expect(leaSees.inPane(MARCO.id)).toHaveAttribute('data-activity', 'viewing');
    await expect(marcoSees.inPane(LEA.id)).toHaveText(`${LEA.name} regarde ce ticket`);
    // Never oneself.
    await expect(leaSees.inPane(LEA.id)).toHaveCount(0);
    // Léa goes to another desk: her ticket is no longer in view, Marco's pane says so; back, and it is again.
    const desks = new DeskTabs(page);
    await desks.tab('callbacks').click();
    await expect(marcoSees.inPane(LEA.id)).toHaveCount(0);
    await desks.tab('triage').click();
    await expect(leaTicket.root).toHaveAttribute('data-ticket-id', ticketId);
    await expect(marcoSees.inPane(LEA.id)).toHaveText(`${LEA.name} regarde ce ticket`);

    // Marco writes: Léa sees it in the pane and on the row.
    await write(marcoTicket, 'Bonjour, je regarde votre demande.');
    await expect(leaSees.inPane(MARCO.id)).toHaveText(`${MARCO.name} rédige une réponse`);
    await expect(leaSees.rowMark(ticketId)).toHaveAttribute('data-activity', 'replying');
    await expect(leaSees.rowMark(ticketId)).toContainText(`${MARCO.name} rédige une réponse`);
    await docScreenshot('presence.png');
    // The line, the mark and its accessible name pass axe's serious and critical rules.
    expect(await seriousViolations(page)).toEqual([]);
    // The same in the dark theme: the marks keep their contrast there too.
    const settings = new Settings(page);
    await settings.open();
    await settings.setTheme('dark');
    await settings.close();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(leaSees.inPane(MARCO.id)).toHaveAttribute('data-activity', 'replying');
    await docScreenshot('presence-dark.png');
    expect(await seriousViolations(page)).toEqual([]);
    await settings.open();
    await settings.setTheme('light');
    await settings.close();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');

    // He gives up and closes the ticket: the mark and the line go.
    await marco.page.getByTestId('composer-cancel').click();
    await marcoTicket.close();
    await expect(leaSees.inPane(MARCO.id)).toHaveCount(0);
    await expect(leaSees.rowMark(ticketId)).toHaveCount(0);
    expect(repliesOf(backend, ticketId)).toEqual(before);

    // Round 1: Léa drafts; Marco comes back and sends a reply first.
    await write(leaTicket, 'Bonjour, votre domaine est renouvelé.');
    await marcoQueue.row(ticketId).click();
    await expect(marcoSees.inPane(LEA.id)).toHaveText(`${LEA.name} rédige une réponse`);
    const marcos = 'Bonjour, le renouvellement est fait, vous recevrez la facture par e-mail.';
    await write(marcoTicket, marcos);
    await marco.page.getByTestId('composer-send').click();
    await expect.poll(() => repliesOf(backend, ticketId)).toEqual([...before, { author: MARCO.id, body: marcos }]);
    // His reply reaches Léa's cache (push, pull) while she still writes.
    await expect(leaTicket.messages.filter({ hasText: marcos })).toHaveCount(1);
    await page.getByTestId('composer-send').click();
    await expect(leaSees.collisionDialog).toBeVisible();
    await expect(leaSees.collisionReplies).toHaveCount(1);
    await expect(leaSees.collisionReplies.getByTestId('collision-author')).toHaveText(MARCO.name);
    await expect(leaSees.collisionReplies.getByTestId('collision-body')).toHaveText(marcos);
    await expect(leaSees.collisionReplies.getByTestId('collision-time')).toHaveAttribute('datetime', /^\d{4}-/u);
    await docScreenshot('presence-collision.png');
    expect(await seriousViolations(page)).toEqual([]);
    // Edit: the draft is kept, nothing was sent.
    await leaSees.editMine();
    await expect(leaSees.collisionDialog).toHaveCount(0);
    await expect(leaTicket.composerBody).toHaveValue('Bonjour, votre domaine est renouvelé.');
    await expect(leaTicket.composerBody).toBeFocused();
    expect(repliesOf(backend, ticketId)).toEqual([...before, { author: MARCO.id, body: marcos }]);
    // She edits and sends: his reply is seen, so no second prompt.
    const leas = 'Bonjour, en complément : la facture sera aussi dans votre espace client.';
    await leaTicket.composerBody.fill(leas);
    await page.getByTestId('composer-send').click();
    await expect(leaTicket.composer).toHaveCount(0);
    await expect(leaSees.collisionDialog).toHaveCount(0);
    await expect
      .poll(() => repliesOf(backend, ticketId))
      .toEqual([...before, { author: MARCO.id, body: marcos }, { author: LEA.id, body: leas }]);

    // Round 2: the same, and this time she sends anyway.
    await write(leaTicket, 'Autre précision pour vous.');
    const marcos2 = 'Précision : le renouvellement vaut pour un an.';
    await expect(leaTicket.messages.filter({ hasText: leas })).toHaveCount(1);
    await expect(marcoTicket.messages.filter({ hasText: leas })).toHaveCount(1);
    await write(marcoTicket, marcos2);
    await marco.page.getByTestId('composer-send').click();
    await expect(leaTicket.messages.filter({ hasText: marcos2 })).toHaveCount(1);
    await page.getByTestId('composer-send').click();
    await expect(leaSees.collisionReplies).toHaveCount(1);
    await expect(leaSees.collisionReplies.getByTestId('collision-body')).toHaveText(marcos2);
    await leaSees.sendAnyway();
    await expect(leaSees.collisionDialog).toHaveCount(0);
    await expect(leaTicket.composer).toHaveCount(0);
    const expected = [
      ...before,
      { author: MARCO.id, body: marcos },
      { author: LEA.id, body: leas },
      { author: MARCO.id, body: marcos2 },
      { author: LEA.id, body: 'Autre précision pour vous.' },
    ];
    await expect.poll(() => repliesOf(backend, ticketId)).toEqual(expected);
    // Nothing sent twice, however long the outboxes keep going.
    await expect(leaTicket.messages.filter({ hasText: 'Autre précision pour vous.' })).toHaveCount(1);
    expect(repliesOf(backend, ticketId)).toEqual(expected);

    // Marco's console stops (sign-out, quit): Léa's pane forgets him at once, without waiting for the expiry.
    await expect(leaSees.inPane(MARCO.id)).toHaveCount(1);
    await marco.close();
    await expect(leaSees.inPane(MARCO.id)).toHaveCount(0);
    expect(marco.errors).toEqual([]);
  } finally {
    await marco.close();
  }
  expect(consoleErrors).toEqual([]);
});

test("a reply sent before the colleague's reached the cache comes back as a choice, never resent unasked", async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  const sees = new PresencePage(page);
  await queue.waitForRows();
  const [editId, anywayId] = (await queue.visibleTicketIds()).filter(repliable(backend));
  if (editId === undefined || anywayId === undefined) throw new Error('fewer than two open tickets on screen');
  const before = new Map([editId, anywayId].map((id) => [id, repliesOf(backend, id)]));
  const mine = (id: string) => `Ma réponse au ticket ${id}.`;
  const his = (id: string) => `La réponse de Marco au ticket ${id}.`;

  // Léa answers both tickets while the backend cannot be reached: her replies wait in the outbox.
  await backend.stop();
  await expect(statusBar.connection).toHaveAttribute('data-online', 'false');
  for (const id of [editId, anywayId]) {
    await queue.row(id).click();
    await expect(ticketPane.root).toHaveAttribute('data-ticket-id', id);
    await write(ticketPane, mine(id));
    await page.getByTestId('composer-send').click();
    await expect(ticketPane.composer).toHaveCount(0);
  }
  await expect(statusBar.pending).toHaveAttribute('data-count', '2');

  // Meanwhile Marco answers both (his reply and the ticket's bump, as the backend's reply rule writes them).
  await backend.changeWhileStopped(async (admin) => {
    for (const id of [editId, anywayId]) {
      const at = new Date().toISOString();
      await admin.writeUnchecked('message', `marco-${id}`, {
        id: `marco-${id}`,
        ticketId: id,
        authorAgentId: MARCO.id,
        kind: 'reply',
        body: his(id),
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      await admin.updateTicket(id, {});
    }
  });
  await backend.start();
  await expect(statusBar.needsAttention).toHaveAttribute('data-count', '2');
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  // Neither reply was resent on top of his: the backend holds his only.
  for (const id of [editId, anywayId]) {
    expect(repliesOf(backend, id)).toEqual([...(before.get(id) ?? []), { author: MARCO.id, body: his(id) }]);
  }

  // First ticket: his reply beside hers; she takes hers back to edit it.
  await queue.row(editId).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', editId);
  const conflict = page.getByTestId('reply-conflict');
  await expect(conflict.getByTestId('collision-author')).toHaveText(MARCO.name);
  await expect(conflict.getByTestId('collision-body')).toHaveText(his(editId));
  await expect(conflict.getByTestId('conflict-mine')).toHaveText(mine(editId));
  await conflict.getByTestId('collision-edit').click();
  await expect(ticketPane.outboxEntries).toHaveCount(0);
  await expect(ticketPane.composerBody).toHaveValue(mine(editId));
  // His reply was shown: sending the edited text asks nothing more.
  await ticketPane.composerBody.fill(`${mine(editId)} (après lecture)`);
  await page.getByTestId('composer-send').click();
  await expect(sees.collisionDialog).toHaveCount(0);
  await expect(ticketPane.composer).toHaveCount(0);

  // Second ticket: send anyway. Her reply just moved the first ticket to the top: the rows may reorder under
  // the click, so it is tried until the pane shows the ticket clicked.
  await expect(async () => {
    await queue.row(anywayId).click();
    await expect(ticketPane.root).toHaveAttribute('data-ticket-id', anywayId, { timeout: 1_000 });
  }).toPass();
  await expect(conflict.getByTestId('collision-body')).toHaveText(his(anywayId));
  await conflict.getByTestId('collision-send').click();
  await expect(ticketPane.outboxEntries).toHaveCount(0);

  await expect(statusBar.needsAttention).toHaveCount(0);
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect
    .poll(() => repliesOf(backend, editId))
    .toEqual([
      ...(before.get(editId) ?? []),
      { author: MARCO.id, body: his(editId) },
      { author: LEA.id, body: `${mine(editId)} (après lecture)` },
    ]);
  await expect
    .poll(() => repliesOf(backend, anywayId))
    .toEqual([
      ...(before.get(anywayId) ?? []),
      { author: MARCO.id, body: his(anywayId) },
      { author: LEA.id, body: mine(anywayId) },
    ]);
  expect(consoleErrors).toEqual([]);
});
