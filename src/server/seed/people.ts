/**
 * Customers: name pools (built once with faker's Swiss locales) and account
 * profiles derived from (seed, index) alone.
 *
 * A profile is a pure function of its index, so tickets and recovery requests
 * can re-derive "their" account's names, e-mails and domain without keeping
 * 200,000 account objects in memory.
 */
import { Faker, base, de, de_CH, en, fr, fr_CH, it } from '@faker-js/faker';
import type { Account, Language } from '../../shared/entities.js';
import { LANGUAGES } from '../../shared/entities.js';
import { Rng, STREAM, weighted } from './random.js';
import { FREEMAIL, LANGUAGE_WEIGHTS, MAILBOX_PARTS } from './vocab.js';

export interface PoolName {
  readonly name: string;
  /** ASCII form for e-mail addresses and domains ("Müller" -> "muller"). */
  readonly slug: string;
}

export interface NamePools {
  readonly first: Record<Language, readonly PoolName[]>;
  readonly last: Record<Language, readonly PoolName[]>;
}

export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const LOCALES = {
  fr: [fr_CH, fr, base],
  de: [de_CH, de, base],
  it: [it, base],
  en: [en, base],
} as const;

/** Distinct names from faker; called ~1,000 times per language, once per seed. */
function collect(draw: () => string, target: number): PoolName[] {
  const seen = new Map<string, PoolName>();
  for (let attempt = 0; attempt < target * 8 && seen.size < target; attempt++) {
    const name = draw();
    const slug = slugify(name);
    // Skip names that fold to nothing useful in an address (e.g. only punctuation).
    if (slug.length >= 2 && !seen.has(name)) seen.set(name, { name, slug });
  }
  return [...seen.values()];
}

export function buildNamePools(seed: number): NamePools {
  const first = {} as Record<Language, PoolName[]>;
  const last = {} as Record<Language, PoolName[]>;
  const rng = new Rng(seed, STREAM.pools);
  for (const lang of LANGUAGES) {
    const faker = new Faker({ locale: [...LOCALES[lang]] });
    faker.seed(rng.next());
    first[lang] = collect(() => faker.person.firstName(), 160);
    last[lang] = collect(() => faker.person.lastName(), 260);
  }
  return { first, last };
}

export interface Person {
  readonly language: Language;
  readonly firstName: string;
  readonly lastName: string;
  readonly firstSlug: string;
  readonly lastSlug: string;
  readonly email: string;
}

export type PriorityState = 'none' | 'active' | 'expired';

export interface AccountProfile extends Person {
  readonly index: number;
  readonly id: string;
  readonly type: 'individual' | 'organisation';
  readonly organisationName: string | null;
  readonly customerNumber: string;
  /** The customer's main domain, used in ticket texts and recovery forms. */
  readonly domain: string;
  readonly emails: readonly string[];
  readonly priority: PriorityState;
  readonly prioritySupportUntil: string | null;
}

const ORG_PATTERNS: Record<Language, readonly ((last: string, rng: Rng) => [string, string])[]> = {
  fr: [
    (l, r) => [
      `${r.pick(['Boulangerie', 'Garage', 'Fiduciaire', 'Menuiserie', 'Pharmacie', 'Atelier', 'Imprimerie', 'Auto-école'])} ${l}`,
      r.pick(['SA', 'Sàrl']),
    ],
    (l, r) => [`${l} & Fils`, r.pick(['SA', 'Sàrl'])],
    (l) => [`Cabinet dentaire ${l}`, 'Sàrl'],
  ],
  de: [
    (l, r) => [
      `${l} ${r.pick(['Treuhand', 'Bau', 'Elektro', 'Immobilien', 'Informatik', 'Gartenbau', 'Transport'])}`,
      r.pick(['AG', 'GmbH']),
    ],
    (l, r) => [
      `${r.pick(['Schreinerei', 'Bäckerei', 'Metzgerei', 'Malerei', 'Zahnarztpraxis', 'Sanitär'])} ${l}`,
      r.pick(['AG', 'GmbH']),
    ],
    (l) => [`${l} & Partner`, 'AG'],
  ],
  it: [
    (l, r) => [
      `${r.pick(['Panetteria', 'Fiduciaria', 'Ristorante', 'Studio legale', 'Garage', 'Farmacia', 'Edilizia'])} ${l}`,
      r.pick(['SA', 'Sagl']),
    ],
    (l) => [`${l} & Figli`, 'SA'],
  ],
  en: [
    (l, r) => [
      `${l} ${r.pick(['Consulting', 'Software', 'Design Studio', 'Trading', 'Ventures'])}`,
      r.pick(['AG', 'GmbH']),
    ],
  ],
};

