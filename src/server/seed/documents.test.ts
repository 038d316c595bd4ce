import { decode as decodeJpeg } from 'jpeg-js';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AttachmentMeta } from '../../shared/entities.js';
import type { CollectedSeed } from './collecting-sink.js';
import { collectSeed } from './collecting-sink.js';
import { chf, invoicePdf, sha256Hex } from './documents.js';
import { toFontText } from './font.js';

type Sniffed = 'application/pdf' | 'image/png' | 'image/jpeg' | 'image/gif' | 'text/plain' | 'unknown';

/** By magic number, the way the console's checklist must judge a file. */
function sniff(b: Uint8Array): Sniffed {
  const head = Buffer.from(b.subarray(0, 8));
  if (head.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (head.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.subarray(0, 6).toString('latin1') === 'GIF89a') return 'image/gif';
  if (b.every((c) => c === 0x0a || (c >= 0x20 && c < 0x7f))) return 'text/plain';
  return 'unknown';
}

const EXT: Record<string, string> = { pdf: 'application/pdf', png: 'image/png', jpg: 'image/jpeg', gif: 'image/gif' };

let seed: CollectedSeed;
let docs: AttachmentMeta[];

beforeAll(() => {
  seed = collectSeed({
    seed: 9,
    now: new Date('2026-03-16T09:30:00.000Z'),
    tickets: 300,
    accounts: 120,
    recoveries: 80,
  });
  docs = seed.recoveries.flatMap((r) => r.documents);
});

describe('seed documents', () => {
  it('are real files of the four accepted formats, each under 60 KB', () => {
    const kinds = new Set<Sniffed>();
    for (const d of docs) {
      const bytes = seed.documents.get(d.id);
      expect(bytes, d.id).toBeDefined();
      const real = sniff(bytes ?? new Uint8Array());
      expect(['application/pdf', 'image/png', 'image/jpeg', 'image/gif']).toContain(real);
      kinds.add(real);
      expect(bytes?.length).toBeLessThan(60_000);
    }
    expect(kinds.size).toBe(4);
  });

  it('match their declared size and sha256, tickets’ attachments included', () => {
    const ticketFiles = seed.tickets.flatMap((t) => t.attachments);
    expect(ticketFiles.length).toBeGreaterThan(0);
    for (const d of [...docs, ...ticketFiles]) {
      const bytes = seed.documents.get(d.id) ?? new Uint8Array();
      expect(d.size).toBe(bytes.length);
      expect(d.sha256).toBe(sha256Hex(bytes));
    }
  });

  it('declare their real type, except a deliberate few that lie', () => {
    let lies = 0;
    for (const d of docs) {
      const real = sniff(seed.documents.get(d.id) ?? new Uint8Array());
      const ext = EXT[d.declaredName.split('.').pop()?.toLowerCase() ?? ''];
      expect(ext).toBe(d.declaredType);
      if (d.declaredType !== real) lies++;
    }
    expect(lies).toBeGreaterThan(0);
    expect(lies / docs.length).toBeLessThan(0.2);
  });

  it('decode with real parsers', async () => {
    for (const d of docs) {
      const bytes = seed.documents.get(d.id) ?? new Uint8Array();
      switch (sniff(bytes)) {
        case 'application/pdf': {
          const pdf = await PDFDocument.load(bytes);
          expect(pdf.getPageCount()).toBe(1);
          break;
        }
        case 'image/png':
          expect(PNG.sync.read(Buffer.from(bytes)).width).toBeGreaterThan(100);
          break;
        case 'image/jpeg':
          expect(decodeJpeg(bytes, { useTArray: true }).width).toBeGreaterThan(100);
          break;
        case 'image/gif':
          expect(bytes[bytes.length - 1]).toBe(0x3b);
          break;
        default:
          throw new Error(`unexpected format for ${d.id}`);
      }
    }
  });

  it('include invoices posing as identity documents and requests without any file', () => {
    expect(docs.some((d) => /^(facture|Rechnung|fattura|invoice)\./.test(d.declaredName))).toBe(true);
    expect(seed.recoveries.some((r) => r.documents.length === 0)).toBe(true);
    const orgs = new Set(seed.accounts.filter((a) => a.type === 'organisation').map((a) => a.id));
    const stamps = seed.recoveries.filter(
      (r) =>
        orgs.has(r.matchedAccountId ?? '') &&
        r.documents.some((d) => /^(cachet|Stempel|timbro|stamp)_/.test(d.declaredName)),
    );
    expect(stamps.length).toBeGreaterThan(0);
  });

  it('writes invoices with the title and Swiss amounts as text', async () => {
    const bytes = invoicePdf(
      {
        language: 'de',
        recipient: 'Meier Treuhand GmbH',
        street: 'Bahnhofstrasse 1',
        city: '8001 Zürich',
        customer: 'CH-104233',
        number: 'R-1',
      },
      [{ label: 'Webhosting Pro', amount: 1190.4 }],
      new Date('2026-01-05T10:00:00.000Z'),
    );
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('(Rechnung)');
    expect(text).toContain("(1'190.40)");
    expect(text).toContain('Z\\374rich'); // ü in WinAnsi
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getTitle()).toBe('Rechnung R-1');
    expect(pdf.getCreationDate()?.toISOString()).toBe('2026-01-05T10:00:00.000Z');
  });

  it('formats amounts and folds accents the Swiss way', () => {
    expect([0, 9.9, 1234.5, 1234567.8].map(chf)).toEqual(['0.00', '9.90', "1'234.50", "1'234'567.80"]);
    expect(toFontText('Léa Müller-Rossi')).toBe('LEA MULLER-ROSSI');
  });
});
