/**
 * The customer's preferred time for a call, when their ticket says so:
 * "entre 14h et 16h", "zwischen 9 und 11 Uhr", "between 2 and 4 pm",
 * "tra le 10 e le 12", "14:00-16:00", or a part of the day ("le matin",
 * "nachmittags", "in the afternoon", "di pomeriggio"). Clipped to business
 * hours; null when the text names no usable time.
 */
import { BUSINESS_WINDOWS } from './calendar.js';
import type { PreferredWindow } from './free-slots.js';

const OPEN = BUSINESS_WINDOWS[0]?.[0] ?? 8 * 60;
const CLOSE = BUSINESS_WINDOWS[BUSINESS_WINDOWS.length - 1]?.[1] ?? 17 * 60;

const TIME = String.raw`(\d{1,2})(?:\s*(?:[:.h]|heures?)\s*(\d{2}))?\s*(h\b|heures?\b|uhr\b|am\b|pm\b|a\.m\.|p\.m\.)?`;
const RANGE = new RegExp(
  String.raw`(?:entre|zwischen|between|tra|fra|from|von|de|dalle|dalle ore)?\s*(?:le\s+|les\s+)?${TIME}\s*(?:et|und|and|e|-|–|—|bis|à|a|to|alle|jusqu'à)\s*(?:le\s+|les\s+)?${TIME}`,
  'iu',
);
// "ce matin", "this morning", "heute Morgen" say when something happened, not when to call.
const NOT_TODAY = String.raw`(?<!\bce\s)(?<!\bcet\s)(?<!\bthis\s)(?<!\bheute\s)(?<!\bquesto\s)(?<!\bquesta\s)`;
const MORNING = new RegExp(
  `${NOT_TODAY}\\b(?:matin|matinée|vormittags?|morgens|morning|mattin[ao]|mattinata)\\b`,
  'iu',
);
const AFTERNOON = new RegExp(
  `${NOT_TODAY}(?:après-midi|apres-midi|\\bnachmittags?\\b|\\bafternoon\\b|\\bpomeriggio\\b)`,
  'iu',
);

function minutes(
  h: string | undefined,
  m: string | undefined,
  suffix: string | undefined,
  otherSuffix?: string,
): number | null {
  let hour = Number(h);
  const minute = m === undefined ? 0 : Number(m);
  if (!Number.isInteger(hour) || hour > 23 || minute > 59) return null;
  const pm = /^p/iu.test(suffix ?? otherSuffix ?? '');
  // "between 2 and 4" on a business line means the afternoon.
  if ((pm || hour < 7) && hour < 12) hour += 12;
  return hour * 60 + minute;
}

export function preferredWindowFromText(text: string): PreferredWindow | null {
  const range = RANGE.exec(text);
  if (range !== null) {
    const from = minutes(range[1], range[2], range[3], range[6]);
    const to = minutes(range[4], range[5], range[6]);
    if (from !== null && to !== null) {
      const clipped = { fromMinutes: Math.max(OPEN, from), toMinutes: Math.min(CLOSE, to) };
      if (clipped.fromMinutes < clipped.toMinutes) return clipped;
    }
  }
  if (AFTERNOON.test(text)) return { fromMinutes: 13 * 60, toMinutes: 17 * 60 };
  if (MORNING.test(text)) return { fromMinutes: 8 * 60, toMinutes: 12 * 60 };
  return null;
}
