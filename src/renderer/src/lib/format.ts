/** Display formatting: sizes, dates and times in Europe/Zurich, in the UI language. */
import type { UiLanguage } from '../../../shared/ipc.js';

export const ZURICH = 'Europe/Zurich';

/** Swiss variants of each UI language, so 24-hour time and Swiss date order apply. */
const LOCALES: Record<UiLanguage, string> = { fr: 'fr-CH', de: 'de-CH', en: 'en-CH' };

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;
const UNIT_LABELS: Record<UiLanguage, readonly string[]> = {
  fr: ['o', 'Ko', 'Mo', 'Go'],
  de: ['B', 'KB', 'MB', 'GB'],
  en: UNITS,
};

/** 1 KB = 1024 B, as file managers show attachment sizes. */
export function formatBytes(size: number, language: UiLanguage): string {
  const labels = UNIT_LABELS[language];
  let value = size;
  let unit = 0;
  while (value >= 1024 && unit < labels.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: digits }).format(value);
  return `${number} ${labels[unit] ?? ''}`;
}

const countFormats = new Map<UiLanguage, Intl.NumberFormat>();

/** Counts as the Swiss write them in each language: 1 000 000 (fr-CH), 1'000'000 (de-CH, en-CH). */
export function formatCount(value: number, language: UiLanguage): string {
  let f = countFormats.get(language);
  if (!f) {
    f = new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 0 });
    countFormats.set(language, f);
  }
  return f.format(value);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are costly to build; the queue formats hundreds of dates per scroll. */
function formatter(language: UiLanguage, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[language], { ...options, timeZone: ZURICH });
    formatters.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string, language: UiLanguage): string {
  return formatter(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A calendar day such as Priority Support's last day: no time zone shift may move it. */
export function formatDay(day: string, language: UiLanguage): string {
  const [y, m, d] = day.split('-').map(Number);
  const noonUtc = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  return formatter(language, { dateStyle: 'long' }).format(noonUtc);
}

function zurichDay(date: Date): string {
  return formatter('en', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Queue rows: the time for today (Zurich), else a short date. */
export function formatShort(iso: string, language: UiLanguage, now: Date): string {
  const date = new Date(iso);
  if (zurichDay(date) === zurichDay(now)) return formatter(language, { timeStyle: 'short' }).format(date);
  return formatter(language, { day: 'numeric', month: 'short' }).format(date);
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function relative(
  language: UiLanguage,
  numeric: 'always' | 'auto',
  style: 'short' | 'long' = 'short',
): Intl.RelativeTimeFormat {
  const key = `${language}|${numeric}|${style}`;
  let f = relativeFormats.get(key);
  if (!f) {
    f = new Intl.RelativeTimeFormat(LOCALES[language], { numeric, style });
    relativeFormats.set(key, f);
  }
  return f;
}

/**
 * How long ago, in the largest unit that fits ("il y a 3 h", "vor 2 Tagen", "5 min ago"): what an agent
 * weighs when choosing whom to serve, without reading a date. Under a minute: "maintenant".
 */
export function formatAge(iso: string, language: UiLanguage, now: Date): string {
  const ms = Math.max(0, now.getTime() - Date.parse(iso));
  if (ms < MINUTE_MS) return relative(language, 'auto').format(0, 'second');
  const short = relative(language, 'always');
  if (ms < HOUR_MS) return short.format(-Math.floor(ms / MINUTE_MS), 'minute');
  if (ms < DAY_MS) return short.format(-Math.floor(ms / HOUR_MS), 'hour');
  // Days and longer in words: the short French month ("m.") reads like minutes.
  const long = relative(language, 'always', 'long');
  const days = Math.floor(ms / DAY_MS);
  if (days < 30) return long.format(-days, 'day');
  if (days < 365) return long.format(-Math.floor(days / 30), 'month');
  return long.format(-Math.floor(days / 365), 'year');
}

/** More than a day since `iso`. */
export function olderThanADay(iso: string, now: Date): boolean {
  return now.getTime() - Date.parse(iso) > DAY_MS;
}
