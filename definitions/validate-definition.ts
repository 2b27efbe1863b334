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

/** "/states/3/timers/0/to" → '"to" of timer 1 of state NEGOTIATION': words a manager can follow. */
function place(input: unknown, instancePath: string): string {
  if (instancePath === '') return 'The definition';
  const segments = instancePath.slice(1).split('/');
  const words: string[] = [];
  let node: unknown = input;
  segments.forEach((segment, i) => {
    const parent = node;
    node =
      parent !== null && typeof parent === 'object'
        ? (parent as Record<string, unknown>)[segment]
        : undefined;
    if (!/^\d+$/.test(segment)) {
      if (!/^\d+$/.test(segments[i + 1] ?? ''))
        words.push(`"${segment.replace(/~1/g, '/').replace(/~0/g, '~')}"`);
      return;
    }
    const item = (node ?? {}) as Record<string, unknown>;
    const owner = segments[i - 1];
    const n = Number(segment) + 1;
    if (owner === 'states') words.push(`state ${typeof item.code === 'string' ? item.code : n}`);
    else if (owner === 'transitions' && typeof item.from === 'string' && typeof item.to === 'string') {
      words.push(`transition ${item.from} → ${item.to}`);
    } else words.push(`${(owner ?? 'item').replace(/s$/, '')} ${n}`);
  });
  const text = words.reverse().join(' of ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describe(error: ErrorObject, input: unknown): string {
  const where = place(input, error.instancePath);
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
      if (error.instancePath.endsWith('/permission')) {
        return `${where} is not a known permission; use one of: ${(error.params.allowedValues as unknown[]).join(', ')}`;
      }
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

function toProblem(error: ErrorObject, input: unknown): DefinitionProblem {
  const isPermission =
    error.keyword === 'enum' && /^\/transitions\/\d+\/permission$/.test(error.instancePath);
  // "required"/"additionalProperties" concern a child field: point at it.
  const child =
    error.keyword === 'required'
      ? String(error.params.missingProperty)
      : error.keyword === 'additionalProperties'
        ? String(error.params.additionalProperty)
        : undefined;
  return {
    path: child === undefined ? error.instancePath : `${error.instancePath}/${child}`,
    message: describe(error, input),
    code: isPermission ? DefinitionErrorCode.UNKNOWN_PERMISSION : DefinitionErrorCode.SCHEMA,
  };
}

/** Branch failures inside anyOf ("fr missing", "en missing") are summed up by the anyOf error itself. */
function shapeErrors(errors: ErrorObject[] | null | undefined): ErrorObject[] {
  return (errors ?? []).filter((e) => !e.schemaPath.includes('/anyOf/'));
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
    const errors = dedupe(shapeErrors(validateShape.errors).map((e) => toProblem(e, input)));
    return { valid: false, errors };
  }
  const errors = checkDefinition(input, ctx);
  return { valid: errors.length === 0, errors };
}

/** For the simulator: hand-written facts must match guard-facts.schema.json. */
export function validateGuardFacts(input: unknown): DefinitionValidation {
  if (validateFacts(input)) return { valid: true, errors: [] };
  return { valid: false, errors: dedupe(shapeErrors(validateFacts.errors).map((e) => toProblem(e, input))) };
}

export type { StaticCheckContext };
