import type { I18nProvider } from '@refinedev/core';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { agentEn, agentFr } from './locales/agent';
import { annoncesEn, annoncesFr } from './locales/annonces';
import { channelsAr, channelsEn, channelsFr } from './locales/channels';
import { commonEn, commonFr } from './locales/common';
import { coopFr } from './locales/coop';
import { coopEn } from './locales/coop-en';
import { engagementEn, engagementFr } from './locales/engagement';
import { eventsAr, eventsEn, eventsFr } from './locales/events';
import { fieldErrorsEn, fieldErrorsFr } from './locales/field-errors';
import { passwordEn, passwordFr } from './locales/password';
import { problemsAr, problemsEn, problemsFr } from './locales/problems';
import { rulesEn, rulesFr } from './locales/rules';
import { studioEn, studioFr } from './locales/studio';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'atlas.lang';

function initialLanguage(): Language {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr'; // French by default (the customer's language)
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
      events: eventsFr,
      problems: problemsFr,
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
      events: eventsEn,
      problems: problemsEn,
    },
    // Ready for the Arabic UI (right-to-left) as its language is switched on.
    ar: { channels: channelsAr, events: eventsAr, problems: problemsAr },
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
    'events',
    'problems',
  ],
  interpolation: { escapeValue: false }, // React escapes
});

export function setLanguage(lang: Language) {
  localStorage.setItem(STORAGE_KEY, lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

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
    setLanguage(lang === 'en' ? 'en' : 'fr');
    return Promise.resolve();
  },
  getLocale: () => i18n.language,
};

export default i18n;
