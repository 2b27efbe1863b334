/**
 * The admin UI is complete in every language: each key of the French locale (the default) exists in
 * English and in Arabic, and the Arabic strings are Arabic, not English or French copies.
 */
import { describe, expect, it } from 'vitest';
import { resources as frEn } from '../../admin-ui/src/i18n/resources.js';
import { arResources } from '../../admin-ui/src/i18n/resources-ar.js';

type Tree = { [key: string]: unknown };
const resources = { ...frEn, ar: arResources };
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf keys as "namespace:a.b.c" (plural forms count once, as their base key) with their text. */
function leaves(tree: unknown, prefix: string, out = new Map<string, string>()): Map<string, string> {
  for (const [key, value] of Object.entries((tree ?? {}) as Tree)) {
    const path = prefix.endsWith(':') ? `${prefix}${key}` : `${prefix}.${key}`;
    if (value !== null && typeof value === 'object') leaves(value, path, out);
    else out.set(path.replace(PLURAL, ''), String(value));
  }
  return out;
}

const all = (lang: keyof typeof resources) =>
  new Map(Object.entries(resources[lang]).flatMap(([ns, tree]) => [...leaves(tree, `${ns}:`)]));
const fr = all('fr');
const en = all('en');
const ar = all('ar');

/** Text that must be written in Arabic: it has words once placeholders, codes and acronyms are removed. */
const needsArabic = (text: string) =>
  /[a-zà-ÿ]{2,}/.test(text.replace(/{{[^}]*}}/g, '').replace(/\b[A-Z][A-Z0-9_]+\b/g, ''));
const ARABIC = /[\u0600-\u06ff]/;

describe('locales', () => {
  it('has every French namespace in English and Arabic', () => {
    expect(Object.keys(resources.en).sort()).toEqual(Object.keys(resources.fr).sort());
    expect(Object.keys(resources.ar).sort()).toEqual(Object.keys(resources.fr).sort());
  });

  it('has every French key in English', () => {
    expect([...fr.keys()].filter((k) => !en.has(k))).toEqual([]);
  });

  it('has every French key in Arabic', () => {
    expect([...fr.keys()].filter((k) => !ar.has(k))).toEqual([]);
  });

  it('writes the Arabic strings in Arabic', () => {
    const latin = [...ar].filter(([, text]) => needsArabic(text) && !ARABIC.test(text)).map(([k]) => k);
    expect(latin).toEqual([]);
  });

  it('keeps the same placeholders in every language', () => {
    const names = (text: string | undefined) =>
      [...new Set([...(text ?? '').matchAll(/{{\s*([\w.]+)[^}]*}}/g)].map((m) => m[1]))].sort();
    const differ = [...fr]
      .filter(([k, text]) => ar.has(k) && names(ar.get(k)).join() !== names(text).join())
      .map(([k]) => k);
    expect(differ).toEqual([]);
  });
});
