/**
 * A search typed while the cache's search index is still being built shows
 * what the index holds so far and says the result may be incomplete; once the
 * index is whole, the same search completes by itself, without being typed
 * again. (Before, the result and its warning stayed as they were until some
 * ticket changed: a ticket edited meanwhile was not found.)
 */
import { expect, test } from './fixtures.js';
import { QueuePage, StatusBar } from './pages/index.js';

// Enough tickets, indexed two per step, for the index to stay incomplete for seconds after the first rows show.
test.use({ seedTickets: 3000, workerSettings: { safetyPullMs: 2_000, searchChunkRows: 2 } });

test('a search made while the index is built completes by itself once the index is whole', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const status = new StatusBar(page);
  await queue.waitForRows();
  const open = backend.tickets().filter((t) => t.status === 'new' || t.status === 'open');
  const target = open.at(-1);
  if (target === undefined) throw new Error('no open ticket');
  await backend.updateTicket(target.id, { subject: 'Sauvegarde zyxindexed introuvable' });

  await queue.searchFor('zyxindexed');
  await expect(queue.searchIncomplete).toBeVisible();
  await expect(status.indexing).toBeVisible();

  // Nothing typed from here on: the index finishes, and the search with it.
  await expect(status.indexing).toHaveCount(0, { timeout: 60_000 });
  await expect(queue.row(target.id)).toBeVisible();
  await expect(queue.searchIncomplete).toHaveCount(0);
  await expect(queue.search).toHaveValue('zyxindexed');
  expect(consoleErrors).toEqual([]);
});
