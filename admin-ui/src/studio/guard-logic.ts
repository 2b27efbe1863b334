import { defaultCodes } from '../../../definitions/dictionary-defaults.js';
import { isDocumentedFactPath } from '../../../definitions/fact-paths.js';
import { inspectGuardRule } from '../../../definitions/json-logic-rules.js';
import type { Lang } from './definition-model.js';

/**
 * Pure side of the guard editor: the query-builder fields over the documented guard facts
 * (definitions/guard-facts.schema.ts), the operators it may emit (all inside the API's JsonLogic
 * allow-list), and small JsonLogic helpers. Unit-tested in test/unit/studio-guard-logic.test.ts.
 */

export type JsonLogicRule = Record<string, unknown>;

/** The query-builder operators offered per type; each exports to allowed JsonLogic (==, !=, <, in…). */
const NUMBER_OPS = [
  'equal',
  'not_equal',
  'less',
  'less_or_equal',
  'greater',
  'greater_or_equal',
  'between',
  'is_null',
  'is_not_null',
];
const TEXT_OPS = ['equal', 'not_equal', 'like', 'is_null', 'is_not_null'];
const SELECT_OPS = ['select_equals', 'select_not_equals', 'select_any_in', 'is_null', 'is_not_null'];

interface LeafField {
  label: string;
  type: 'number' | 'text' | 'select';
  valueSources: ['value'];
  operators: string[];
  fieldSettings?: { listValues: { value: string; title: string }[] };
}
interface StructField {
  label: string;
  type: '!struct';
  subfields: Record<string, BuilderField>;
}
export type BuilderField = LeafField | StructField;

const L = (fr: string, en: string) => ({ fr, en });
type Labels = Record<string, { fr: string; en: string }>;

const DOSSIER_NUMBERS: Labels = {
  amount: L('Montant', 'Amount'),
  budgetMin: L('Budget minimum', 'Minimum budget'),
  budgetMax: L('Budget maximum', 'Maximum budget'),
  probability: L('Probabilité', 'Probability'),
  weightedAmount: L('Montant pondéré', 'Weighted amount'),
  score: L('Score', 'Score'),
};
const DOSSIER_TEXTS: Labels = {
  title: L('Titre', 'Title'),
  source: L('Source', 'Source'),
  currency: L('Devise', 'Currency'),
  locationZone: L('Zone', 'Zone'),
  statusCode: L('Statut', 'Status'),
  assignedAgentId: L('Agent assigné (id)', 'Assigned agent (id)'),
  contactId: L('Contact (id)', 'Contact (id)'),
  expectedCloseDate: L('Date de clôture prévue (AAAA-MM-JJ)', 'Expected close date (YYYY-MM-DD)'),
};

const number = (label: string): LeafField => ({
  label,
  type: 'number',
  valueSources: ['value'],
  operators: NUMBER_OPS,
});
const text = (label: string): LeafField => ({
  label,
  type: 'text',
  valueSources: ['value'],
  operators: TEXT_OPS,
});

function counts(keys: string[], totalLabel: string): StructField['subfields'] {
  return Object.fromEntries([['total', number(totalLabel)], ...keys.map((k) => [k, number(k)])]);
}

/** The facts a visual guard can read, as query-builder fields (dotted paths = JsonLogic `var` names). */
export function guardBuilderFields(lang: Lang): Record<string, BuilderField> {
  const pick = (labels: Labels, make: (label: string) => LeafField) =>
    Object.fromEntries(Object.entries(labels).map(([key, l]) => [key, make(l[lang])]));
  const total = lang === 'fr' ? 'Total' : 'Total';
  const consent: LeafField = {
    label: '',
    type: 'select',
    valueSources: ['value'],
    operators: SELECT_OPS,
    fieldSettings: {
      listValues: [
        { value: 'OPT_IN', title: lang === 'fr' ? 'Accepté (OPT_IN)' : 'Opted in (OPT_IN)' },
        { value: 'OPT_OUT', title: lang === 'fr' ? 'Refusé (OPT_OUT)' : 'Opted out (OPT_OUT)' },
      ],
    },
  };
  return {
    dossier: {
      label: 'Dossier',
      type: '!struct',
      subfields: { ...pick(DOSSIER_NUMBERS, number), ...pick(DOSSIER_TEXTS, text) },
    },
    counts: {
      label: lang === 'fr' ? 'Compteurs' : 'Counts',
      type: '!struct',
      subfields: {
        activities: {
          label: lang === 'fr' ? 'Activités' : 'Activities',
          type: '!struct',
          subfields: counts(defaultCodes('ACTIVITY_TYPE'), total),
        },
        appointments: {
          label: lang === 'fr' ? 'Rendez-vous' : 'Appointments',
          type: '!struct',
          subfields: counts(['SCHEDULED', 'DONE', 'CANCELLED', 'NO_SHOW'], total),
        },
        messages: {
          label: 'Messages',
          type: '!struct',
          subfields: counts(['EMAIL', 'SMS', 'PHONE', 'WHATSAPP'], total),
        },
      },
    },
    parties: {
      label: lang === 'fr' ? 'Parties' : 'Parties',
      type: '!struct',
      subfields: { count: number(lang === 'fr' ? 'Nombre de parties' : 'Number of parties') },
    },
    consents: {
      label: lang === 'fr' ? 'Consentements' : 'Consents',
      type: '!struct',
      subfields: Object.fromEntries(
        ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'].map((c) => [c, { ...consent, label: c }]),
      ),
    },
    daysInState: number(lang === 'fr' ? 'Jours dans le statut' : 'Days in status'),
  };
}

/** Every leaf path of the builder's fields ("dossier.amount", "counts.activities.CALL"…). */
export function leafPaths(fields: Record<string, BuilderField>, prefix = ''): string[] {
  return Object.entries(fields).flatMap(([key, field]) =>
    field.type === '!struct' ? leafPaths(field.subfields, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** The builder wraps everything in a group: {"and": [rule]} → rule, so simple guards stay simple. */
export function simplifyLogic(logic: unknown): JsonLogicRule | undefined {
  if (!logic || typeof logic !== 'object' || Array.isArray(logic)) return undefined;
  const entries = Object.entries(logic);
  const [first] = entries;
  if (entries.length === 1 && first && (first[0] === 'and' || first[0] === 'or')) {
    const args = first[1];
    if (Array.isArray(args) && args.length === 1) return simplifyLogic(args[0]);
  }
  return logic as JsonLogicRule;
}

/** Parses the raw JSON view: a rule object with exactly one operator, else an error message. */
export function parseRule(raw: string): { rule: JsonLogicRule } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value) || Object.keys(value).length !== 1) {
    return {
      error: 'A rule is a JSON object with exactly one operator, e.g. {">": [{"var": "dossier.amount"}, 0]}',
    };
  }
  return { rule: value as JsonLogicRule };
}

/** The same operator/fact checks the API's validation runs, for instant feedback in the editor. */
export function guardProblems(rule: JsonLogicRule): string[] {
  return inspectGuardRule(rule, '').map((p) => p.message);
}

export { isDocumentedFactPath };
