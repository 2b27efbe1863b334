/**
 * Every code the API may send in a problem+json is phrased by the admin UI in fr, en and ar: the codes
 * come from the API's own enums (HttpProblem only accepts PROBLEM_TYPES / PRECISE_PROBLEM_CODES, a
 * DomainError only DOMAIN_ERROR_CODES), so a new refusal without words fails here.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { problemsAr } from '../../admin-ui/src/i18n/locales/problems-ar.js';
import { problemsEn, problemsFr } from '../../admin-ui/src/i18n/locales/problems.js';
import {
  HTTP_PROBLEM_CODES,
  PRECISE_PROBLEM_CODES,
  PROBLEM_TYPES,
  problemCode,
} from '../../api/problem-codes.js';
import { DOMAIN_ERROR_CODES } from '../../services/error-codes.js';
import { DossierRefusal } from '../../workflows/dossier-refusals.js';

const LOCALES = { fr: problemsFr.code, en: problemsEn.code, ar: problemsAr.code } as Record<
  string,
  Record<string, string>
>;
const apiCodes = [...new Set([...HTTP_PROBLEM_CODES, ...Object.values(DOMAIN_ERROR_CODES).flat()])];
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

describe('problem codes phrased by the UI', () => {
  it('collects the codes from the API enums (listing refusals included)', () => {
    expect(apiCodes.length).toBeGreaterThan(40);
    expect(apiCodes).toEqual(
      expect.arrayContaining([
        'TRANSITION_FORBIDDEN',
        'STALE_STATE',
        'STALE_VERSION',
        'ILLEGAL_TRANSITION',
        'GUARD_BLOCKED',
        'INVALID_CREDENTIALS',
        'PERMISSION_REQUIRED',
        ...PRECISE_PROBLEM_CODES,
      ]),
    );
    // The dossier workflow's refusals are sent as their own problem types.
    for (const refusal of Object.values(DossierRefusal)) {
      const slug = refusal.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
      expect(PROBLEM_TYPES as readonly string[], refusal).toContain(slug);
    }
    expect(problemCode('https://atlas-crm.dev/problems/dossier-stale-state')).toBe('DOSSIER_STALE_STATE');
  });

  it.each(Object.keys(LOCALES))('every API code has a phrase in %s', (lang) => {
    const missing = apiCodes.filter((code) => !LOCALES[lang]?.[code]?.trim());
    expect(missing, `codes without a ${lang} phrase`).toEqual([]);
  });

  it('phrases use the same params in every language, and the Arabic ones are in Arabic', () => {
    for (const code of apiCodes) {
      const fr = placeholders(LOCALES.fr![code]!);
      expect(placeholders(LOCALES.en![code]!), `${code} en`).toEqual(fr);
      expect(placeholders(LOCALES.ar![code]!), `${code} ar`).toEqual(fr);
      expect(LOCALES.ar![code], `${code} ar`).toMatch(/[\u0600-\u06ff]/);
      expect(LOCALES.en![code], `${code} en`).not.toBe(LOCALES.fr![code]);
    }
  });

  it('phrases interpolate their params the way the UI renders them (problems:code.<CODE>)', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({
      resources: { fr: { problems: problemsFr }, en: { problems: problemsEn }, ar: { problems: problemsAr } },
      lng: 'en',
      interpolation: { escapeValue: false },
    });
    expect(i18n.t('problems:code.EXPORT_LIMIT_PER_ORG', { limit: 2 })).toBe(
      'Your organisation already runs 2 exports: try again when one has finished.',
    );
    await i18n.changeLanguage('fr');
    expect(i18n.t('problems:code.STALE_STATE')).toBe(problemsFr.code.STALE_STATE);
    await i18n.changeLanguage('ar');
    expect(i18n.t('problems:code.TRANSITION_FORBIDDEN')).toBe(problemsAr.code.TRANSITION_FORBIDDEN);
  });
});
