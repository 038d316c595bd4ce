/**
 * Ticket and message text: per-language template sets (texts-*.ts) compiled
 * once into literal/variable parts, so rendering a million bodies is string
 * concatenation, not regex replacement.
 */
import type { Language } from '../../shared/entities.js';
import { DE } from './texts-de.js';
import { EN } from './texts-en.js';
import { FR } from './texts-fr.js';
import { IT } from './texts-it.js';
import type { CategoryId } from './vocab.js';
import { CATEGORY_IDS } from './vocab.js';

export const VARS = [
  'first',
  'last',
  'domain',
  'mailbox',
  'error',
  'invoice',
  'amount',
  'product',
  'cms',
  'customer',
  'subject',
  'agent',
] as const;
export type Var = (typeof VARS)[number];
export type Values = Record<Var, string>;
export const EMPTY_VALUES: Values = Object.fromEntries(VARS.map((v) => [v, ''])) as Values;

export interface CategoryTexts {
  readonly subjects: readonly string[];
  /** The core paragraph of a portal or e-mail ticket. */
  readonly bodies: readonly string[];
  /** One-line chat openers (chat is for simple requests). */
  readonly chat: readonly string[];
}

/** What a translator fills in per language; `{var}` marks a variable part. */
export interface LanguageTexts {
  readonly categories: Record<CategoryId, CategoryTexts>;
  readonly greetings: readonly string[];
  /** Closing line and signature. */
  readonly closings: readonly string[];
  /** Prefix of tickets an agent typed during a phone call. */
  readonly phoneIntro: readonly string[];
  /** Chat messages asking to cancel the contract, which the provider never accepts by chat. */
  readonly chatTermination: readonly string[];
  readonly duplicateSubject: readonly string[];
  /** First lines of a ticket filed again minutes after the first one. */
  readonly duplicateIntro: readonly string[];
  readonly replies: readonly string[];
  readonly customerFollowUps: readonly string[];
  readonly notes: readonly string[];
}

export interface Template {
  /** Literal, variable, literal, ... (always odd length). */
  readonly literals: readonly string[];
  readonly vars: readonly Var[];
  /** Bit `VARS.indexOf(v)` set for each variable used, so callers compute only those. */
  readonly mask: number;
}

export function varBit(v: Var): number {
  return 1 << VARS.indexOf(v);
}

const VAR_SET = new Set<string>(VARS);

export function compile(text: string): Template {
  const pieces = text.split(/\{(\w+)\}/);
  const literals: string[] = [];
  const vars: Var[] = [];
  pieces.forEach((piece, i) => {
    if (i % 2 === 0) literals.push(piece);
    else if (VAR_SET.has(piece)) vars.push(piece as Var);
    else throw new Error(`unknown template variable {${piece}} in "${text}"`);
  });
  return { literals, vars, mask: vars.reduce((m, v) => m | varBit(v), 0) };
}

export function render(t: Template, values: Values): string {
  let out = t.literals[0] ?? '';
  for (let i = 0; i < t.vars.length; i++) {
    out += values[t.vars[i] as Var];
    out += t.literals[i + 1] ?? '';
  }
  return out;
}

export type Compiled<T> = {
  readonly [K in keyof T]: T[K] extends readonly string[] ? readonly Template[] : Compiled<T[K]>;
};
export type CompiledTexts = Compiled<LanguageTexts>;

function compileTexts(t: LanguageTexts): CompiledTexts {
  const list = (xs: readonly string[]): readonly Template[] => {
    if (xs.length === 0) throw new Error('empty template list');
    return xs.map(compile);
  };
  const categories = {} as Record<CategoryId, Compiled<CategoryTexts>>;
  for (const id of CATEGORY_IDS) {
    const c = t.categories[id];
    categories[id] = { subjects: list(c.subjects), bodies: list(c.bodies), chat: list(c.chat) };
  }
  return {
    categories,
    greetings: list(t.greetings),
    closings: list(t.closings),
    phoneIntro: list(t.phoneIntro),
    chatTermination: list(t.chatTermination),
    duplicateSubject: list(t.duplicateSubject),
    duplicateIntro: list(t.duplicateIntro),
    replies: list(t.replies),
    customerFollowUps: list(t.customerFollowUps),
    notes: list(t.notes),
  };
}

/** Compiled at import: a typo in a template fails the first test, not a demo. */
export const TEXTS: Record<Language, CompiledTexts> = {
  fr: compileTexts(FR),
  de: compileTexts(DE),
  it: compileTexts(IT),
  en: compileTexts(EN),
};
