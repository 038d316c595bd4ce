/** i18next with the three UI languages bundled (no network: the CSP allows only 'self'). */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UiLanguage } from '../../../shared/ipc.js';
import { formatCount } from '../lib/format.js';
import de from './de.json';
import en from './en.json';
import fr from './fr.json';

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: fr }, de: { translation: de }, en: { translation: en } },
  lng: 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false }, // React escapes text itself
  returnNull: false,
});

// `{{count, count}}` in the translations: counts grouped as in the UI language's Swiss locale (i18next's own
// `number` format would use fr, de, en: 1.000.000 in German instead of 1'000'000).
i18n.services.formatter?.add('count', (value: unknown, lng: string | undefined) =>
  formatCount(Number(value), UiLanguage.catch('fr').parse(lng)),
);

export function applyLanguage(language: UiLanguage): void {
  if (i18n.language !== language) void i18n.changeLanguage(language);
  document.documentElement.lang = language;
}
