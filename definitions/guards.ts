import jsonLogic from 'json-logic-js';
import { dossierFieldLabel, isMissingValue, readField } from './dossier-fields.js';
import { evaluateRule, ForbiddenRuleOperator, RuleBudgetExceeded } from './json-logic-budget.js';
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

export type BlockReasonCode =
  | 'PERMISSION'
  | 'ROLE'
  | 'GUARD'
  | 'REQUIRED_FIELD'
  /** The guard spent its evaluation budget (RULE_BUDGET): refused, whatever it would have said. */
  | 'RULE_BUDGET_EXCEEDED'
  /** The guard uses an operator outside the allow-list (only possible in an unvalidated draft). */
  | 'FORBIDDEN_OPERATOR';

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
  budget: {
    en: 'The condition of this transition needs too much computation: a manager must simplify it',
    fr: 'La condition de cette transition demande trop de calcul : un responsable doit la simplifier',
  },
  operator: {
    en: 'The condition of this transition uses an operator that is not allowed',
    fr: "La condition de cette transition utilise un opérateur qui n'est pas autorisé",
  },
  unknown: {
    en: (a: string, b: string) => `No transition from ${a} to ${b}`,
    fr: (a: string, b: string) => `Aucune transition de ${a} vers ${b}`,
  },
} as const;

/** The outcome of one rule: it holds, it does not, or it was refused before it could say. */
export type RuleVerdict =
  | { holds: boolean; refusal?: undefined }
  | { holds: false; refusal: 'RULE_BUDGET_EXCEEDED' | 'FORBIDDEN_OPERATOR' };

/**
 * Evaluates a guard (or a scoring condition) within RULE_BUDGET. A rule that throws for its data
 * (bad data, broken rule) does not hold; one that is too costly or uses a forbidden operator is
 * refused, so callers can say why.
 */
export function ruleVerdict(rule: unknown, facts: unknown): RuleVerdict {
  // Published rules were checked, but simulations evaluate hand-written ones: never walk an oversized one.
  if (!ruleSize(rule).withinLimits) return { holds: false, refusal: 'RULE_BUDGET_EXCEEDED' };
  try {
    return { holds: jsonLogic.truthy(evaluateRule(rule, facts)) };
  } catch (error) {
    if (error instanceof RuleBudgetExceeded) return { holds: false, refusal: error.code };
    if (error instanceof ForbiddenRuleOperator) return { holds: false, refusal: error.code };
    return { holds: false };
  }
}

/** True when the rule holds; a rule that throws, is too costly or is not allowed counts as not holding. */
export function guardHolds(rule: Record<string, unknown>, facts: unknown): boolean {
  return ruleVerdict(rule, facts).holds;
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
  if (transition.guard) {
    const verdict = ruleVerdict(transition.guard.rule, guardFactsFor(facts, user));
    if (verdict.refusal === 'RULE_BUDGET_EXCEEDED') return block(verdict.refusal, TEXTS.budget[lang]);
    if (verdict.refusal === 'FORBIDDEN_OPERATOR') return block(verdict.refusal, TEXTS.operator[lang]);
    if (!verdict.holds) return block('GUARD', localize(transition.guard.message, lang, TEXTS.guard[lang]));
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
