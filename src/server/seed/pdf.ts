/**
 * A minimal, synchronous PDF 1.4 writer.
 *
 * pdf-lib (a devDependency: tests only) only saves asynchronously, and seedDataset()
 * is synchronous so that the backend can seed inside one transaction; a
 * one-page document with Helvetica text, vector paths and an optional image
 * is a few dozen lines of the PDF syntax, so it is written here. The tests
 * parse every generated PDF back with pdf-lib.
 */

export interface PdfImage {
  /** 8-bit RGB pixels, row-major, compressed with zlib (/FlateDecode). */
  readonly deflatedRgb: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  /** Content stream operators; use PdfContent to build it. */
  readonly content: string;
  readonly image?: PdfImage;
}

export interface PdfInfo {
  readonly title: string;
  /** Written as /CreationDate, so that the bytes depend on the data, not the clock. */
  readonly created: Date;
}

/** PDF literal string in WinAnsi (Latin-1 for the letters Swiss names use); other characters become '?'. */
function pdfString(text: string): string {
  let out = '(';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 63;
    if (ch === '(' || ch === ')' || ch === '\\') out += '\\' + ch;
    else if (code >= 32 && code < 127) out += ch;
    else if (code >= 160 && code <= 255) out += '\\' + code.toString(8).padStart(3, '0');
    else out += '?';
  }
  return out + ')';
}

const n = (v: number): string => (Math.round(v * 100) / 100).toString();

/** Builder for a page's content stream (origin bottom-left, units are points). */
export class PdfContent {
  private readonly ops: string[] = [];

  fill(r: number, g: number, b: number): this {
    this.ops.push(`${n(r)} ${n(g)} ${n(b)} rg`);
    return this;
  }

  stroke(r: number, g: number, b: number, width: number): this {
    this.ops.push(`${n(r)} ${n(g)} ${n(b)} RG ${n(width)} w 1 J 1 j`);
    return this;
  }

  text(x: number, y: number, size: number, text: string, bold = false): this {
    this.ops.push(`BT /${bold ? 'F2' : 'F1'} ${n(size)} Tf ${n(x)} ${n(y)} Td ${pdfString(text)} Tj ET`);
    return this;
  }

  rect(x: number, y: number, w: number, h: number, mode: 'f' | 'S'): this {
    this.ops.push(`${n(x)} ${n(y)} ${n(w)} ${n(h)} re ${mode}`);
    return this;
  }

  line(x1: number, y1: number, x2: number, y2: number): this {
    this.ops.push(`${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S`);
    return this;
  }

  /** Circle from four Bézier arcs (k = 0.5523 is the usual quarter-circle constant). */
  circle(cx: number, cy: number, r: number, mode: 'f' | 'S'): this {
    const k = 0.5523 * r;
    this.ops.push(
      `${n(cx + r)} ${n(cy)} m`,
      `${n(cx + r)} ${n(cy + k)} ${n(cx + k)} ${n(cy + r)} ${n(cx)} ${n(cy + r)} c`,
      `${n(cx - k)} ${n(cy + r)} ${n(cx - r)} ${n(cy + k)} ${n(cx - r)} ${n(cy)} c`,
      `${n(cx - r)} ${n(cy - k)} ${n(cx - k)} ${n(cy - r)} ${n(cx)} ${n(cy - r)} c`,
      `${n(cx + k)} ${n(cy - r)} ${n(cx + r)} ${n(cy - k)} ${n(cx + r)} ${n(cy)} c`,
      mode,
    );
    return this;
  }

  /** An open polyline, used for signatures. */
  polyline(points: readonly (readonly [number, number])[]): this {
    const [first, ...rest] = points;
    if (!first) return this;
    this.ops.push(`${n(first[0])} ${n(first[1])} m ${rest.map(([x, y]) => `${n(x)} ${n(y)} l`).join(' ')} S`);
    return this;
  }

  /** Draws the page's image (see PdfPage.image) into the given box. */
  image(x: number, y: number, w: number, h: number): this {
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /Im1 Do Q`);
    return this;
  }

  build(): string {
    return this.ops.join('\n');
  }
}

function date(d: Date): string {
  const iso = d.toISOString(); // 2026-03-29T06:15:00.000Z
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

export function buildPdf(page: PdfPage, info: PdfInfo): Uint8Array {
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const push = (b: Buffer): void => {
    chunks.push(b);
    length += b.length;
  };
  const object = (body: Buffer[] | string): void => {
    offsets.push(length);
    push(Buffer.from(`${offsets.length} 0 obj\n`, 'latin1'));
    for (const b of typeof body === 'string' ? [Buffer.from(body, 'latin1')] : body) push(b);
    push(Buffer.from('\nendobj\n', 'latin1'));
  };
  const stream = (dict: string, bytes: Buffer): Buffer[] => [
    Buffer.from(`<< ${dict} /Length ${bytes.length} >>\nstream\n`, 'latin1'),
    bytes,
    Buffer.from('\nendstream', 'latin1'),
  ];

  // The binary comment marks the file as binary for transfer tools (PDF spec 7.5.2).
  push(Buffer.from([...Buffer.from('%PDF-1.4\n%', 'latin1'), 0xe2, 0xe3, 0xcf, 0xd3, 0x0a]));
  const xobject = page.image ? ' /XObject << /Im1 7 0 R >>' : '';
  object('<< /Type /Catalog /Pages 2 0 R >>');
  object('<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  object(
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${n(page.width)} ${n(page.height)}] ` +
      `/Resources << /Font << /F1 4 0 R /F2 5 0 R >>${xobject} >> /Contents 6 0 R >>`,
  );
  object('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  object('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>');
  object(stream('', Buffer.from(page.content, 'latin1')));
  if (page.image) {
    const img = page.image;
    object(
      stream(
        `/Type /XObject /Subtype /Image /Width ${img.width} /Height ${img.height} ` +
          '/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode',
        Buffer.from(img.deflatedRgb),
      ),
    );
  }
  object(
    `<< /Producer (Support Console seed) /Title ${pdfString(info.title)} /CreationDate (${date(info.created)}) >>`,
  );
  const infoRef = offsets.length;

  const xrefAt = length;
  const xref = [`xref\n0 ${offsets.length + 1}\n`, '0000000000 65535 f \n'];
  for (const off of offsets) xref.push(`${String(off).padStart(10, '0')} 00000 n \n`);
  xref.push(
    `trailer\n<< /Size ${offsets.length + 1} /Root 1 0 R /Info ${infoRef} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`,
  );
  push(Buffer.from(xref.join(''), 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}
