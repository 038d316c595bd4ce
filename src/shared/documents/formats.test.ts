import { describe, expect, it } from 'vitest';
import { declaredFormat, formatProblem, sniffAccepted } from './formats.js';
import { cleanFileName } from './file-name.js';
import { readImageHeader } from './image-header.js';
import { inspectDocument } from './inspect.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? Array.from({ length: p.length }, (_, i) => p.charCodeAt(i)) : p)),
  );

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG signature and IHDR declaring width × height; no image data (headers are all a size check needs). */
function pngHeader(width: number, height: number): Uint8Array {
  const be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
  return bytes(PNG_SIG, be(13), 'IHDR', be(width), be(height), [8, 6, 0, 0, 0], [0, 0, 0, 0]);
}

describe('sniffAccepted', () => {
  it('names the four accepted formats by their magic numbers', () => {
    expect(sniffAccepted(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffAccepted(bytes(PNG_SIG))).toBe('png');
    expect(sniffAccepted(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
    expect(sniffAccepted(bytes('GIF87a'))).toBe('gif');
    expect(sniffAccepted(bytes('GIF89a'))).toBe('gif');
  });
  it('refuses anything else, whatever it is called', () => {
    expect(sniffAccepted(new Uint8Array())).toBeNull();
    expect(sniffAccepted(bytes('PK\x03\x04'))).toBeNull();
    expect(sniffAccepted(bytes('<html><script>'))).toBeNull();
    expect(sniffAccepted(bytes('MZ\x90\x00'))).toBeNull();
    expect(sniffAccepted(bytes('%PDF'))).toBeNull(); // too short to be a header
    expect(sniffAccepted(bytes(' %PDF-1.4'))).toBeNull();
  });
});

describe('declaredFormat and formatProblem', () => {
  it('reads the MIME type and the extension', () => {
    expect(declaredFormat('image/jpeg', 'photo.JPG')).toEqual({ format: 'jpeg', conflict: false, unknown: false });
    expect(declaredFormat('application/octet-stream', 'scan.pdf').format).toBe('pdf');
    expect(declaredFormat('', 'scan')).toEqual({ format: null, conflict: false, unknown: true });
    expect(declaredFormat('image/png', 'a.gif').conflict).toBe(true);
    expect(declaredFormat('image/webp', 'a.webp').conflict).toBe(true);
  });
  it('a JPG named .pdf is a mismatch; a matching one is fine', () => {
    expect(formatProblem('jpeg', declaredFormat('application/pdf', 'id.pdf'))).toBe('format_mismatch');
    expect(formatProblem('pdf', declaredFormat('application/pdf', 'id.pdf'))).toBeNull();
    expect(formatProblem(null, declaredFormat('application/pdf', 'id.pdf'))).toBe('format_not_accepted');
    expect(formatProblem('png', declaredFormat('', ''))).toBe('declared_type_unknown');
  });
});

describe('readImageHeader', () => {
  it('reads dimensions from the header without decoding', () => {
    expect(readImageHeader(pngHeader(1200, 800), 'png')).toEqual({ ok: true, width: 1200, height: 800 });
  });
  it('refuses an image declaring 50,000 × 50,000 pixels', () => {
    expect(readImageHeader(pngHeader(50_000, 50_000), 'png')).toEqual({ ok: false, reason: 'image_too_large' });
  });
  it('refuses a header that does not parse or names another format', () => {
    expect(readImageHeader(bytes(PNG_SIG), 'png')).toEqual({ ok: false, reason: 'image_header_unreadable' });
    expect(readImageHeader(pngHeader(10, 10), 'gif')).toEqual({ ok: false, reason: 'image_header_unreadable' });
    expect(readImageHeader(pngHeader(0, 10), 'png').ok).toBe(false);
  });
});

describe('inspectDocument', () => {
  const base = { declaredType: 'image/png', declaredName: 'id.png', expectedSha256: 'ab', actualSha256: 'ab' };
  it('refuses zero bytes, over-limit files and a sha256 mismatch before sniffing', () => {
    expect(inspectDocument({ ...base, bytes: new Uint8Array() })).toMatchObject({ status: 'refused', reason: 'empty' });
    expect(inspectDocument({ ...base, bytes: pngHeader(5, 5), maxBytes: 10 })).toMatchObject({ reason: 'too_large' });
    expect(inspectDocument({ ...base, bytes: pngHeader(5, 5), actualSha256: 'cd' })).toMatchObject({
      reason: 'sha256_mismatch',
    });
  });
  it('refuses a JPG named .pdf and a text file named .png', () => {
    const jpg = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF');
    expect(inspectDocument({ ...base, declaredType: 'application/pdf', declaredName: 'id.pdf', bytes: jpg })).toEqual({
      status: 'refused',
      reason: 'format_mismatch',
      format: 'jpeg',
    });
    expect(inspectDocument({ ...base, bytes: bytes('hello') })).toMatchObject({ reason: 'format_not_accepted' });
  });
  it('lets a PDF through to the sandboxed renderer and an image through with its dimensions', () => {
    expect(
      inspectDocument({ ...base, declaredType: 'application/pdf', declaredName: 'a.pdf', bytes: bytes('%PDF-1.4\n') }),
    ).toMatchObject({ status: 'viewable', format: 'pdf' });
    expect(inspectDocument({ ...base, bytes: pngHeader(640, 480) })).toMatchObject({
      status: 'viewable',
      width: 640,
      height: 480,
    });
  });
  it('refuses a 50,000 × 50,000 image before any decoder sees it', () => {
    expect(inspectDocument({ ...base, bytes: pngHeader(50_000, 50_000) })).toMatchObject({ reason: 'image_too_large' });
  });
});

describe('cleanFileName', () => {
  it('drops path parts, control characters and bidi overrides', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\anna\\id.png')).toBe('id.png');
    expect(cleanFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(cleanFileName('a\u0000b\nc\u200B.pdf')).toBe('abc.pdf');
    expect(cleanFileName('..')).toBe('document');
    expect(cleanFileName('   ')).toBe('document');
    expect(cleanFileName('x'.repeat(300)).length).toBeLessThanOrEqual(120);
  });
});
