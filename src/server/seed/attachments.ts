/**
 * Files customers attach to tickets. At a million tickets a blob per
 * attachment would fill the database with copies of the same screenshot, so a
 * handful of shared blobs are made once and every ticket attachment points to
 * one of them (AttachmentMeta.id is the blob id); names vary per ticket.
 */
import type { AttachmentMeta, Language } from '../../shared/entities.js';
import { drawScreenshot, invoicePdf, jpegOf, pngOf, sha256Hex } from './documents.js';
import type { Rng } from './random.js';
import type { SeedDocumentRow } from './sink.js';
import type { CategoryId } from './vocab.js';

interface Blob {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly type: string;
  readonly names: readonly string[];
}

export interface TicketAttachments {
  readonly documents: readonly SeedDocumentRow[];
  /** 1-2 attachments fitting the ticket's category. */
  pick(rng: Rng, category: CategoryId, language: Language, day: string): AttachmentMeta[];
}

const SCREENSHOT_NAMES: Record<Language, string> = {
  fr: 'Capture d’écran {day}.png',
  de: 'Bildschirmfoto {day}.png',
  it: 'Schermata {day}.png',
  en: 'Screenshot {day}.png',
};

export function buildTicketAttachments(created: Date): TicketAttachments {
  const blobs: Blob[] = [
    {
      id: 'att-screenshot-503',
      bytes: pngOf(drawScreenshot('https://www.meier-treuhand.ch/', '503 SERVICE UNAVAILABLE')),
      type: 'image/png',
      names: ['screenshot.png', 'fehler.png'],
    },
    {
      id: 'att-screenshot-cert',
      bytes: pngOf(drawScreenshot('https://boulangerie-favre.ch/', 'YOUR CONNECTION IS NOT PRIVATE')),
      type: 'image/png',
      names: ['certificat.png', 'warnung.png'],
    },
    {
      id: 'att-photo-screen',
      bytes: jpegOf(drawScreenshot('https://webmail.example.ch/', '550 5.1.1 USER UNKNOWN'), 60),
      type: 'image/jpeg',
      names: ['IMG_4821.jpg', 'photo.jpg'],
    },
    {
      id: 'att-error-log',
      bytes: new TextEncoder().encode(
        '[error] PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted in /home/www/wp-includes/plugin.php on line 484\n' +
          "[error] AH01071: Got error 'Primary script unknown'\n",
      ),
      type: 'text/plain',
      names: ['error_log.txt', 'log.txt'],
    },
    {
      id: 'att-invoice',
      bytes: invoicePdf(
        {
          language: 'de',
          recipient: 'Meier Treuhand GmbH',
          street: 'Bahnhofstrasse 12',
          city: '8001 Zürich',
          customer: 'CH-104233',
          number: 'R-2026-048213',
        },
        [
          { label: 'Webhosting Pro (12 Monate)', amount: 239.4 },
          { label: 'Domain meier-treuhand.ch', amount: 19.9 },
        ],
        created,
      ),
      type: 'application/pdf',
      names: ['Rechnung.pdf', 'facture.pdf'],
    },
  ];
  // Hashed once here: hashing per attachment would cost seconds at a million tickets.
  const byId = new Map(blobs.map((b) => [b.id, { ...b, size: b.bytes.length, sha256: sha256Hex(b.bytes) }]));
  const forCategory = (category: CategoryId): readonly string[] => {
    switch (category) {
      case 'hosting':
        return ['att-screenshot-503', 'att-error-log'];
      case 'ssl':
        return ['att-screenshot-cert'];
      case 'email':
        return ['att-photo-screen', 'att-screenshot-503'];
      case 'billing':
        return ['att-invoice'];
      default:
        return ['att-screenshot-503', 'att-photo-screen'];
    }
  };
  return {
    documents: blobs.map((b) => ({ id: b.id, bytes: b.bytes })),
    pick(rng, category, language, day) {
      const ids = rng.sample(forCategory(category), rng.int(1, 2));
      return ids.map((id) => {
        const blob = byId.get(id);
        if (!blob) throw new Error(`unknown attachment blob ${id}`);
        const name =
          blob.type === 'image/png' && rng.chance(0.5)
            ? SCREENSHOT_NAMES[language].replace('{day}', day)
            : rng.pick(blob.names);
        return { id, declaredName: name, declaredType: blob.type, size: blob.size, sha256: blob.sha256 };
      });
    },
  };
}
