/**
 * Bad-input files through the whole viewing path, in Chromium: the
 * generated hostile files always, and the shared corpora (PngSuite,
 * fuzz-png/jpeg/gif, malicious-pdfs) when they sit beside the checkout; the
 * output says which ran. Each is submitted through the portal's intake, then
 * opened one by one on the recovery desk (download, sha256, sniffing, header
 * limits, pdf.js / the image decoder). Each ends "shown" or "refused" with a
 * reason within a per-file time limit, the desk keeps working after each,
 * and no script from a file runs: hooks on alert/confirm/prompt/print/open,
 * dialogs and CSP violations stay untouched.
 */
import { fileURLToPath } from 'node:url';
import type { HostileDocument } from '../src/server/testing/hostile-documents.js';
import { hostileDocuments } from '../src/server/testing/hostile-documents.js';
import { sharedCorpora } from '../src/server/testing/shared-corpora.js';
import { expect, test } from './fixtures.js';
import { RecoveryPage } from './pages/index.js';
import { portalToken, strangerFields, submitRecovery } from './pages/RecoveryIntake.js';

const corpora = sharedCorpora(fileURLToPath(new URL('../../shared/corpora/', import.meta.url)), '../shared/corpora');
const PER_FILE_MS = 20_000;

/** What the whole path must end with for a generated file, from what the checks before any decoder answer. */
function expectedEnd(file: HostileDocument): string | RegExp {
  switch (file.checks) {
    case 'empty':
      return 'refused at intake (400)';
    case 'too_large':
      return 'refused at intake (413)';
    case 'format_not_accepted':
      return 'refused at intake (415)';
    case 'viewable':
      // Valid files are shown; broken ones the checks let through are for the decoder to refuse.
      return /^valid /u.test(file.label) ? 'shown' : /^(shown|refused: (pdf_unreadable|image_undecodable))$/u;
    default:
      return `refused: ${file.checks}`;
  }
}

test.setTimeout(15 * 60_000);

test('every corpus and hostile file ends shown or refused, and nothing in them runs', async ({
  page,
  consoleWorld,
  backend,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.type());
    void d.dismiss();
  });
  // The hooks a script from a document would hit first; they record, never act.
  await page.addInitScript(() => {
    interface Violation {
      violatedDirective: string;
      blockedURI: string;
      sourceFile: string;
      lineNumber: number;
    }
    // Runs in the page (the e2e tsconfig has no DOM types, hence the shape spelled out).
    const w = globalThis as unknown as Record<string, unknown> & {
      __scriptRan: string[];
      __csp: string[];
      document: { addEventListener(type: string, listener: (e: Violation) => void): void };
    };
    w.__scriptRan = [];
    w.__csp = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      w[name] = (...args: unknown[]) => {
        w.__scriptRan.push(`${name}(${args.map(String).join(',')})`);
        return null;
      };
    }
    w.document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${String(e.lineNumber)}`);
    });
  });
  await page.goto(consoleWorld.harness.url);

  const portal = await portalToken(backend.url);
  const outcomes = new Map<string, string>();
  const submitted: { id: string; label: string }[] = [];
  let n = 100;
  const generated = hostileDocuments();
  const shared = corpora.files();
  console.log(corpora.note(shared.length, generated.length));
  for (const file of [...shared, ...generated]) {
    const { status, request } = await submitRecovery(backend.url, portal, strangerFields(n++), file);
    if (request === null) outcomes.set(file.label, `refused at intake (${String(status)})`);
    else submitted.push({ id: request.id, label: file.label });
  }
  const desk = new RecoveryPage(page);
  await desk.open();
  await expect(desk.row(submitted.at(-1)?.id ?? '')).toBeVisible({ timeout: 60_000 });
  for (const { id, label } of submitted) {
    await desk.row(id).scrollIntoViewIfNeeded();
    await desk.select(id);
    const status = await desk.settledViewer(PER_FILE_MS);
    const reason = status === 'refused' ? await desk.viewer.getAttribute('data-reason') : null;
    if (status === 'refused') expect(reason, label).toMatch(/^[a-z_0-9]+$/u);
    outcomes.set(label, status === 'shown' ? 'shown' : `refused: ${reason ?? '?'}`);
  }

  // The generated ones, each for the right reason.
  for (const file of generated) {
    const end = expectedEnd(file);
    if (typeof end === 'string') expect(outcomes.get(file.label), file.label).toBe(end);
    else expect(outcomes.get(file.label), file.label).toMatch(end);
  }
  expect(outcomes.get('truncated PDF')).toBe('refused: pdf_unreadable');
  expect(outcomes.get('PDF header and nothing else')).toBe('refused: pdf_unreadable');
  if (shared.length > 0) {
    expect(outcomes.get('pngsuite/basn2c08.png')).toBe('shown');
    expect(outcomes.get('pngsuite/xs1n0g01.png')).toBe('refused at intake (415)');
  } else {
    console.log(`${corpora.shownAs} absent: PngSuite's known answers were not checked`);
  }

  const counts: Record<string, number> = {};
  for (const o of outcomes.values()) counts[o] = (counts[o] ?? 0) + 1;
  console.log(JSON.stringify({ files: outcomes.size, outcomes: counts }));

  // Nothing from any file ran.
  expect(await page.evaluate(() => (globalThis as unknown as { __scriptRan: string[] }).__scriptRan)).toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(dialogs).toEqual([]);
});
