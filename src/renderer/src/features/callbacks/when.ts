/**
 * When a call takes place, as the expert says it: "mardi 09:15" within the
 * coming week, "mardi 15 déc., 09:15" further on (a weekday alone would be
 * ambiguous), in Zurich time and the UI language.
 */
import type { UiLanguage } from '../../../../shared/ipc.js';
import { ZURICH } from '../../lib/format.js';

const LOCALES: Record<UiLanguage, string> = { fr: 'fr-CH', de: 'de-CH', en: 'en-CH' };
const DAY_MS = 86_400_000;

const zurichDay = (iso: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZURICH, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );

/** `today` is the Zurich day the console shows as today (null: the local clock's). */
export function formatCallWhen(iso: string, language: UiLanguage, today: string | null): string {
  const from = Date.parse(`${today ?? zurichDay(new Date().toISOString())}T12:00:00Z`);
  const days = Math.round((Date.parse(`${zurichDay(iso)}T12:00:00Z`) - from) / DAY_MS);
  const near = days >= 0 && days < 7;
  return new Intl.DateTimeFormat(LOCALES[language], {
    timeZone: ZURICH,
    weekday: 'long',
    ...(near ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** A day of the dialog's day picker: "mar. 8". */
export function formatPickerDay(day: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: 'UTC', weekday: 'short', day: 'numeric' }).format(
    new Date(`${day}T12:00:00Z`),
  );
}

/** A slot's time: "09:15". */
export function formatTime(iso: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: ZURICH, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );
}
