/**
 * Bad-input documents the project writes itself, so the document checks and
 * the viewer are exercised on every clone: for each accepted format a valid
 * file (from the seed's own encoders) beside broken, truncated, oversized and
 * disguised ones, plus PDFs carrying scripts and actions. Each says what the
 * checks that run before any decoder must answer (`checks`); what a decoder
 * then makes of the "viewable" ones is for the viewer's tests to find out.
 */
import type { RefusalReason } from '../../shared/documents/inspect.js';
import { MAX_DOCUMENT_BYTES } from '../../shared/documents/formats.js';
import { scanPdf } from '../seed/documents.js';
import { Canvas, encodeGif, encodeJpeg, encodePng } from '../seed/raster.js';

export type HostileFolder = 'png' | 'jpeg' | 'gif' | 'pdf' | 'other';

export interface HostileDocument {
  folder: HostileFolder;
  label: string;
  name: string;
  type: string;
  bytes: Uint8Array;
  /** What inspectDocument answers: viewable, or the refusal reason. */
  checks: 'viewable' | RefusalReason;
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const be32 = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const le16 = (n: number): number[] => [n & 255, (n >>> 8) & 255];

/** A PNG signature and an IHDR chunk declaring the given size, nothing after it (CRC left zero). */
export function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = [...be32(13), ...text('IHDR'), ...be32(width), ...be32(height), 8, 6, 0, 0, 0, ...be32(0)];
  return Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10, ...ihdr]);
}

function withByte(bytes: Uint8Array, at: number, value: number): Uint8Array {
  const copy = bytes.slice();
  copy[at] = value;
  return copy;
}

/** A small picture with some structure, so a decoder has real work on every row. */
function picture(): Canvas {
  const c = new Canvas(48, 32, [240, 236, 228]);
  c.rect(4, 4, 20, 12, [30, 90, 160]);
  c.ellipse(34, 20, 8, 8, [200, 60, 40]);
  return c;
}

/**
 * A PDF of one empty page whose catalogue carries `extra` (an action, a
 * script), with a correct cross-reference table so a reader takes it as sound.
 */
function pdfWith(catalogExtra: string, pageExtra = '', more: string[] = []): Uint8Array {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] ${pageExtra} >>`,
    ...more,
  ];
  let body = '%PDF-1.7\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${String(i + 1)} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${String(objects.length + 1)}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${String(objects.length + 1)} /Root 1 0 R >>\nstartxref\n${String(xref)}\n%%EOF\n`;
  return text(body);
}

function pngs(): HostileDocument[] {
  const valid = encodePng(picture());
  const png = (label: string, name: string, bytes: Uint8Array, checks: HostileDocument['checks']) =>
    ({ folder: 'png', label, name, type: 'image/png', bytes, checks }) as const;
  return [
    png('valid PNG', 'valid.png', valid, 'viewable'),
    // Like PngSuite's xs1n0g01: one byte of the signature changed.
    png('PNG with a broken signature', 'bad-signature.png', withByte(valid, 1, 0x70), 'format_not_accepted'),
    // The header's CRC is only checked by a decoder, never by the header reader.
    png('PNG with a wrong IHDR checksum', 'bad-crc.png', withByte(valid, 32, valid[32] === 0 ? 1 : 0), 'viewable'),
    png('PNG cut in half', 'half.png', valid.slice(0, valid.length >> 1), 'viewable'),
    png('PNG with a header and no pixels', 'no-idat.png', pngHeader(32, 32), 'viewable'),
    png('PNG 0 pixels wide', 'zero-width.png', pngHeader(0, 10), 'image_header_unreadable'),
    png('PNG declaring 50,000 × 50,000 pixels', 'huge.png', pngHeader(50_000, 50_000), 'image_too_large'),
  ];
}

