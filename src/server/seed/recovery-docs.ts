/**
 * The files attached to a recovery request: what a real requester sends
 * (ID card photo, passport scan, company stamp with signature), what they
 * should not (an invoice "as proof"), and files whose name lies about their
 * format (a PNG saved as "id.pdf") so the checklist's byte sniffing has work.
 */
import type { AttachmentMeta, DOCUMENT_KINDS, Language } from '../../shared/entities.js';
import type { RealType } from './documents.js';
import {
  EXTENSION,
  attachmentMeta,
  chf,
  drawIdCard,
  drawPassport,
  drawStamp,
  gifOf,
  invoicePdf,
  jpegOf,
  pngOf,
  scanPdf,
  stampPdf,
} from './documents.js';
import type { Rng, Weighted } from './random.js';
import { weighted } from './random.js';
import type { SeedDocumentRow } from './sink.js';

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface Requester {
  readonly language: Language;
  readonly firstName: string;
  readonly lastName: string;
  readonly organisationName: string;
  readonly customerNumber: string;
  readonly street: string;
  readonly city: string;
}

export interface MadeDocument {
  readonly meta: AttachmentMeta;
  readonly row: SeedDocumentRow;
  readonly kind: DocumentKind;
  readonly realType: RealType;
  /** True when the declared name/type says another format than the bytes. */
  readonly mismatched: boolean;
}

// JPEG is what phones produce, but jpeg-js costs ~100 ms per file, so it is
// kept to a share that still gives every demo a few dozen of them.
const ID_FORMATS = weighted<RealType>([
  ['image/png', 45],
  ['image/jpeg', 30],
  ['image/gif', 12],
  ['application/pdf', 13],
]);
const PASSPORT_FORMATS = weighted<RealType>([
  ['image/jpeg', 50],
  ['application/pdf', 50],
]);
const STAMP_FORMATS = weighted<RealType>([
  ['application/pdf', 55],
  ['image/png', 45],
]);

const BASE_NAMES: Record<DocumentKind, Record<Language, string>> = {
  id_card: { fr: 'carte-identite', de: 'ID_Ausweis', it: 'carta-identita', en: 'id-card' },
  passport: { fr: 'passeport', de: 'Pass', it: 'passaporto', en: 'passport' },
  company_stamp_signature: {
    fr: 'cachet_signature',
    de: 'Stempel_Unterschrift',
    it: 'timbro_firma',
    en: 'stamp_signature',
  },
  invoice: { fr: 'facture', de: 'Rechnung', it: 'fattura', en: 'invoice' },
  other: { fr: 'document', de: 'Dokument', it: 'documento', en: 'document' },
};

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function documentNumber(rng: Rng, prefix: string): string {
  let out = prefix;
  for (let i = 0; i < 7; i++) out += ALNUM.charAt(rng.int(0, ALNUM.length - 1));
  return out;
}

function identity(rng: Rng, who: Requester, prefix: string): Parameters<typeof drawIdCard>[0] {
  const pad2 = (v: number): string => String(v).padStart(2, '0');
  return {
    firstName: who.firstName,
    lastName: who.lastName,
    birthDate: `${pad2(rng.int(1, 28))}.${pad2(rng.int(1, 12))}.${rng.int(1950, 2004)}`,
    documentNumber: documentNumber(rng, prefix),
    expiry: `${pad2(rng.int(1, 28))}.${pad2(rng.int(1, 12))}.${rng.int(2026, 2035)}`,
  };
}

function bytesFor(
  rng: Rng,
  kind: DocumentKind,
  who: Requester,
  created: Date,
  formats: Weighted<RealType>,
): [RealType, Uint8Array] {
  switch (kind) {
    case 'passport': {
      const type = rng.choose(formats);
      const page = drawPassport(identity(rng, who, 'X'), rng);
      return [type, type === 'application/pdf' ? scanPdf(page, 'Scan', created) : jpegOf(page)];
    }
    case 'company_stamp_signature': {
      const type = rng.choose(formats);
      const signer = `${who.firstName} ${who.lastName}`;
      if (type === 'application/pdf') {
        const org = {
          name: who.organisationName,
          street: who.street,
          city: who.city,
          signer,
          customer: who.customerNumber,
        };
        return [type, stampPdf({ ...org, language: who.language }, rng, created)];
      }
      const place = `${who.city.replace(/^\d+ /, '')}, ${created.toISOString().slice(0, 10)}`;
      return ['image/png', pngOf(drawStamp(who.organisationName, signer, place, rng))];
    }
    case 'invoice': {
      const amount = rng.int(1990, 59000) / 100;
      const inv = {
        language: who.language,
        recipient: who.organisationName || `${who.firstName} ${who.lastName}`,
        street: who.street,
        city: who.city,
        customer: who.customerNumber || 'CH-100000',
        number: `R-${created.getUTCFullYear()}-${String(rng.int(10000, 999999)).padStart(6, '0')}`,
      };
      const label = rng.pick(['Webhosting Pro', 'Mail Pro', 'Domain .ch', 'Managed WordPress']);
      return ['application/pdf', invoicePdf(inv, [{ label: `${label} (${chf(amount)})`, amount }], created)];
    }
    default: {
      const type = rng.choose(formats);
      const card = drawIdCard(identity(rng, who, 'C'), rng);
      if (type === 'image/png') return [type, pngOf(card)];
      if (type === 'image/gif') return [type, gifOf(card)];
      if (type === 'application/pdf') return [type, scanPdf(card, 'ID', created)];
      return ['image/jpeg', jpegOf(card)];
    }
  }
}

/** A declared type that contradicts the bytes, the way phones and users rename files. */
const LIES: Record<RealType, RealType> = {
  'image/png': 'application/pdf',
  'image/jpeg': 'image/png',
  'image/gif': 'image/jpeg',
  'application/pdf': 'image/jpeg',
};

export function makeDocument(
  rng: Rng,
  id: string,
  kind: DocumentKind,
  who: Requester,
  created: Date,
  mismatch: boolean,
): MadeDocument {
  const formats =
    kind === 'passport' ? PASSPORT_FORMATS : kind === 'company_stamp_signature' ? STAMP_FORMATS : ID_FORMATS;
  const [realType, bytes] = bytesFor(rng, kind, who, created, formats);
  const declaredType = mismatch ? LIES[realType] : realType;
  const stem =
    realType === 'image/jpeg' && !mismatch && rng.chance(0.4)
      ? `IMG_${created.toISOString().slice(0, 10).replaceAll('-', '')}_${String(rng.int(1000, 9999))}`
      : BASE_NAMES[kind][who.language];
  const ext = EXTENSION[declaredType];
  const declaredName = `${stem}.${rng.chance(0.15) ? ext.toUpperCase() : ext}`;
  return {
    meta: attachmentMeta(id, declaredName, declaredType, bytes),
    row: { id, bytes },
    kind,
    realType,
    mismatched: mismatch,
  };
}
