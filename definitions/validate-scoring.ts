import { Ajv, type ErrorObject } from 'ajv';
import { DefinitionErrorCode, type DefinitionProblem } from './definition-error.js';
import { inspectGuardRule } from './json-logic-rules.js';
import { pointer } from './json-pointer.js';
import { scoringRulesSchema, type ScoringRuleset } from './scoring-rules.schema.js';

/** API-side only (pulls in ajv): shape, then each rule's condition like a transition guard. */

export interface ScoringValidation {
  valid: boolean;
  errors: DefinitionProblem[];
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile<ScoringRuleset>(scoringRulesSchema);

function toProblem(error: ErrorObject): DefinitionProblem {
  // "required"/"additionalProperties" concern a child field: point at it.
  const child =
    error.keyword === 'required'
      ? String(error.params.missingProperty)
      : error.keyword === 'additionalProperties'
        ? String(error.params.additionalProperty)
        : undefined;
  const path = child === undefined ? error.instancePath : pointer(error.instancePath, child);
  const message =
    error.keyword === 'required'
      ? `"${child}" is required`
      : error.keyword === 'additionalProperties'
        ? `unexpected field "${child}"`
        : (error.message ?? 'is not valid');
  return { path, message, code: DefinitionErrorCode.SCHEMA };
}

export function isScoringRulesetShape(input: unknown): input is ScoringRuleset {
  return validateShape(input);
}

/** Every problem of a ruleset, each with a JSON pointer into it ('' = the whole document). */
export function validateScoring(input: unknown): ScoringValidation {
  if (!validateShape(input)) {
    const errors = (validateShape.errors ?? []).map(toProblem);
    return { valid: false, errors };
  }
  const errors: DefinitionProblem[] = [];
  const seen = new Map<string, number>();
  input.rules.forEach((rule, i) => {
    const first = seen.get(rule.code);
    if (first !== undefined) {
      errors.push({
        path: pointer('/rules', i, 'code'),
        message: `The code ${rule.code} is already used by rule ${first + 1}`,
        code: DefinitionErrorCode.DUPLICATE_RULE,
      });
    } else seen.set(rule.code, i);
    errors.push(...inspectGuardRule(rule.when, pointer('/rules', i, 'when')));
  });
  return { valid: errors.length === 0, errors };
}
