/**
 * Search finds a ticket by a word of its body, with the match highlighted;
 * a termination that came by chat is flagged, closing it as solved is refused
 * with the reason, and the reply that sends the customer to the proper
 * channel is offered.
 */
import { CANNED_REPLIES, TERMINATION_VIA_CHAT_REPLY_ID } from '../src/shared/canned-replies.js';
import { MAX_SEARCH_LENGTH } from '../src/shared/search-words.js';
import type { Ticket } from '../src/shared/entities.js';
import { isChatTermination } from '../src/shared/ticket-actions.js';
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar, TicketPage } from './pages/index.js';

const OPEN_WORK = new Set<Ticket['status']>(['new', 'open', 'pending']);

/** Words as the cache's FTS tokenizer sees them (unicode61, diacritics removed, case folded). */
function words(text: string): string[] {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The rarest plain word (6+ letters) of an open ticket's body, and every open
 * ticket the search must return for it (the last search word is a prefix
 * match, over subject and body).
 */
function distinctiveBodyWord(tickets: readonly Ticket[]): { word: string; ticket: Ticket; expected: Set<string> } {
  const open = tickets.filter((t) => OPEN_WORK.has(t.status));
  const tokens = new Map(open.map((t) => [t.id, words(`${t.subject} ${t.body}`)]));
  let best: { word: string; ticket: Ticket; expected: Set<string> } | null = null;
  for (const ticket of open) {
    const subject = words(ticket.subject);
    for (const word of new Set(words(ticket.body))) {
      // Found through the body only: a word that also starts a subject word would prove nothing about bodies.
      if (!/^[a-z]{6,}$/.test(word) || subject.some((w) => w.startsWith(word))) continue;
      const expected = new Set(
        open.filter((t) => tokens.get(t.id)?.some((w) => w.startsWith(word)) === true).map((t) => t.id),
      );
      if (best === null || expected.size < best.expected.size) best = { word, ticket, expected };
      if (expected.size === 1) return best;
    }
  }
  if (best === null) throw new Error('no open ticket with a searchable word');
  return best;
}

test('search finds a ticket by a word of its body and highlights it', async ({
  consolePage: page,
  consoleWorld,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  await queue.waitForRows();
  // Results during indexing may be incomplete (the screen says so); this test wants the finished index.
  await expect.poll(async () => (await consoleWorld.services.handlers['sync:status']()).searchReady).toBe(true);

  // Only punctuation: no word to look for. The whole queue stays, and the screen says why.
  const wholeQueue = await queue.total.textContent();
  await queue.searchFor(')))');
  await expect(page.getByTestId('search-no-words')).toBeVisible();
  expect(wholeQueue).toMatch(/\d/);
  await expect(queue.total).toContainText(wholeQueue ?? '');

  // Longer than the contract takes: the box stops at its limit, and the queue answers (no stuck loading, no error).
  await queue.searchFor('x'.repeat(MAX_SEARCH_LENGTH + 100));
  expect((await queue.search.inputValue()).length).toBe(MAX_SEARCH_LENGTH);
  await expect(queue.total).toHaveText(/^0 /);
  await expect(page.getByRole('alert')).toHaveCount(0);

  const { word, ticket, expected } = distinctiveBodyWord(backend.tickets());
  await queue.searchFor(word);
  await expect(page.getByTestId('search-no-words')).toBeHidden();
  await expect(queue.total).toContainText(String(expected.size));
  await expect(queue.rows).toHaveCount(expected.size);
  expect(new Set(await queue.visibleTicketIds())).toEqual(expected);

  const row = queue.row(ticket.id);
  await expect(row.getByTestId('row-snippet')).toBeVisible();
  const marks = (await row.getByTestId('row-snippet').locator('mark').allTextContents()).map((m) => words(m)[0]);
  expect(marks.length).toBeGreaterThan(0);
  for (const m of marks) expect(m?.startsWith(word)).toBe(true);
  expect(consoleErrors).toEqual([]);
});

test('a chat termination is flagged, cannot be set to solved, and offers the termination reply', async ({
  consolePage: page,
  consoleWorld,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const statusBar = new StatusBar(page);
  await queue.waitForRows();

  // The seed has few of them; make sure there is one in open work, as a customer would via chat.
  let expected = backend.tickets().filter((t) => isChatTermination(t) && OPEN_WORK.has(t.status)).length;
  if (expected === 0) {
    await backend.current.admin.createTicket({
      channel: 'chat',
      categoryId: 'termination',
      subject: 'Kündigung meines Hostings',
      body: 'Guten Tag, ich möchte mein Hosting per Ende Monat kündigen.',
      language: 'de',
    });
    expected = 1;
  }
  // The console's view agrees with the backend once synced.
  await expect
    .poll(async () => (await consoleWorld.services.handlers['queue:counts']()).views['chat-termination'])
    .toBe(expected);
  await queue.openView('chat-termination');
  await expect(queue.view('chat-termination')).toHaveAttribute('aria-current', 'page');
  await expect(queue.rows).toHaveCount(expected);

  const id = (await queue.visibleTicketIds())[0];
  const before = id === undefined ? undefined : await backend.getTicket(id);
  if (before === undefined) throw new Error('no chat termination in the backend');
  expect(isChatTermination(before)).toBe(true);
  await expect(queue.row(before.id).getByTestId('row-chat-termination')).toBeVisible();

  await queue.row(before.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', before.id);
  await expect(ticketPane.terminationFlag).toBeVisible();
  await expect(ticketPane.terminationFlag).toContainText('jamais acceptées par chat');

  // Setting it to solved is refused at once, with the reason; nothing is queued or sent.
  await ticketPane.setStatusByKeyboard('solved');
  const refusal = ticketPane.notices.and(page.locator('[data-key="refusal.termination_via_chat"]'));
  await expect(refusal).toBeVisible();
  await expect(refusal).toContainText('résiliation');
  await expect(ticketPane.status).toHaveAttribute('data-status', before.status);
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  await expect(ticketPane.outboxEntries).toHaveCount(0);

  // The reply that sends the customer to the proper channel is offered, in the ticket's language.
  const reply =
    CANNED_REPLIES.find((c) => c.id === `${TERMINATION_VIA_CHAT_REPLY_ID}.${before.language}`) ??
    CANNED_REPLIES.find((c) => c.id === `${TERMINATION_VIA_CHAT_REPLY_ID}.fr`);
  if (reply === undefined) throw new Error('no termination reply');
  await ticketPane.useTerminationReply();
  await expect(ticketPane.composerBody).toHaveValue(reply.body);
  await page.getByTestId('composer-send').click();
  await expect.poll(() => backend.messagesOf(before.id).map((m) => m.body)).toContain(reply.body);

  // The backend never saw it solved.
  await expect(statusBar.pending).toHaveAttribute('data-count', '0');
  expect((await backend.getTicket(before.id))?.status).toBe(before.status);
  expect(consoleErrors).toEqual([]);
});
