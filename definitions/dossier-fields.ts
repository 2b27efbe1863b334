import type { LocalizedText } from './workflow-definition.schema.js';

/** Labels of dossier fields as users see them, for "Missing required field: Amount" and the like. */
export const DOSSIER_FIELD_LABELS: Readonly<Record<string, Required<LocalizedText>>> = {
  title: { en: 'Title', fr: 'Titre', ar: 'العنوان' },
  amount: { en: 'Amount', fr: 'Montant', ar: 'المبلغ' },
  probability: { en: 'Probability', fr: 'Probabilité', ar: 'الاحتمال' },
  budgetMin: { en: 'Minimum budget', fr: 'Budget minimum', ar: 'الحد الأدنى للميزانية' },
  budgetMax: { en: 'Maximum budget', fr: 'Budget maximum', ar: 'الحد الأقصى للميزانية' },
  currency: { en: 'Currency', fr: 'Devise', ar: 'العملة' },
  source: { en: 'Source', fr: 'Source', ar: 'المصدر' },
  assignedAgentId: { en: 'Assigned agent', fr: 'Agent assigné', ar: 'الوكيل المكلف' },
  contactId: { en: 'Contact', fr: 'Contact', ar: 'جهة الاتصال' },
  annonceId: { en: 'Property listing', fr: 'Annonce', ar: 'الإعلان' },
  locationZone: { en: 'Location zone', fr: 'Zone de recherche', ar: 'المنطقة' },
  expectedCloseDate: { en: 'Expected close date', fr: 'Date de clôture prévue', ar: 'تاريخ الإغلاق المتوقع' },
  score: { en: 'Score', fr: 'Score', ar: 'التقييم' },
  'criteria.rooms': { en: 'Rooms', fr: 'Nombre de pièces', ar: 'عدد الغرف' },
  'criteria.surface': { en: 'Surface area', fr: 'Surface', ar: 'المساحة' },
  'criteria.furnishing': { en: 'Furnishing', fr: 'Ameublement', ar: 'التأثيث' },
};

/** "expectedCloseDate" → "expected close date" for fields without a label. */
function humanize(path: string): string {
  const last = path.split('.').pop() ?? path;
  return last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
}

export function dossierFieldLabel(field: string, lang: 'fr' | 'en' | 'ar'): string {
  const known = DOSSIER_FIELD_LABELS[field];
  if (known) return known[lang];
  const words = humanize(field);
  const capitalized = words.charAt(0).toUpperCase() + words.slice(1);
  if (!field.startsWith('criteria.')) return capitalized;
  return lang === 'fr' ? `Critère « ${words} »` : lang === 'ar' ? `معيار ${words}` : `Criterion "${words}"`;
}

/** Absent = null, undefined, empty text or empty list; 0 and false are values a user entered. */
export function isMissingValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** Reads "criteria.rooms" from a dossier-like object. */
export function readField(record: unknown, field: string): unknown {
  let value: unknown = record;
  for (const key of field.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
