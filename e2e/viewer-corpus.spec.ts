/**
 * The bad-input corpora through the whole viewing path, in Chromium: every
 * file of ../shared/corpora (PngSuite, fuzz-png/jpeg/gif, malicious-pdfs) and
 * generated hostile files are submitted through the portal's intake, then
 * opened one by one on the recovery desk (download, sha256, sniffing, header
 * limits, pdf.js / the image decoder). Each ends "shown" or "refused" with a
 * reason within a per-file time limit, the desk keeps working after each,
 * and no script from a file runs: hooks on alert/confirm/prompt/print/open,
 * dialogs and CSP violations stay untouched.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.js';
import { RecoveryPage } from './pages/index.js';
import { portalToken, strangerFields, submitRecovery } from './pages/RecoveryIntake.js';
import type { Upload } from './pages/RecoveryIntake.js';

const CORPORA = fileURLToPath(new URL('../../shared/corpora/', import.meta.url));
const PER_FILE_MS = 20_000;
const TYPES: Record<string, [string, string]> = {
  pngsuite: ['image/png', 'png'],
  'fuzz-png': ['image/png', 'png'],
  'fuzz-jpeg': ['image/jpeg', 'jpg'],
  'fuzz-gif': ['image/gif', 'gif'],
  'malicious-pdfs': ['application/pdf', 'pdf'],
};

function corpus(): (Upload & { label: string })[] {
  return Object.entries(TYPES).flatMap(([folder, [type, ext]]) =>
    readdirSync(join(CORPORA, folder))
      .filter((n) => !/^(LICENSE|.*README.*)$/iu.test(n) && statSync(join(CORPORA, folder, n)).isFile())
      .map((n) => ({
        label: `${folder}/${n}`,
        bytes: new Uint8Array(readFileSync(join(CORPORA, folder, n))),
        name: n.endsWith(`.${ext}`) ? n : `${n}.${ext}`,
        type,
      })),
  );
}

function hostile(): (Upload & { label: string })[] {
  const text = (s: string) => new TextEncoder().encode(s);
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  const hugePng = Uint8Array.from([
    137,
    80,
    78,
    71,
    13,
    10,
    26,
    10,
    ...be(13),
    73,
    72,
    68,
    82,
    ...be(50_000),
    ...be(50_000),
    8,
    6,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const jpeg = readFileSync(join(CORPORA, 'fuzz-jpeg', readdirSync(join(CORPORA, 'fuzz-jpeg'))[0] ?? ''));
  return [
    { label: 'zero bytes', bytes: new Uint8Array(), name: 'empty.pdf', type: 'application/pdf' },
    {
      label: 'truncated PDF',
      bytes: text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'),
      name: 'cut.pdf',
      type: 'application/pdf',
    },
    { label: 'JPG named .pdf', bytes: new Uint8Array(jpeg), name: 'scan.pdf', type: 'application/pdf' },
    { label: '50,000 × 50,000 PNG', bytes: hugePng, name: 'huge.png', type: 'image/png' },
    {
      label: 'GIF/JS polyglot',
      bytes: text('GIF89a/*\x00\x00\x00\x00\x00*/=1;window.__scriptRan.push("polyglot");alert(1);//'),
      name: 'photo.gif',
      type: 'image/gif',
    },
    {
      label: 'over the size limit',
      bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(0x25),
      name: 'big.pdf',
      type: 'application/pdf',
    },
    {
      label: 'name with ../ and an RTL override',
      bytes: hugePng.slice(0, 8),
      name: '../../etc/\u202Efdp.exe',
      type: 'image/png',
    },
  ];
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
  for (const file of [...corpus(), ...hostile()]) {
    const { status, request } = await submitRecovery(backend.url, portal, strangerFields(n++), file);
    if (request === null) outcomes.set(file.label, `refused at intake (${String(status)})`);
    else submitted.push({ id: request.id, label: file.label });
  }
  expect(outcomes.get('zero bytes')).toBe('refused at intake (400)');
  expect(outcomes.get('over the size limit')).toBe('refused at intake (413)');

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

  // The hostile ones, each for the right reason.
  expect(outcomes.get('truncated PDF')).toBe('refused: pdf_unreadable');
  expect(outcomes.get('JPG named .pdf')).toBe('refused: format_mismatch');
  expect(outcomes.get('50,000 × 50,000 PNG')).toBe('refused: image_too_large');
  expect(outcomes.get('GIF/JS polyglot')).toMatch(/^refused: /u);
  expect(outcomes.get('name with ../ and an RTL override')).toMatch(/^refused: /u);
  expect(outcomes.get('pngsuite/basn2c08.png')).toBe('shown');
  expect(outcomes.get('pngsuite/xs1n0g01.png')).toBe('refused at intake (415)');

  const counts: Record<string, number> = {};
  for (const o of outcomes.values()) counts[o] = (counts[o] ?? 0) + 1;
  console.log(JSON.stringify({ files: outcomes.size, outcomes: counts }));

  // Nothing from any file ran.
  expect(await page.evaluate(() => (globalThis as unknown as { __scriptRan: string[] }).__scriptRan)).toEqual([]);
  expect(await page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(dialogs).toEqual([]);
});
