/**
 * Match explanations name dictionary codes (features, property types, zones) by the organisation's
 * labels in the requested language: French reads `labelFr`, then the default `label`; English reads
 * `label`. The code itself shows only when the dictionary has no label for it. Pure.
 */

export const LABELLED_DICTIONARIES = ['FEATURE', 'PROPERTY_TYPE', 'ZONE'] as const;
export type LabelledDictionary = (typeof LABELLED_DICTIONARIES)[number];

/** Per dictionary, code → label. */
export type MatchLabels = Partial<Record<LabelledDictionary, Readonly<Record<string, string>>>>;

export interface LabelSource {
  dictType: string;
  code: string;
  label: string | null;
  labelFr: string | null;
}

const usable = (s: string | null | undefined): s is string => typeof s === 'string' && s.trim() !== '';

/** The labels of the tenant's effective dictionary entries, in one language. */
export function matchLabelsOf(entries: readonly LabelSource[], lang: 'fr' | 'en'): MatchLabels {
  const out: Partial<Record<LabelledDictionary, Record<string, string>>> = {};
  for (const e of entries) {
    if (!(LABELLED_DICTIONARIES as readonly string[]).includes(e.dictType)) continue;
    const label = lang === 'fr' && usable(e.labelFr) ? e.labelFr : e.label;
    if (!usable(label)) continue;
    (out[e.dictType as LabelledDictionary] ??= {})[e.code] = label.trim();
  }
  return out;
}

/** A code's label, or the code when the dictionary has none. */
export function labelOf(labels: MatchLabels, dictType: LabelledDictionary, code: string): string {
  return labels[dictType]?.[code] ?? code;
}
