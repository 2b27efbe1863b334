import { Ajv, type ErrorObject } from 'ajv';
import { DefinitionErrorCode, type DefinitionProblem } from './definition-error.js';
import { guardFactsSchema } from './guard-facts.schema.js';
import { checkDefinition, type StaticCheckContext } from './static-checks.js';
import { workflowDefinitionSchema } from './workflow-definition.schema.js';
import type { GuardFacts } from './guard-facts.schema.js';
import type { WorkflowDefinitionBody } from './workflow-definition.schema.js';

/** API-side only (pulls in ajv): the workflow bundle uses guards.ts / duration.ts instead. */

export interface DefinitionValidation {
  valid: boolean;
  errors: DefinitionProblem[];
}

// allErrors: a manager fixes everything in one pass; discriminator: timer errors name the right branch.
const ajv = new Ajv({ allErrors: true, discriminator: true, strict: false });
const validateShape = ajv.compile<WorkflowDefinitionBody>(workflowDefinitionSchema);
const validateFacts = ajv.compile<GuardFacts>(guardFactsSchema);

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'The definition' : `"${error.instancePath.split('/').pop()}"`;
  switch (error.keyword) {
    case 'required':
      return `${where} is missing "${String(error.params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where} has an unexpected field "${String(error.params.additionalProperty)}"`;
    case 'pattern':
      return error.instancePath.endsWith('requiredFields') || /requiredFields\/\d+$/.test(error.instancePath)
        ? `${where} is not a field path like "amount" or "criteria.rooms"`
        : `${where} must be an upper-case code like NEW or CRM_QUALIFIED (letters, digits, _)`;
    case 'enum':
      return `${where} must be one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'anyOf':
      return `${where} needs at least a French ("fr") or English ("en") text`;
    case 'minProperties':
    case 'maxProperties':
      return error.instancePath.endsWith('/rule')
        ? `${where} must be a JsonLogic rule with exactly one operator`
        : `${where} ${error.message ?? 'is not valid'}`;
    case 'discriminator':
      return `${where} must have an "action": remindAgent, escalateManager or autoTransition`;
    default:
      return `${where} ${error.message ?? 'is not valid'}`;
  }
}

function toProblem(error: ErrorObject): DefinitionProblem {
  const isPermission = error.keyword === 'enum' && /^\/transitions\/\d+\/permission$/.test(error.instancePath);
  // "required"/"additionalProperties" concern a child field: point at it.
  const child =
    error.keyword === 'required'
      ? String(error.params.missingProperty)
      : error.keyword === 'additionalProperties'
        ? String(error.params.additionalProperty)
        : undefined;
  return {
    path: child === undefined ? error.instancePath : `${error.instancePath}/${child}`,
    message: describe(error),
    code: isPermission ? DefinitionErrorCode.UNKNOWN_PERMISSION : DefinitionErrorCode.SCHEMA,
  };
}

function dedupe(problems: DefinitionProblem[]): DefinitionProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Validates a workflow definition: first its shape (JSON schema), then — only if the shape is right —
 * the static rules (F-2.2). Paths are JSON pointers into the input ("/states/2/code"; "" = whole document).
 */
export function validateDefinition(input: unknown, ctx: StaticCheckContext): DefinitionValidation {
  if (!validateShape(input)) {
    const errors = dedupe((validateShape.errors ?? []).filter((e) => e.keyword !== 'if').map(toProblem));
    return { valid: false, errors };
  }
  const errors = checkDefinition(input, ctx);
  return { valid: errors.length === 0, errors };
}

/** For the simulator: hand-written facts must match guard-facts.schema.json. */
export function validateGuardFacts(input: unknown): DefinitionValidation {
  if (validateFacts(input)) return { valid: true, errors: [] };
  return { valid: false, errors: dedupe((validateFacts.errors ?? []).map(toProblem)) };
}

export type { StaticCheckContext };
