/**
 * Fixed vocabulary of the provider: categories, products, the error messages
 * customers paste into tickets, Swiss places and phone numbers. Kept apart from
 * the sentence templates (texts-*.ts) so those stay readable.
 */
import type { Language } from '../../shared/entities.js';
import type { Rng } from './random.js';
import { pad, weighted } from './random.js';

export const CATEGORY_IDS = [
  'domains',
  'hosting',
  'email',
  'ssl',
  'billing',
  'account-access',
  'termination',
  'website-builder',
  'other',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

export const CATEGORY_NAMES: Record<CategoryId, Record<Language, string>> = {
  domains: { fr: 'Domaines', de: 'Domains', it: 'Domini', en: 'Domains' },
  hosting: { fr: 'Hébergement', de: 'Hosting', it: 'Hosting', en: 'Hosting' },
  email: { fr: 'E-mail', de: 'E-Mail', it: 'E-mail', en: 'E-mail' },
  ssl: { fr: 'Certificats SSL', de: 'SSL-Zertifikate', it: 'Certificati SSL', en: 'SSL certificates' },
  billing: { fr: 'Facturation', de: 'Rechnungen', it: 'Fatturazione', en: 'Billing' },
  'account-access': {
    fr: 'Accès au compte',
    de: 'Kontozugang',
    it: 'Accesso al conto',
    en: 'Account access',
  },
  termination: { fr: 'Résiliation', de: 'Kündigung', it: 'Disdetta', en: 'Termination' },
  'website-builder': {
    fr: 'Créateur de site',
    de: 'Website-Baukasten',
    it: 'Creatore di siti',
    en: 'Website builder',
  },
  other: { fr: 'Autre', de: 'Anderes', it: 'Altro', en: 'Other' },
};

/** Share of tickets per category: mail and hosting dominate a hoster's queue. */
export const CATEGORY_WEIGHTS = weighted<CategoryId>([
  ['email', 22],
  ['hosting', 20],
  ['domains', 15],
  ['billing', 12],
  ['ssl', 8],
  ['account-access', 8],
  ['website-builder', 6],
  ['other', 5],
  ['termination', 4],
]);

/** German-speaking customers are the majority, as in the Swiss market. */
export const LANGUAGE_WEIGHTS = weighted<Language>([
  ['de', 55],
  ['fr', 28],
  ['it', 9],
  ['en', 8],
]);

export const ERRORS: Record<CategoryId, readonly string[]> = {
  domains: [
    'DNS_PROBE_FINISHED_NXDOMAIN',
    'SERVFAIL',
    'NXDOMAIN',
    'Transfer rejected: invalid auth code',
    'Nameserver ns2.swizzonic.ch not responding',
  ],
  hosting: [
    'HTTP 500 Internal Server Error',
    '503 Service Unavailable',
    'Error establishing a database connection',
    'PHP Fatal error: Allowed memory size of 134217728 bytes exhausted',
    '403 Forbidden',
    '504 Gateway Time-out',
  ],
  email: [
    '550 5.1.1 User unknown',
    '554 5.7.1 Message rejected as spam',
    '535 5.7.8 Authentication credentials invalid',
    '452 4.2.2 Mailbox full',
    'SMTP connection timed out (port 587)',
  ],
  ssl: [
    'NET::ERR_CERT_DATE_INVALID',
    'SSL_ERROR_BAD_CERT_DOMAIN',
    'ERR_SSL_PROTOCOL_ERROR',
    'NET::ERR_CERT_COMMON_NAME_INVALID',
    "Let's Encrypt: challenge failed",
  ],
  billing: ['payment declined (code 05)', 'QR-bill reference invalid', 'double debit'],
  'account-access': [
    'Too many login attempts (error 429)',
    '2FA code rejected',
    'Reset link expired',
    'Session expired (error 401)',
  ],
  termination: ['-'],
  'website-builder': [
    'Publishing failed (error WB-502)',
    'Editor stuck on "Loading..."',
    'Image upload failed: file too large',
  ],
  other: ['-'],
};

export const PRODUCTS = [
  'Webhosting Start',
  'Webhosting Pro',
  'Webhosting Business',
  'Mail Basic',
  'Mail Pro',
  'Managed WordPress',
  'Homepage Baukasten',
  'Virtual Server V2',
  'Priority Support',
] as const;

export const CMS = ['WordPress', 'Joomla', 'TYPO3', 'Drupal', 'PrestaShop', 'Contao'] as const;

/** Mailbox local parts customers create for their domain, per language. */
export const MAILBOX_PARTS: Record<Language, readonly string[]> = {
  fr: ['info', 'contact', 'compta', 'reservation', 'secretariat', 'bureau'],
  de: ['info', 'kontakt', 'buchhaltung', 'office', 'verkauf', 'praxis'],
  it: ['info', 'contatto', 'amministrazione', 'ufficio', 'vendite'],
  en: ['info', 'hello', 'office', 'sales', 'accounts'],
};

export const FREEMAIL = [
  'bluewin.ch',
  'gmx.ch',
  'sunrise.ch',
  'hispeed.ch',
  'gmail.com',
  'outlook.com',
  'protonmail.ch',
];

export interface Place {
  readonly postalCode: string;
  readonly city: string;
}

export const PLACES: Record<Language, readonly Place[]> = {
  fr: [
    { postalCode: '1003', city: 'Lausanne' },
    { postalCode: '1201', city: 'Genève' },
    { postalCode: '2000', city: 'Neuchâtel' },
    { postalCode: '1700', city: 'Fribourg' },
    { postalCode: '1950', city: 'Sion' },
    { postalCode: '1400', city: 'Yverdon-les-Bains' },
    { postalCode: '1820', city: 'Montreux' },
    { postalCode: '2300', city: 'La Chaux-de-Fonds' },
    { postalCode: '1260', city: 'Nyon' },
    { postalCode: '2800', city: 'Delémont' },
  ],
  de: [
    { postalCode: '8001', city: 'Zürich' },
    { postalCode: '3011', city: 'Bern' },
    { postalCode: '4051', city: 'Basel' },
    { postalCode: '6003', city: 'Luzern' },
    { postalCode: '9000', city: 'St. Gallen' },
    { postalCode: '8400', city: 'Winterthur' },
    { postalCode: '5000', city: 'Aarau' },
    { postalCode: '6300', city: 'Zug' },
    { postalCode: '7000', city: 'Chur' },
    { postalCode: '2502', city: 'Biel/Bienne' },
    { postalCode: '8200', city: 'Schaffhausen' },
  ],
  it: [
    { postalCode: '6900', city: 'Lugano' },
    { postalCode: '6500', city: 'Bellinzona' },
    { postalCode: '6600', city: 'Locarno' },
    { postalCode: '6850', city: 'Mendrisio' },
    { postalCode: '6830', city: 'Chiasso' },
    { postalCode: '6710', city: 'Biasca' },
  ],
  en: [
    { postalCode: '8002', city: 'Zürich' },
    { postalCode: '1202', city: 'Genève' },
    { postalCode: '6300', city: 'Zug' },
    { postalCode: '4052', city: 'Basel' },
  ],
};

export const STREETS: Record<Language, readonly string[]> = {
  fr: ['Rue du Lac', 'Avenue de la Gare', 'Chemin des Vignes', 'Rue du Marché', 'Route de Berne', 'Rue de la Poste'],
  de: ['Bahnhofstrasse', 'Hauptstrasse', 'Dorfstrasse', 'Seestrasse', 'Kirchweg', 'Industriestrasse', 'Gartenweg'],
  it: ['Via Cantonale', 'Via San Gottardo', 'Via Nassa', 'Via Lugano', 'Piazza Grande', 'Via alla Chiesa'],
  en: ['Bahnhofstrasse', 'Rue du Rhône', 'Seefeldstrasse', 'Baarerstrasse'],
};

/** Area codes of Swiss landlines and the mobile prefixes. */
const LANDLINE_AREAS: Record<Language, readonly string[]> = {
  fr: ['21', '22', '24', '26', '27', '32'],
  de: ['44', '31', '61', '41', '71', '52', '62'],
  it: ['91'],
  en: ['44', '22', '41'],
};
const MOBILE = ['76', '77', '78', '79'];

/**
 * A Swiss phone number written the way customers type it: spaced national
 * (079 123 45 67), international (+41 44 668 18 00), compact (+41791234567)
 * or with the 0041 prefix.
 */
export function swissPhone(rng: Rng, language: Language): string {
  const prefix = rng.chance(0.6) ? rng.pick(MOBILE) : rng.pick(LANDLINE_AREAS[language]);
  const a = pad(rng.int(100, 999), 3);
  const b = pad(rng.int(0, 99), 2);
  const c = pad(rng.int(0, 99), 2);
  switch (rng.int(0, 4)) {
    case 0:
    case 1:
      return `0${prefix} ${a} ${b} ${c}`;
    case 2:
      return `+41 ${prefix} ${a} ${b} ${c}`;
    case 3:
      return `+41${prefix}${a}${b}${c}`;
    default:
      return `0041 ${prefix} ${a} ${b} ${c}`;
  }
}
