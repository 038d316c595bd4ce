/**
 * Ticket attachments on the triage desk open in the verification desk's safe
 * viewer: the seeded file (a screenshot or a PDF) is drawn on its canvas, and
 * a file whose bytes no longer match the sha256 the ticket lists is refused
 * with the reason, drawn nowhere.
 */
import type { Ticket } from '../src/shared/entities.js';
import { expect, test } from './fixtures.js';
import type { BackendControl } from './fixtures.js';
import { AttachmentViewerPage, QueuePage, TicketPage } from './pages/index.js';

test.use({ viewport: { width: 1280, height: 800 } });

/** A ticket with an attachment, open again and given a subject the search finds. */
async function ticketWithAttachment(backend: BackendControl, subject: string): Promise<Ticket> {
  const ticket = backend.tickets().find((t) => t.attachments.length > 0 && t.duplicateOfId === null);
  if (ticket === undefined) throw new Error('the seed has no ticket with an attachment');
  return await backend.updateTicket(ticket.id, { subject, status: 'open' });
}

test('an attachment opens in the safe viewer and is drawn; a file that fails its checks is refused with the reason', async ({
  consolePage: page,
  backend,
  consoleErrors,
}) => {
  const queue = new QueuePage(page);
  const ticketPane = new TicketPage(page);
  const viewer = new AttachmentViewerPage(page);
  await queue.waitForRows();
  const ticket = await ticketWithAttachment(backend, 'Capture jointe zyxattach');
  const file = ticket.attachments[0];
  if (file === undefined) throw new Error('no attachment');

  await queue.searchFor('zyxattach');
  await queue.row(ticket.id).click();
  await expect(ticketPane.root).toHaveAttribute('data-ticket-id', ticket.id);
  await viewer.open(file.id);
  await expect(viewer.viewer).toHaveAttribute('data-status', 'shown');
  await expect(viewer.viewer).toHaveAttribute('data-format', /^(pdf|png|jpeg|gif)$/);
  // Drawn: the canvas has the document's pixels, not an empty box.
  const inked = await viewer.canvas.evaluate((c) => {
    const canvas = c as unknown as {
      width: number;
      height: number;
      getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
    };
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) painted++;
    return painted;
  });
  expect(inked).toBeGreaterThan(1000);
  await page.keyboard.press('Escape');
  await expect(viewer.dialog).toHaveCount(0);

  // The ticket now lists another sha256 for the same file (as if the bytes had changed on the way).
  const current = await backend.getTicket(ticket.id);
  if (current === undefined) throw new Error('ticket gone');
  await backend.updateTicket(ticket.id, {
    attachments: current.attachments.map((a) => (a.id === file.id ? { ...a, sha256: '0'.repeat(64) } : a)),
  });
  // Until the cache holds the new sha256, the viewer still shows the file: each try waits for a definite outcome
  // and closes the viewer unless it is the refusal (reading status and reason apart once let a refusal that
  // arrived between the two reads pass with the viewer closed).
  await expect
    .poll(async () => {
      await viewer.open(file.id);
      await expect(viewer.viewer).toHaveAttribute('data-status', /^(shown|refused|deleted)$/);
      const reason = await viewer.viewer.getAttribute('data-reason');
      if (reason !== 'sha256_mismatch') await viewer.close();
      return reason;
    })
    .toBe('sha256_mismatch');
  await expect(viewer.refusal).toContainText('Document refusé');
  await expect(viewer.canvas).toHaveCount(0);
  await viewer.close();
  await expect(viewer.dialog).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
