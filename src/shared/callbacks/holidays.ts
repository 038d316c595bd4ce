/**
 * Public holidays as data: the Swiss set of the `date-holidays` library
 * (its national list) plus, when configured, the public holidays of one or
 * more cantons, and any extra days a provider adds (company closures).
 * Only holidays of type "public" close the phone line: "optional" and
 * "observance" days (Berchtoldstag in some cantons, Mother's Day) do not.
 */
import Holidays from 'date-holidays';

/** The 26 cantons, as date-holidays names them (ISO 3166-2:CH). */
export const CANTONS = [
  'AG', 'AI', 'AR', 'BE', 'BL', 'BS', 'FR', 'GE', 'GL', 'GR', 'JU', 'LU', 'NE',
  'NW', 'OW', 'SG', 'SH', 'SO', 'SZ', 'TG', 'TI', 'UR', 'VD', 'VS', 'ZG', 'ZH',
] as const; // prettier-ignore
export type Canton = (typeof CANTONS)[number];

export interface HolidayConfig {
  /** Cantons whose public holidays also close the desk (the federal set always does). */
  cantons: readonly Canton[];
  /** Extra closed days, e.g. "2026-12-24". */
  extraDays: readonly string[];
}

export const FEDERAL_ONLY: HolidayConfig = { cantons: [], extraDays: [] };

/** Anything that answers "is this Zurich day a holiday?" (a Set<string> of ISO days does). */
export interface HolidayLookup {
  has(day: string): boolean;
}

const perYear = new Map<string, ReadonlySet<string>>();

function publicDays(region: Canton | null, year: number): ReadonlySet<string> {
  const key = `${region ?? 'CH'}|${year}`;
  let days = perYear.get(key);
  if (days === undefined) {
    const lib = region === null ? new Holidays('CH') : new Holidays('CH', region);
    // `date` is local to the country ("2026-08-01 00:00:00"); its first ten characters are the day.
    days = new Set(
      lib
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    perYear.set(key, days);
  }
  return days;
}

/** The holidays of a configuration, computed per year on first use. */
export function swissHolidays(config: HolidayConfig = FEDERAL_ONLY): HolidayLookup {
  for (const c of config.cantons) if (!CANTONS.includes(c)) throw new RangeError(`unknown canton: ${c}`);
  const extra = new Set(config.extraDays);
  return {
    has(day: string): boolean {
      if (extra.has(day)) return true;
      const year = Number(day.slice(0, 4));
      if (!Number.isInteger(year)) return false;
      if (publicDays(null, year).has(day)) return true;
      return config.cantons.some((c) => publicDays(c, year).has(day));
    },
  };
}