const TLD = weighted([
  ['.ch', 80],
  ['.swiss', 8],
  ['.com', 12],
]);
const EMAIL_COUNT = weighted([
  [1, 55],
  [2, 33],
  [3, 12],
]);

/** Today and other days as YYYY-MM-DD, counted from today's date in Zurich. */
export type DayFromToday = (offset: number) => string;

export class People {
  constructor(
    private readonly seed: number,
    private readonly pools: NamePools,
    private readonly dayFromToday: DayFromToday,
  ) {}

  /** A person without an account (e-mail tickets from prospects, recovery requests of unknown people). */
  guest(index: number): Person {
    const rng = new Rng(this.seed, STREAM.guest, index);
    const language = rng.choose(LANGUAGE_WEIGHTS);
    const first = rng.pick(this.pools.first[language]);
    const last = rng.pick(this.pools.last[language]);
    const email = `${first.slug}.${last.slug}${rng.chance(0.4) ? String(rng.int(1, 99)) : ''}@${rng.pick(FREEMAIL)}`;
    return { language, firstName: first.name, lastName: last.name, firstSlug: first.slug, lastSlug: last.slug, email };
  }

  account(index: number): AccountProfile {
    const rng = new Rng(this.seed, STREAM.account, index);
    const language = rng.choose(LANGUAGE_WEIGHTS);
    const first = rng.pick(this.pools.first[language]);
    const last = rng.pick(this.pools.last[language]);
    const isOrg = rng.chance(0.25);
    let organisationName: string | null = null;
    let domain: string;
    if (isOrg) {
      const [core, legal] = rng.pick(ORG_PATTERNS[language])(last.name, rng);
      organisationName = `${core} ${legal}`;
      domain = slugify(core.replace('&', ''));
    } else {
      domain = rng.pick([
        `${first.slug}-${last.slug}`,
        last.slug,
        `${last.slug}-${first.slug}`,
        `atelier-${last.slug}`,
      ]);
    }
    domain += rng.choose(TLD);

    const personal = `${first.slug}.${last.slug}`;
    // Built one by one: this runs once per ticket at scale, so no throwaway arrays or sets.
    const emailCount = rng.choose(EMAIL_COUNT);
    const emails = [isOrg ? `${rng.pick(MAILBOX_PARTS[language])}@${domain}` : `${personal}@${rng.pick(FREEMAIL)}`];
    if (emailCount >= 2) emails.push(isOrg ? `${personal}@${domain}` : `${first.slug}@${domain}`);
    if (emailCount >= 3) {
      emails.push(isOrg ? `${personal}@${rng.pick(FREEMAIL)}` : `${first.slug}${last.slug}${rng.int(1, 99)}@gmail.com`);
    }

    let priority: PriorityState = 'none';
    let prioritySupportUntil: string | null = null;
    if (rng.chance(0.2)) {
      if (rng.chance(0.8)) {
        priority = 'active';
        // A few end today: still entitled until midnight in Zurich, a boundary the console must get right.
        prioritySupportUntil = this.dayFromToday(rng.chance(0.04) ? 0 : rng.int(1, 720));
      } else {
        priority = 'expired';
        prioritySupportUntil = this.dayFromToday(rng.chance(0.3) ? -1 : -rng.int(2, 500));
      }
    }
    return {
      index,
      id: accountId(index),
      type: isOrg ? 'organisation' : 'individual',
      language,
      firstName: first.name,
      lastName: last.name,
      firstSlug: first.slug,
      lastSlug: last.slug,
      email: emails[0] ?? `${personal}@bluewin.ch`,
      organisationName,
      // Blocks of three keep numbers unique while not looking sequential.
      customerNumber: `CH-${100000 + index * 3 + rng.int(0, 2)}`,
      domain,
      emails,
      priority,
      prioritySupportUntil,
    };
  }
}

export function accountId(index: number): string {
  return `acc-${String(index + 1).padStart(7, '0')}`;
}

export function accountRecord(p: AccountProfile, version: number, updatedAt: string): Account {
  return {
    id: p.id,
    type: p.type,
    customerNumber: p.customerNumber,
    firstName: p.firstName,
    lastName: p.lastName,
    organisationName: p.organisationName,
    registeredEmails: [...p.emails],
    language: p.language,
    prioritySupportUntil: p.prioritySupportUntil,
    version,
    updatedAt,
  };
}
