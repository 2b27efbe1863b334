import type { I18nProvider } from '@refinedev/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { a11yAr, a11yEn, a11yFr } from './locales/a11y';
import { agentEn, agentFr } from './locales/agent';
import { annoncesEn, annoncesFr } from './locales/annonces';
import { channelsAr, channelsEn, channelsFr } from './locales/channels';
import { commonEn, commonFr } from './locales/common';
import { commonAr } from './locales/common-ar';
import { coopFr } from './locales/coop';
import { coopEn } from './locales/coop-en';
import { engagementEn, engagementFr } from './locales/engagement';
import { eventsAr, eventsEn, eventsFr } from './locales/events';
import { fieldErrorsAr, fieldErrorsEn, fieldErrorsFr } from './locales/field-errors';
import { labelsAr, labelsEn, labelsFr } from './locales/labels';
import { passwordAr, passwordEn, passwordFr } from './locales/password';
import { problemsAr, problemsEn, problemsFr } from './locales/problems';
import { rulesEn, rulesFr } from './locales/rules';
import { searchAr, searchEn, searchFr } from './locales/search';
import { studioEn, studioFr } from './locales/studio';

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
  resources: {
    fr: {
      common: commonFr,
      agent: agentFr,
      studio: studioFr,
      engagement: engagementFr,
      rules: rulesFr,
      annonces: annoncesFr,
      fieldErrors: fieldErrorsFr,
      coop: coopFr,
      password: passwordFr,
      channels: channelsFr,
      a11y: a11yFr,
      events: eventsFr,
      problems: problemsFr,
      labels: labelsFr,
      search: searchFr,
    },
    en: {
      common: commonEn,
      agent: agentEn,
      studio: studioEn,
      engagement: engagementEn,
      rules: rulesEn,
      annonces: annoncesEn,
      fieldErrors: fieldErrorsEn,
      coop: coopEn,
      password: passwordEn,
      channels: channelsEn,
      a11y: a11yEn,
      events: eventsEn,
      problems: problemsEn,
      labels: labelsEn,
      search: searchEn,
    },
    // Arabic (right-to-left): namespaces not yet written in Arabic fall back to French.
    ar: {
      common: commonAr,
      channels: channelsAr,
      a11y: a11yAr,
      events: eventsAr,
      problems: problemsAr,
      labels: labelsAr,
      search: searchAr,
      password: passwordAr,
      fieldErrors: fieldErrorsAr,
    },
  },
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
  ],
  interpolation: { escapeValue: false }, // React escapes
});

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  applyDocumentLanguage(lang);
}
applyDocumentLanguage(initialLanguage());

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
