import jsonLogic from 'json-logic-js';
import { dossierFieldLabel, isMissingValue, readField } from './dossier-fields.js';
import { ruleSize } from './json-logic-rules.js';
import { reasonTypeOf } from './workflow-definition.schema.js';
import type { GuardFacts } from './guard-facts.schema.js';
import type {
  LocalizedText,
  ReasonType,
  StateDef,
  TransitionDef,
  WorkflowDefinitionBody,
} from './workflow-definition.schema.js';

/**
 * Workflow-safe (no ajv, no I/O, deterministic): the one function that decides which transitions a user
 * may take, shared by the dossier workflow, the allowed-transitions endpoint and the simulator.
 */

export type Language = 'fr' | 'en';

export interface TransitionUser {
  roles: readonly string[];
  permissions: readonly string[];
}

export type BlockReasonCode = 'PERMISSION' | 'ROLE' | 'GUARD' | 'REQUIRED_FIELD';

export interface TransitionEvaluation {
  to: string;
  label: string;
  allowed: boolean;
  reason?: string;
  reasonCode?: BlockReasonCode;
  reasonType: ReasonType;
}

export interface TransitionCheck extends Omit<TransitionEvaluation, 'reasonCode'> {
  reasonCode?: BlockReasonCode | 'UNKNOWN_TRANSITION';
}

/** Facts the caller may not have (simulator, hand-written): guards then read them as null. */
export type GuardFactsInput = Partial<GuardFacts> & Record<string, unknown>;

/** The text in `lang`, else the other language, else Arabic, else `fallback`. */
export function localize(text: LocalizedText | undefined, lang: Language, fallback: string): string {
  const other: Language = lang === 'fr' ? 'en' : 'fr';
  return text?.[lang] ?? text?.[other] ?? text?.ar ?? fallback;
}

export function findState(def: WorkflowDefinitionBody, code: string): StateDef | undefined {
  return def.states.find((s) => s.code === code);
}

export function initialState(def: WorkflowDefinitionBody): StateDef | undefined {
  return def.states.find((s) => s.initial === true);
}

/** Which dictionary the reason code of a closing transition comes from. */
export function reasonDictionaryType(reasonType: ReasonType): 'LOSS_REASON' | 'WON_REASON' | undefined {
  if (reasonType === 'LOSS') return 'LOSS_REASON';
  return reasonType === 'WON' ? 'WON_REASON' : undefined;
}

const TEXTS = {
  permission: {
    en: (p: string) => `Needs the ${p} permission`,
    fr: (p: string) => `Nécessite la permission ${p}`,
  },
  role: {
    en: (r: string) => `Reserved to the roles: ${r}`,
    fr: (r: string) => `Réservé aux rôles : ${r}`,
  },
  field: {
    en: (f: string) => `Missing required field: ${f}`,
    fr: (f: string) => `Champ obligatoire manquant : ${f}`,
  },
  guard: {
    en: 'A condition of this transition is not met',
    fr: "Une condition de cette transition n'est pas remplie",
  },
  unknown: {
    en: (a: string, b: string) => `No transition from ${a} to ${b}`,
    fr: (a: string, b: string) => `Aucune transition de ${a} vers ${b}`,
  },
} as const;

/** True when the rule holds; a rule that throws (bad data, broken rule) counts as not holding. */
export function guardHolds(rule: Record<string, unknown>, facts: unknown): boolean {
  // Published rules were checked, but simulations evaluate hand-written ones: never walk an oversized one.
  if (!ruleSize(rule).withinLimits) return false;
  try {
    return jsonLogic.truthy(jsonLogic.apply(rule as jsonLogic.RulesLogic, facts));
  } catch {
    return false;
  }
}

function guardFactsFor(facts: GuardFactsInput, user: TransitionUser): GuardFactsInput {
  // The caller's user is authoritative for user.roles/permissions, whatever the facts say.
  const id = facts.user?.id ?? '';
  return { ...facts, user: { id, roles: [...user.roles], permissions: [...user.permissions] } };
}

function evaluateOne(
  def: WorkflowDefinitionBody,
  transition: TransitionDef,
  facts: GuardFactsInput,
  user: TransitionUser,
  lang: Language,
): TransitionEvaluation {
  const target = findState(def, transition.to);
  const label = localize(transition.label ?? target?.label, lang, transition.to);
  const base = { to: transition.to, label, reasonType: reasonTypeOf(target) };
  const block = (reasonCode: BlockReasonCode, reason: string): TransitionEvaluation => ({
    ...base,
    allowed: false,
    reason,
    reasonCode,
  });

  if (transition.permission && !user.permissions.includes(transition.permission)) {
    return block('PERMISSION', TEXTS.permission[lang](transition.permission));
  }
  if (transition.roles && !transition.roles.some((role) => user.roles.includes(role))) {
    return block('ROLE', TEXTS.role[lang](transition.roles.join(', ')));
  }
  // Required fields name fields of what moves: the dossier, or the listing in ANNONCE workflows.
  const subject: unknown = def.caseType === 'ANNONCE' ? facts.annonce : facts.dossier;
  const missing = (transition.requiredFields ?? []).filter((f) => isMissingValue(readField(subject, f)));
  if (missing.length > 0) {
    return block(
      'REQUIRED_FIELD',
      TEXTS.field[lang](missing.map((f) => dossierFieldLabel(f, lang)).join(', ')),
    );
  }
  if (transition.guard && !guardHolds(transition.guard.rule, guardFactsFor(facts, user))) {
    return block('GUARD', localize(transition.guard.message, lang, TEXTS.guard[lang]));
  }
  return { ...base, allowed: true };
}

/** Every transition out of `currentState`, in definition order, each allowed or blocked with a reason. */
export function evaluateTransitions(
  def: WorkflowDefinitionBody,
  currentState: string,
  facts: GuardFactsInput,
  user: TransitionUser,
  lang: Language = 'fr',
): TransitionEvaluation[] {
  return def.transitions
    .filter((t) => t.from === currentState)
    .map((t) => evaluateOne(def, t, facts, user, lang));
}

/** The verdict on one move; a move the definition does not declare is UNKNOWN_TRANSITION. */
export function checkTransition(
  def: WorkflowDefinitionBody,
  from: string,
  to: string,
  facts: GuardFactsInput,
  user: TransitionUser,
  lang: Language = 'fr',
): TransitionCheck {
  const transition = def.transitions.find((t) => t.from === from && t.to === to);
  if (transition) return evaluateOne(def, transition, facts, user, lang);
  return {
    to,
    label: localize(findState(def, to)?.label, lang, to),
    allowed: false,
    reasonCode: 'UNKNOWN_TRANSITION',
    reason: TEXTS.unknown[lang](from, to),
    reasonType: reasonTypeOf(findState(def, to)),
  };
}
