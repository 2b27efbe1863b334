import type { I18nProvider } from '@refinedev/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './resources';

export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'atlas.lang';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  // French by default (the customer's language).
  return (LANGUAGES as readonly string[]).includes(stored ?? '') ? (stored as Language) : 'fr';
}

/** The page's language and writing direction (Arabic reads right-to-left). */
function applyDocumentLanguage(lang: Language) {
  if (typeof document === 'undefined') return;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
}

// One namespace per area so the agent workspace and the manager studio keep their own files.
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'fr',
  defaultNS: 'common',
  ns: [
    'common',
    'agent',
    'studio',
    'engagement',
    'rules',
    'annonces',
    'fieldErrors',
    'coop',
    'password',
    'channels',
    'a11y',
    'events',
    'problems',
    'labels',
    'search',
    'tasks',
    'imports',
  ],
  interpolation: { escapeValue: false }, // React escapes
});

let arabic: Promise<void> | undefined;
/** Arabic is fetched the first time it is needed (its own chunk), so French and English users never pay it. */
function loadArabic(): Promise<void> {
  arabic ??= import('./resources-ar').then(({ arResources }) => {
    for (const [ns, bundle] of Object.entries(arResources))
      i18n.addResourceBundle('ar', ns, bundle, true, true);
  });
  return arabic;
}

/** Switches the UI language (after fetching Arabic if needed: screens re-render when it is there). */
export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  applyDocumentLanguage(lang);
  if (lang === 'ar') void loadArabic().then(() => i18n.changeLanguage('ar'));
  else void i18n.changeLanguage(lang);
}
applyDocumentLanguage(initialLanguage());
if (initialLanguage() === 'ar') void loadArabic().then(() => i18n.changeLanguage('ar'));

/** Refine's i18n provider over the same i18next instance (used by Refine's own buttons and titles). */
export const i18nProvider: I18nProvider = {
  // Refine calls both translate(key, options, default) and translate(key, default).
  translate: (key, options, defaultMessage) => {
    const fallback = typeof options === 'string' ? options : (defaultMessage ?? key);
    const params = typeof options === 'object' && options !== null ? options : {};
    const value = i18n.t(key, { ...params, defaultValue: fallback });
    return typeof value === 'string' ? value : String(value);
  },
  changeLocale: (lang) => {
    setLanguage((LANGUAGES as readonly string[]).includes(lang) ? (lang as Language) : 'fr');
    return Promise.resolve();
  },
  getLocale: () => i18n.language,
};

export default i18n;
