/**
 * Real files for recovery requests and ticket attachments: ID cards
 * (PNG/JPEG/GIF), passport scans (JPEG or PDF), company stamp with signature
 * (PNG or PDF), invoices (PDF) and error screenshots. Every picture is drawn
 * from the request's data (names, colours), so no two requests upload the
 * same bytes, and each file stays well under 60 KB.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { AttachmentMeta, Language } from '../../shared/entities.js';
import { buildPdf, PdfContent } from './pdf.js';
import type { Rng } from './random.js';
import type { Rgb } from './raster.js';
import { Canvas, encodeGif, encodeJpeg, encodePng } from './raster.js';

export type RealType = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/gif';

export const EXTENSION: Record<RealType, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
};

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function attachmentMeta(
  id: string,
  declaredName: string,
  declaredType: string,
  bytes: Uint8Array,
): AttachmentMeta {
  return { id, declaredName, declaredType, size: bytes.length, sha256: sha256Hex(bytes) };
}

export interface Identity {
  readonly firstName: string;
  readonly lastName: string;
  /** DD.MM.YYYY */
  readonly birthDate: string;
  readonly documentNumber: string;
  readonly expiry: string;
}

const CARD_COLOURS: readonly Rgb[] = [
  [246, 214, 220],
  [214, 230, 246],
  [240, 232, 206],
  [214, 240, 224],
  [228, 220, 244],
];
const INK: Rgb = [30, 30, 40];

function shade(c: Rgb, f: number): Rgb {
  return [Math.round(c[0] * f), Math.round(c[1] * f), Math.round(c[2] * f)];
}

/** Fine wavy lines like the guilloche print of real ID documents. */
function guilloche(canvas: Canvas, base: Rgb, phase: number): void {
  const line = shade(base, 0.86);
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) {
      const v = Math.sin(x * 0.07 + Math.sin(y * 0.045 + phase) * 2.2 + y * 0.11);
      if (v > 0.93) canvas.set(x, y, line);
    }
  }
}

function portrait(canvas: Canvas, x: number, y: number, rng: Rng): void {
  canvas.rect(x, y, 100, 128, [196, 206, 214]);
  const skin: Rgb = rng.pick([
    [236, 200, 170],
    [206, 160, 124],
    [150, 104, 74],
  ]);
  const hair: Rgb = rng.pick([
    [60, 40, 30],
    [150, 110, 60],
    [20, 20, 20],
    [180, 180, 180],
  ]);
  canvas.ellipse(
    x + 50,
    y + 118,
    44,
    34,
    rng.pick<Rgb>([
      [60, 70, 110],
      [90, 40, 40],
      [50, 80, 60],
    ]),
  );
  canvas.ellipse(x + 50, y + 46, 30, 33, hair);
  canvas.ellipse(x + 50, y + 54, 25, 31, skin);
}

/** An identity card, front side, with a specimen mark: 400 x 252 px. */
export function drawIdCard(id: Identity, rng: Rng): Canvas {
  const base = rng.pick(CARD_COLOURS);
  const c = new Canvas(400, 252, base);
  guilloche(c, base, rng.float() * 6);
  c.rect(0, 0, 400, 32, shade(base, 0.55));
  c.text("ID CARD - CARTE D'IDENTITE", 12, 9, 2, [255, 255, 255]);
  portrait(c, 16, 46, rng);
  const fields: [string, string][] = [
    ['NAME / NOM', id.lastName],
    ['GIVEN NAMES / PRENOMS', id.firstName],
    ['DATE OF BIRTH', id.birthDate],
    ['NO', id.documentNumber],
  ];
  fields.forEach(([label, value], i) => {
    c.text(label, 132, 46 + i * 34, 1, shade(base, 0.45));
    c.text(value.slice(0, 21), 132, 56 + i * 34, 2, INK);
  });
  c.text('SPECIMEN', 300, 184, 1, [200, 30, 30]);
  c.rect(0, 200, 400, 52, shade(base, 0.93));
  const mrz = `IDCHE${id.documentNumber}<<<<<<<<<<<<<<<<`.slice(0, 30);
  c.text(mrz, 12, 208, 2, INK);
  c.text(`${id.lastName}<<${id.firstName}<<<<<<<<<<<<<<<<<<<<`.slice(0, 30).replaceAll(' ', '<'), 12, 228, 2, INK);
  return c;
}

