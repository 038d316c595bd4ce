/**
 * Zoom and rotate pressed faster than a page draws: every PDF of the corpus
 * test's list (the shared malicious PDFs when they sit beside the checkout,
 * the generated PDFs always) that the viewer shows is hit with 50 presses of
 * `+ + o - - o` without waiting, and stays shown. A drawing overtaken by the
 * next press is cancelled, not reported as a damaged document (which would
 * invite a wrong "unreadable" rejection).
 */
import { fileURLToPath } from 'node:url';
import { hostileDocuments } from '../src/server/testing/hostile-documents.js';
import { sharedCorpora } from '../src/server/testing/shared-corpora.js';
import { expect, test } from './fixtures.js';
import { RecoveryPage } from './pages/index.js';
import { portalToken, strangerFields, submitRecovery } from './pages/RecoveryIntake.js';

const corpora = sharedCorpora(fileURLToPath(new URL('../../shared/corpora/', import.meta.url)), '../shared/corpora');
const PRESSES = 50;
const KEYS = ['+', '+', 'o', '-', '-', 'o'] as const;

test.setTimeout(10 * 60_000);

test('a shown PDF stays shown through 50 fast zoom and rotate presses', async ({ page, consoleWorld, backend }) => {
  await page.goto(consoleWorld.harness.url);
  const portal = await portalToken(backend.url);
  const shared = corpora.files().filter((f) => f.folder === 'malicious-pdfs');
  const generated = hostileDocuments().filter((f) => f.folder === 'pdf' && f.checks === 'viewable');
  console.log(corpora.note(shared.length, generated.length));
  const submitted: { id: string; label: string }[] = [];
  let n = 500;
  for (const file of [...shared, ...generated]) {
    const { request } = await submitRecovery(backend.url, portal, strangerFields(n++), file);
    if (request !== null) submitted.push({ id: request.id, label: file.label });
  }

  const desk = new RecoveryPage(page);
  await desk.open();
  await expect(desk.row(submitted.at(-1)?.id ?? '')).toBeVisible({ timeout: 60_000 });
  const pressed: string[] = [];
  for (const { id, label } of submitted) {
    await desk.row(id).scrollIntoViewIfNeeded();
    await desk.select(id);
    // Only what is shown to begin with: a file pdf.js refuses at once is the corpus test's subject.
    if ((await desk.settledViewer(20_000)) !== 'shown') continue;
    pressed.push(label);
    for (let i = 0; i < PRESSES; i++) await page.keyboard.press(KEYS[i % KEYS.length] ?? '+', { delay: 0 });
    // The last drawing finishes; none of the overtaken ones may have turned the viewer to "refused".
    await expect(desk.viewer, label).toHaveAttribute('data-status', 'shown', { timeout: 20_000 });
    await expect(desk.refusal, label).toHaveCount(0);
    // 8 cycles back to 100 %, then two more "+": the last press is the one drawn.
    await expect(desk.viewer.getByTestId('viewer-zoom'), label).toHaveText('150 %');
  }
  console.log(JSON.stringify({ pdfs: submitted.length, pressed: pressed.length, labels: pressed }));
  // The valid generated PDF at least: the test must not pass by pressing nothing.
  expect(pressed).toContain('valid PDF');
});
