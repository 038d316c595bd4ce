/**
 * Bad-input files through the checks the console runs before any decoder:
 * the generated hostile files always (each with the answer it was built
 * for), and the shared corpora (PngSuite, fuzzing corpora, malicious PDFs)
 * when they sit beside the checkout; the output says which ran. Each file
 * ends with a definite status (viewable with what the decoder may expect, or
 * refused with a reason), none throws, none takes long. Drawing them is the
 * Playwright side (e2e/viewer-corpus.spec.ts). Hostile file names come out
 * clean: the project's own list always, the naughty-strings list when present.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../../shared/documents/file-name.js';
import { inspectDocument, REFUSAL_REASONS } from '../../../shared/documents/inspect.js';
import { hostileDocuments, pngHeader } from '../../../server/testing/hostile-documents.js';
import { sharedCorpora } from '../../../server/testing/shared-corpora.js';

const corpora = sharedCorpora(join(import.meta.dirname, '../../../../../shared/corpora'), '../shared/corpora');

/** A check that takes longer than this is treated as a hang (it is meant to take microseconds). */
const PER_FILE_MS = 2_000;
/** Which generated folder and which corpus folders hold each image format. */
const FAMILIES = { png: ['png', 'pngsuite', 'fuzz-png'], jpeg: ['jpeg', 'fuzz-jpeg'], gif: ['gif', 'fuzz-gif'] };

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function inspect(bytes: Uint8Array, declaredType: string, declaredName: string, expected = sha(bytes)) {
  const started = performance.now();
  const result = inspectDocument({
    bytes,
    declaredType,
    declaredName,
    expectedSha256: expected,
    actualSha256: sha(bytes),
  });
  return { result, ms: performance.now() - started };
}

const outcome = (r: ReturnType<typeof inspect>['result']) => (r.status === 'viewable' ? 'viewable' : r.reason);

describe('bad-input files through the document checks', () => {
  const generated = hostileDocuments();
  const shared = corpora.files();
  const all = [...generated, ...shared];

  it('gives each generated file the answer it was built for', () => {
    for (const f of generated) expect(outcome(inspect(f.bytes, f.type, f.name).result), f.label).toBe(f.checks);
  });

  it('gives every file a definite status, fast, without throwing; valid images pass, broken ones are refused', () => {
    console.log(corpora.note(shared.length, generated.length));
    const tally = new Map<string, { viewable: number; refused: number }>();
    for (const f of all) {
      const { result, ms } = inspect(f.bytes, f.type, f.name);
      expect(ms, f.label).toBeLessThan(PER_FILE_MS);
      if (result.status === 'refused') expect(REFUSAL_REASONS, f.label).toContain(result.reason);
      else expect(['pdf', 'png', 'jpeg', 'gif'], f.label).toContain(result.format);
      const count = tally.get(f.folder) ?? { viewable: 0, refused: 0 };
      count[result.status === 'viewable' ? 'viewable' : 'refused'] += 1;
      tally.set(f.folder, count);
    }
    // Every format meets both answers, whichever set ran: a check that passes or refuses everything fails here.
    for (const [family, folders] of Object.entries(FAMILIES)) {
      const counts = folders.map((folder) => tally.get(folder)).filter((c) => c !== undefined);
      expect(counts.every((c) => c.viewable > 0) && counts.length > 0, `${family} viewable`).toBe(true);
      // PngSuite is mostly valid images; its corrupt ones are mostly refused only by the decoder.
      const broken = counts.filter((_c, i) => folders[i] !== 'pngsuite');
      expect(
        broken.every((c) => c.refused > 0),
        `${family} refused`,
      ).toBe(true);
    }
  });

  it('lets every PDF, script-carrying ones included, through to the locked-down renderer only as a PDF', () => {
    const pdfs = all.filter((f) => f.folder === 'pdf' || f.folder === 'malicious-pdfs');
    expect(pdfs.length).toBeGreaterThanOrEqual(shared.length > 0 ? 17 : 7);
    for (const f of pdfs) {
      expect(outcome(inspect(f.bytes, 'application/pdf', f.name).result), f.label).toMatch(
        /^(viewable|format_not_accepted)$/u,
      );
    }
  });

  it(`runs the whole of ${corpora.shownAs} when it is there, and loads nothing when it is not`, () => {
    if (!corpora.present) {
      console.log(`${corpora.shownAs} absent: its counts and PngSuite's known answers were not checked`);
      expect(shared).toEqual([]);
      return;
    }
    const inFolder = (folder: string) => shared.filter((f) => f.folder === folder);
    expect(inFolder('pngsuite').length).toBeGreaterThan(40);
    expect(inFolder('malicious-pdfs')).toHaveLength(10);
    for (const folder of ['fuzz-png', 'fuzz-jpeg', 'fuzz-gif']) {
      expect(inFolder(folder).length, folder).toBeGreaterThanOrEqual(40);
    }
    const pngsuite = inFolder('pngsuite').map((f) => ({ f, out: outcome(inspect(f.bytes, f.type, f.name).result) }));
    expect(pngsuite.filter((p) => p.out === 'viewable').length).toBeGreaterThan(20);
    // A corrupt signature is refused before any decoder.
    expect(pngsuite.find((p) => p.f.name === 'xs1n0g01.png')?.out).toBe('format_not_accepted');
    console.log(`ran ${String(shared.length)} files of ${corpora.shownAs}: counts and PngSuite's answers checked`);
  });

  it('refuses bytes that changed on the way (sha256)', () => {
    expect(inspect(pngHeader(10, 10), 'image/png', 'a.png', 'f'.repeat(64)).result).toMatchObject({
      reason: 'sha256_mismatch',
    });
  });
});