/** A passport data page: 440 x 300 px, meant for JPEG (a photo of a booklet). */
export function drawPassport(id: Identity, rng: Rng): Canvas {
  const base: Rgb = [238, 226, 230];
  const c = new Canvas(440, 300, base);
  guilloche(c, base, rng.float() * 6);
  c.rect(0, 0, 440, 36, [150, 20, 30]);
  c.text('PASSPORT - PASS - PASSEPORT', 14, 11, 2, [255, 255, 255]);
  portrait(c, 18, 52, rng);
  const rows: [string, string][] = [
    ['SURNAME', id.lastName],
    ['GIVEN NAMES', id.firstName],
    ['DATE OF BIRTH', id.birthDate],
    ['PASSPORT NO', id.documentNumber],
    ['DATE OF EXPIRY', id.expiry],
  ];
  rows.forEach(([label, value], i) => {
    c.text(label, 136, 52 + i * 30, 1, [120, 60, 70]);
    c.text(value.slice(0, 24), 136, 62 + i * 30, 2, INK);
  });
  c.text('SPECIMEN', 350, 200, 1, [200, 30, 30]);
  c.rect(0, 244, 440, 56, [245, 240, 240]);
  c.text(`P<CHE${id.lastName}<<${id.firstName}<<<<<<<<<<<<<<<<<<<`.slice(0, 34).replaceAll(' ', '<'), 10, 252, 2, INK);
  c.text(`${id.documentNumber}<<<CHE<<<<<<<<<<<<<<<<<<<<<<`.slice(0, 34), 10, 274, 2, INK);
  return c;
}

/** A round company stamp in red and a blue signature scrawl on white: 360 x 220 px. */
export function drawStamp(organisation: string, signer: string, place: string, rng: Rng): Canvas {
  const c = new Canvas(360, 220, [255, 255, 255]);
  const red: Rgb = [200, 30, 40];
  c.ring(100, 100, 84, 6, red);
  c.ring(100, 100, 70, 2, red);
  const words = organisation.split(' ');
  const mid = Math.ceil(words.length / 2);
  const lines = [words.slice(0, mid).join(' '), words.slice(mid).join(' ')];
  lines.forEach((line, i) => {
    const w = line.length * 6;
    c.text(line.slice(0, 20), 100 - Math.min(w, 120) / 2, 88 + i * 14, 1, red);
  });
  const blue: Rgb = [20, 40, 150];
  const phase = rng.float() * 6;
  let px = 200;
  let py = 120;
  for (let x = 200; x <= 340; x += 2) {
    const y = 120 + Math.sin(x * 0.18 + phase) * 18 * Math.cos(x * 0.035) + Math.sin(x * 0.5) * 4;
    c.line(px, py, x, y, 2, blue);
    px = x;
    py = y;
  }
  c.line(196, 160, 350, 160, 1, [120, 120, 120]);
  c.text(signer.slice(0, 24), 200, 168, 1, INK);
  c.text(place.slice(0, 24), 200, 182, 1, INK);
  return c;
}

/** A browser window showing an error page, for ticket attachments. */
export function drawScreenshot(url: string, error: string): Canvas {
  const c = new Canvas(480, 300, [255, 255, 255]);
  c.rect(0, 0, 480, 30, [222, 222, 226]);
  for (const [i, col] of (
    [
      [236, 95, 90],
      [246, 190, 80],
      [98, 196, 85],
    ] as const
  ).entries())
    c.ellipse(16 + i * 16, 15, 5, 5, col);
  c.rect(70, 7, 390, 16, [255, 255, 255]);
  c.text(url, 76, 12, 1, [90, 90, 90]);
  c.text(error.slice(0, 28), 24, 110, 3, [60, 60, 60]);
  c.text('PLEASE TRY AGAIN LATER', 24, 160, 2, [140, 140, 140]);
  return c;
}

export function pngOf(c: Canvas): Uint8Array {
  return encodePng(c);
}
export function jpegOf(c: Canvas, quality = 72): Uint8Array {
  return encodeJpeg(c, quality);
}
export function gifOf(c: Canvas): Uint8Array {
  return encodeGif(c);
}

/**
 * A scanned page: the picture in the upper part of an A4 page, with a caption.
 * The pixels are embedded with zlib rather than JPEG: jpeg-js spends ~100 ms
 * building its tables on every call, which dominated the whole seed.
 */
export function scanPdf(canvas: Canvas, caption: string, created: Date): Uint8Array {
  const rgb = new Uint8Array(canvas.width * canvas.height * 3);
  for (let i = 0, j = 0; i < canvas.data.length; i += 4, j += 3) {
    rgb[j] = canvas.data[i] ?? 0;
    rgb[j + 1] = canvas.data[i + 1] ?? 0;
    rgb[j + 2] = canvas.data[i + 2] ?? 0;
  }
  const deflatedRgb = new Uint8Array(deflateSync(rgb, { level: 9 }));
  const w = 400;
  const h = (canvas.height / canvas.width) * w;
  const content = new PdfContent()
    .image(98, 780 - h, w, h)
    .fill(0.2, 0.2, 0.2)
    .text(98, 760 - h, 10, caption)
    .build();
  return buildPdf(
    { width: 595, height: 842, content, image: { deflatedRgb, width: canvas.width, height: canvas.height } },
    { title: caption, created },
  );
}

