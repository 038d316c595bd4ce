/**
 * Every bad-input file of ../shared/corpora (PngSuite, the fuzzing corpora,
 * the malicious PDFs) and generated hostile files go through the checks the
 * console runs before any decoder: each ends with a definite status
 * (viewable with what the decoder may expect, or refused with a reason),
 * none throws, none takes long. Drawing them is the Playwright side
 * (e2e/viewer-corpus.spec.ts). File names from the naughty-strings list come
 * out clean.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanFileName } from '../../shared/documents/file-name.js';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents/formats.js';
import { inspectDocument, REFUSAL_REASONS } from '../../shared/documents/inspect.js';

const CORPORA = join(import.meta.dirname, '../../../../shared/corpora');
/** A check that takes longer than this is treated as a hang (it is meant to take microseconds). */
const PER_FILE_MS = 2_000;

const DECLARED: Record<string, { type: string; ext: string }> = {
  pngsuite: { type: 'image/png', ext: 'png' },
  'fuzz-png': { type: 'image/png', ext: 'png' },
  'fuzz-jpeg': { type: 'image/jpeg', ext: 'jpg' },
  'fuzz-gif': { type: 'image/gif', ext: 'gif' },
  'malicious-pdfs': { type: 'application/pdf', ext: 'pdf' },
};

function corpusFiles(): { folder: string; name: string; bytes: Uint8Array }[] {
  return Object.keys(DECLARED).flatMap((folder) =>
    readdirSync(join(CORPORA, folder))
      .filter((name) => !/^(LICENSE|.*README.*)$/iu.test(name) && statSync(join(CORPORA, folder, name)).isFile())
      .map((name) => ({ folder, name, bytes: new Uint8Array(readFileSync(join(CORPORA, folder, name))) })),
  );
}

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

function pngHeader(width: number, height: number): Uint8Array {
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return Uint8Array.from([
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
    ...be(width),
    ...be(height),
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
}

describe('the corpora through the document checks', () => {
  const files = corpusFiles();

  it('finds the corpora', () => {
    expect(files.filter((f) => f.folder === 'pngsuite').length).toBeGreaterThan(40);
    expect(files.filter((f) => f.folder === 'malicious-pdfs')).toHaveLength(10);
    for (const folder of ['fuzz-png', 'fuzz-jpeg', 'fuzz-gif']) {
      expect(files.filter((f) => f.folder === folder).length, folder).toBeGreaterThanOrEqual(40);
    }
  });

  it('gives every file a definite status, fast, without throwing', () => {
    const tally: Record<string, number> = {};
    for (const f of files) {
      const { type, ext } = DECLARED[f.folder] ?? { type: '', ext: '' };
      const { result, ms } = inspect(f.bytes, type, `${f.name}.${ext}`);
      expect(ms, `${f.folder}/${f.name}`).toBeLessThan(PER_FILE_MS);
      if (result.status === 'refused') expect(REFUSAL_REASONS).toContain(result.reason);
      else expect(['pdf', 'png', 'jpeg', 'gif']).toContain(result.format);
      const key = `${f.folder}:${result.status === 'refused' ? result.reason : 'viewable'}`;
      tally[key] = (tally[key] ?? 0) + 1;
    }
    // Valid PngSuite images pass; its corrupt ones with a broken signature do not.
    expect(tally['pngsuite:viewable']).toBeGreaterThan(20);
    expect(inspect(readFileSync(join(CORPORA, 'pngsuite/xs1n0g01.png')), 'image/png', 'x.png').result).toMatchObject({
      status: 'refused',
      reason: 'format_not_accepted',
    });
    // The fuzzing corpora are mostly broken: some must be refused before any decoder sees them.
    for (const folder of ['fuzz-png', 'fuzz-jpeg', 'fuzz-gif']) {
      const refused = Object.entries(tally)
        .filter(([k]) => k.startsWith(`${folder}:`) && !k.endsWith(':viewable'))
        .reduce((n, [, v]) => n + v, 0);
      expect(refused, folder).toBeGreaterThan(0);
    }
  });

  it('lets every malicious PDF through to the locked-down renderer only as a PDF', () => {
    for (const f of files.filter((x) => x.folder === 'malicious-pdfs')) {
      const { result } = inspect(f.bytes, 'application/pdf', f.name);
      expect(result.status === 'viewable' ? result.format : result.reason, f.name).toMatch(
        /^(pdf|format_not_accepted)$/u,
      );
    }
  });
});

describe('generated hostile files', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
  const cases: [string, Uint8Array, string, string, string][] = [
    ['zero bytes', new Uint8Array(), 'application/pdf', 'id.pdf', 'empty'],
    ['a JPG named .pdf', jpeg, 'application/pdf', 'id.pdf', 'format_mismatch'],
    ['an image declaring 50,000 × 50,000 pixels', pngHeader(50_000, 50_000), 'image/png', 'big.png', 'image_too_large'],
    [
      'a file over the size limit',
      new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x25),
      'application/pdf',
      'a.pdf',
      'too_large',
    ],
    [
      'HTML named .png',
      new TextEncoder().encode('<html><script>alert(1)</script>'),
      'image/png',
      'x.png',
      'format_not_accepted',
    ],
  ];
  it.each(cases)('refuses %s', (_name, bytes, type, fileName, reason) => {
    expect(inspect(bytes, type, fileName).result).toMatchObject({ status: 'refused', reason });
  });

  it('passes a truncated PDF to the renderer (which must refuse it, see the e2e corpus spec)', () => {
    const truncated = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R');
    expect(inspect(truncated, 'application/pdf', 'cut.pdf').result).toMatchObject({
      status: 'viewable',
      format: 'pdf',
    });
  });

  it('sniffs a GIF/JS polyglot as a GIF and only sizes it from its header: sniffing is not enough, decoding decides', () => {
    const polyglot = new TextEncoder().encode('GIF89a/*\x00\x00\x00\x00*/=1;alert(document.domain);//');
    const { result } = inspect(polyglot, 'image/gif', 'photo.gif');
    // Width "/*" = 10799, height = 0: the header is not a usable image.
    expect(result).toMatchObject({ status: 'refused', reason: 'image_header_unreadable' });
  });

  it('refuses bytes that changed on the way (sha256)', () => {
    expect(inspect(pngHeader(10, 10), 'image/png', 'a.png', 'f'.repeat(64)).result).toMatchObject({
      reason: 'sha256_mismatch',
    });
  });
});

describe('file names from the naughty-strings list', () => {
  const naughty = JSON.parse(readFileSync(join(CORPORA, 'naughty-strings/blns.json'), 'utf8')) as string[];
  it('come out without control or bidi characters, path parts, or emptiness', () => {
    expect(naughty.length).toBeGreaterThan(400);
    for (const raw of [...naughty, ...naughty.map((s) => `../../${s}`), '../../../etc/passwd', '..\\..\\boot.ini']) {
      const shown = cleanFileName(raw);
      expect(shown.length, raw).toBeGreaterThan(0);
      expect(shown, raw).not.toMatch(/[\p{Cc}\p{Cf}/\\]/u);
      expect(shown.startsWith('.'), raw).toBe(false);
    }
    expect(cleanFileName('../../../etc/passwd')).toBe('passwd');
  });
});