function jpegs(): HostileDocument[] {
  const valid = encodeJpeg(picture(), 80);
  const jfif = [0xff, 0xd8, 0xff, 0xe0, 0, 16, ...text('JFIF'), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = (w: number, h: number) => [0xff, 0xc0, 0, 17, 8, ...be32(h).slice(2), ...be32(w).slice(2), 3];
  const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const jpeg = (label: string, name: string, bytes: Uint8Array, checks: HostileDocument['checks']) =>
    ({ folder: 'jpeg', label, name, type: 'image/jpeg', bytes, checks }) as const;
  return [
    jpeg('valid JPEG', 'valid.jpg', valid, 'viewable'),
    jpeg('JPEG cut after its frame header', 'cut.jpg', valid.slice(0, valid.length >> 1), 'viewable'),
    jpeg('JPEG with no frame header', 'no-frame.jpg', Uint8Array.from(jfif), 'image_header_unreadable'),
    jpeg(
      'JPEG declaring 60,000 × 60,000 pixels',
      'huge.jpg',
      Uint8Array.from([...jfif, ...sof(60_000, 60_000), ...components, 0xff, 0xd9]),
      'image_too_large',
    ),
    jpeg(
      'JPEG 0 pixels high',
      'zero-height.jpg',
      Uint8Array.from([...jfif, ...sof(100, 0), ...components, 0xff, 0xd9]),
      'image_header_unreadable',
    ),
  ];
}

function gifs(): HostileDocument[] {
  const valid = encodeGif(picture());
  const header = (w: number, h: number) => Uint8Array.from([...text('GIF89a'), ...le16(w), ...le16(h), 0, 0, 0]);
  const gif = (label: string, name: string, bytes: Uint8Array, checks: HostileDocument['checks']) =>
    ({ folder: 'gif', label, name, type: 'image/gif', bytes, checks }) as const;
  return [
    gif('valid GIF', 'valid.gif', valid, 'viewable'),
    gif('GIF cut in half', 'half.gif', valid.slice(0, valid.length >> 1), 'viewable'),
    gif('GIF of 0 × 0 pixels', 'empty.gif', header(0, 0), 'image_header_unreadable'),
    gif('GIF declaring 65,535 × 65,535 pixels', 'huge.gif', header(65_535, 65_535), 'image_too_large'),
    // Width "/*" = 10799, height 0: the header is not a usable image.
    gif(
      'GIF/JS polyglot',
      'photo.gif',
      text('GIF89a/*\x00\x00\x00\x00\x00*/=1;window.__scriptRan.push("polyglot");alert(1);//'),
      'image_header_unreadable',
    ),
  ];
}

function pdfs(): HostileDocument[] {
  const pdf = (label: string, name: string, bytes: Uint8Array, checks: HostileDocument['checks']) =>
    ({ folder: 'pdf', label, name, type: 'application/pdf', bytes, checks }) as const;
  return [
    pdf('valid PDF', 'scan.pdf', scanPdf(picture(), 'Scan', new Date(Date.UTC(2026, 0, 5))), 'viewable'),
    pdf('truncated PDF', 'cut.pdf', text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R'), 'viewable'),
    pdf('PDF header and nothing else', 'header.pdf', text('%PDF-1.7\n'), 'viewable'),
    pdf(
      'PDF running JavaScript when opened',
      'open-action.pdf',
      pdfWith('/OpenAction << /S /JavaScript /JS (window.__scriptRan.push\\("open-action"\\); app.alert\\(1\\);) >>'),
      'viewable',
    ),
    pdf(
      'PDF launching a program when opened',
      'launch.pdf',
      pdfWith('/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >>'),
      'viewable',
    ),
    // Shaped like the pdf.js font-matrix proof of concept: code hidden in a number array.
    pdf(
      'PDF whose font matrix carries script',
      'font-matrix.pdf',
      pdfWith('', '/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R', [
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FontMatrix [1 2 3 4 5 (0\\); window.__scriptRan.push\\('font-matrix'\\); alert\\(1)] >>",
        '<< /Length 36 >>\nstream\nBT /F1 12 Tf 20 100 Td (Hello) Tj ET\nendstream',
      ]),
      'viewable',
    ),
    pdf('HTML named .pdf', 'page.pdf', text('<html><script>alert(1)</script>'), 'format_not_accepted'),
  ];
}

function others(): HostileDocument[] {
  const jpeg = encodeJpeg(picture(), 80);
  const other = (label: string, name: string, type: string, bytes: Uint8Array, checks: HostileDocument['checks']) =>
    ({ folder: 'other', label, name, type, bytes, checks }) as const;
  return [
    other('zero bytes', 'empty.pdf', 'application/pdf', new Uint8Array(), 'empty'),
    other(
      'over the size limit',
      'big.pdf',
      'application/pdf',
      new Uint8Array(MAX_DOCUMENT_BYTES + 1).fill(0x25),
      'too_large',
    ),
    other('JPG named .pdf', 'scan.pdf', 'application/pdf', jpeg, 'format_mismatch'),
    other('HTML named .png', 'x.png', 'image/png', text('<html><script>alert(1)</script>'), 'format_not_accepted'),
    other(
      'name with ../ and an RTL override',
      '../../etc/\u202Efdp.exe',
      'image/png',
      pngHeader(10, 10).slice(0, 8),
      'format_mismatch',
    ),
  ];
}

/** The whole generated set, in a fixed order (labels are unique). */
export function hostileDocuments(): HostileDocument[] {
  return [...pngs(), ...jpegs(), ...gifs(), ...pdfs(), ...others()];
}