const STAMP_TEXT: Record<Language, { title: string; body: string }> = {
  fr: {
    title: 'Confirmation',
    body: 'Nous confirmons que {name} est autorisé(e) à gérer le compte client {customer}.',
  },
  de: {
    title: 'Bestätigung',
    body: 'Wir bestätigen, dass {name} berechtigt ist, das Kundenkonto {customer} zu verwalten.',
  },
  it: { title: 'Conferma', body: 'Confermiamo che {name} è autorizzato/a a gestire il conto cliente {customer}.' },
  en: { title: 'Confirmation', body: 'We confirm that {name} is authorised to manage customer account {customer}.' },
};

/** A letter on company paper with the stamp and a signature, as vector PDF. */
export function stampPdf(
  org: { name: string; street: string; city: string; signer: string; customer: string; language: Language },
  rng: Rng,
  created: Date,
): Uint8Array {
  const t = STAMP_TEXT[org.language];
  const body = t.body.replace('{name}', org.signer).replace('{customer}', org.customer);
  const content = new PdfContent()
    .fill(0.1, 0.1, 0.1)
    .text(60, 780, 16, org.name, true)
    .text(60, 762, 10, `${org.street}, ${org.city}`)
    .text(60, 680, 13, t.title, true)
    .text(60, 656, 10, body)
    .stroke(0.78, 0.12, 0.16, 3)
    .circle(150, 520, 62, 'S')
    .stroke(0.78, 0.12, 0.16, 1)
    .circle(150, 520, 52, 'S')
    .fill(0.78, 0.12, 0.16)
    .text(150 - Math.min(org.name.length * 2.6, 48), 516, 9, org.name.slice(0, 22), true)
    .stroke(0.08, 0.16, 0.6, 1.4);
  const phase = rng.float() * 6;
  const points: [number, number][] = [];
  for (let x = 260; x <= 440; x += 3) points.push([x, 520 + Math.sin(x * 0.12 + phase) * 16 * Math.cos(x * 0.03)]);
  content
    .polyline(points)
    .stroke(0.5, 0.5, 0.5, 0.6)
    .line(255, 480, 460, 480)
    .fill(0.1, 0.1, 0.1)
    .text(260, 466, 9, org.signer);
  return buildPdf({ width: 595, height: 842, content: content.build() }, { title: `${t.title} ${org.name}`, created });
}

const INVOICE_TEXT: Record<Language, { title: string; customer: string; number: string; vat: string; total: string }> =
  {
    fr: { title: 'Facture', customer: 'Numéro client', number: 'Facture n°', vat: 'TVA 8.1 %', total: 'Total CHF' },
    de: { title: 'Rechnung', customer: 'Kundennummer', number: 'Rechnung Nr.', vat: 'MWST 8.1 %', total: 'Total CHF' },
    it: { title: 'Fattura', customer: 'Numero cliente', number: 'Fattura n.', vat: 'IVA 8.1 %', total: 'Totale CHF' },
    en: { title: 'Invoice', customer: 'Customer number', number: 'Invoice no.', vat: 'VAT 8.1 %', total: 'Total CHF' },
  };

/** Swiss amounts are written 1'234.50. */
export function chf(amount: number): string {
  const fixed = amount.toFixed(2);
  const dot = fixed.length - 3;
  let out = fixed.slice(dot);
  for (let end = dot; end > 0; end -= 3) out = (end - 3 > 0 ? "'" : '') + fixed.slice(Math.max(0, end - 3), end) + out;
  return out;
}

/** The provider's invoice, which customers upload although it proves no identity. */
export function invoicePdf(
  inv: { language: Language; recipient: string; street: string; city: string; customer: string; number: string },
  lines: readonly { label: string; amount: number }[],
  created: Date,
): Uint8Array {
  const t = INVOICE_TEXT[inv.language];
  const net = lines.reduce((s, l) => s + l.amount, 0);
  const vat = Math.round(net * 8.1) / 100;
  const content = new PdfContent()
    .fill(0.1, 0.1, 0.1)
    .text(60, 790, 14, 'Swiss Hosting Demo SA', true)
    .text(60, 774, 9, 'Seed data - not a real invoice')
    .text(340, 720, 10, inv.recipient)
    .text(340, 706, 10, inv.street)
    .text(340, 692, 10, inv.city)
    .text(60, 630, 18, t.title, true)
    .text(60, 606, 10, `${t.number} ${inv.number}`)
    .text(60, 592, 10, `${t.customer} ${inv.customer}`)
    .stroke(0.6, 0.6, 0.6, 0.5)
    .line(60, 570, 535, 570);
  lines.forEach((l, i) => {
    content.text(60, 550 - i * 18, 10, l.label).text(460, 550 - i * 18, 10, chf(l.amount));
  });
  const y = 540 - lines.length * 18;
  content
    .line(60, y, 535, y)
    .text(60, y - 18, 10, t.vat)
    .text(460, y - 18, 10, chf(vat))
    .text(60, y - 40, 11, t.total, true)
    .text(460, y - 40, 11, chf(net + vat), true);
  return buildPdf(
    { width: 595, height: 842, content: content.build() },
    { title: `${t.title} ${inv.number}`, created },
  );
}