/** Names written for this project: what requesters' browsers and scripts really send, at its worst. */
const HOSTILE_NAMES: [what: string, raw: string, shown: string | null][] = [
  ['a path climbing out', '../../../etc/passwd', 'passwd'],
  ['a Windows path climbing out', '..\\..\\boot.ini', 'boot.ini'],
  ['a full Windows path', 'C:\\Users\\eve\\Desktop\\id.png', 'id.png'],
  ['an absolute path', '/absolute/path/scan.pdf', 'scan.pdf'],
  // Kept, the override would show "invoiceexe.pdf".
  ['an RTL override', 'invoice\u202Efdp.exe', 'invoicefdp.exe'],
  ['a bidi isolate', 'id\u2066card\u2069.png', 'idcard.png'],
  ['a NUL', 'pass\u0000port.pdf', 'passport.pdf'],
  ['line breaks and a tab', 'line\nbreak\r\t.png', 'linebreak.png'],
  ['zero-width characters', 'zero\u200Bwidth\uFEFF.pdf', 'zerowidth.pdf'],
  ['a Unicode line separator', 'line\u2028separator.pdf', 'lineseparator.pdf'],
  ['a hidden file', '.htaccess', 'htaccess'],
  ['dots only', '....', 'document'],
  ['nothing', '', 'document'],
  ['spaces only', '   ', 'document'],
  ['a bare parent folder', '../', 'document'],
  ['invisible characters only', '\u202E\u200B\u0000', 'document'],
  // Reserved on Windows, harmless on screen: names are shown, never used as paths.
  ['a reserved Windows name', 'CON', 'CON'],
  ['a reserved Windows name with an extension', 'NUL.txt', 'NUL.txt'],
  ['a printer port name', 'LPT1.pdf', 'LPT1.pdf'],
  ['French accents and a curly apostrophe', 'pièce d’identité.pdf', 'pièce d’identité.pdf'],
  ['a decomposed accent (shown composed)', 'pie\u0300ce.pdf', 'pi\u00E8ce.pdf'],
  ['an emoji', '📄 scan.png', '📄 scan.png'],
  // The joiners are format characters: the family shows as four people, never as a hidden payload.
  ['a family emoji joined with ZWJ', '👩\u200D👩\u200D👧 famille.png', '👩👩👧 famille.png'],
  ['markup', '<script>alert(1)</script>.png', 'script>.png'],
  ['SQL', "'; DROP TABLE documents; --.pdf", "'; DROP TABLE documents; --.pdf"],
  ['a URL-encoded path', '%2e%2e%2fpasswd', '%2e%2e%2fpasswd'],
  ['5,000 letters', 'a'.repeat(5_000), null],
  ['500 emoji', '👍'.repeat(500), null],
];

function expectClean(raw: string, shown: string): void {
  expect(shown.length, raw).toBeGreaterThan(0);
  // Cs: half a surrogate pair, what cutting a long name inside an emoji would leave.
  expect(shown, raw).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}/\\]/u);
  expect(shown.startsWith('.'), raw).toBe(false);
  expect([...new Intl.Segmenter().segment(shown)].length, raw).toBeLessThanOrEqual(120);
}

describe('file names', () => {
  it.each(HOSTILE_NAMES)(
    'with %s come out without control or bidi characters, path parts, or emptiness',
    (_what, raw, expected) => {
      const shown = cleanFileName(raw);
      expectClean(raw, shown);
      if (expected !== null) expect(shown).toBe(expected);
      else expect(shown.endsWith('…'), 'a long name is cut with an ellipsis').toBe(true);
    },
  );

  it('come out clean from the naughty-strings list too, when present', () => {
    const naughty = corpora.naughtyStrings();
    if (naughty === null) {
      console.log(`${corpora.shownAs} absent: ran only the project's ${String(HOSTILE_NAMES.length)} hostile names`);
      return;
    }
    expect(naughty.length).toBeGreaterThan(400);
    for (const raw of [...naughty, ...naughty.map((s) => `../../${s}`)]) expectClean(raw, cleanFileName(raw));
    console.log(`ran ${String(naughty.length)} naughty strings of ${corpora.shownAs}`);
  });
});
