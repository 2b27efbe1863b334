import { DefinitionErrorCode, type DefinitionProblem } from './definition-error.js';
import { isDocumentedFactPath } from './fact-paths.js';
import { costProblems } from './json-logic-cost.js';
import { pointer } from './json-pointer.js';

/**
 * Operators a guard may use: pure comparisons, logic, arithmetic, strings and arrays. Left out on purpose:
 * "log" (writes to the console) and anything added with add_operation (could do I/O or be nondeterministic).
 */
export const ALLOWED_JSON_LOGIC_OPERATORS: readonly string[] = [
  'var', 'missing', 'missing_some',
  'if', '?:', '==', '===', '!=', '!==', '!', '!!', 'or', 'and',
  '>', '>=', '<', '<=', 'max', 'min', '+', '-', '*', '/', '%',
  'map', 'filter', 'reduce', 'all', 'none', 'some', 'merge', 'in',
  'cat', 'substr',
]; // prettier-ignore

const ALLOWED = new Set(ALLOWED_JSON_LOGIC_OPERATORS);

/**
 * Their second argument runs once per array item, reading the item; the others (the array, and
 * reduce's seed) are read in the enclosing scope.
 */
const ITERATING_OPERATORS = new Set(['map', 'filter', 'reduce', 'all', 'none', 'some']);

type Scope = 'facts' | 'item';

const FACT_ROOTS = 'dossier.*, parties.*, counts.*, consents.*, user.*, daysInState, now';

function unknownFact(path: string, name: string): DefinitionProblem {
  return {
    path,
    code: DefinitionErrorCode.UNKNOWN_FACT,
    message: `The condition reads "${name}", which is not a documented fact (available: ${FACT_ROOTS})`,
  };
}

function checkFactName(name: unknown, path: string, problems: DefinitionProblem[]): void {
  if (typeof name === 'string' && isDocumentedFactPath(name)) return;
  if (typeof name === 'string' || typeof name === 'number') {
    problems.push(unknownFact(path, String(name)));
    return;
  }
  problems.push({
    path,
    code: DefinitionErrorCode.UNKNOWN_FACT,
    message: 'The condition must name the fact it reads directly, e.g. {"var": "dossier.amount"}',
  });
}

function walk(node: unknown, path: string, scope: Scope, problems: DefinitionProblem[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => walk(item, pointer(path, i), scope, problems));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const keys = Object.keys(node);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    problems.push({
      path,
      code: DefinitionErrorCode.FORBIDDEN_OPERATOR,
      message: `Each condition must use exactly one operator, found ${keys.length === 0 ? 'none' : keys.join(', ')}`,
    });
    return;
  }
  const args: unknown = (node as Record<string, unknown>)[operator];
  const at = pointer(path, operator);
  if (!ALLOWED.has(operator)) {
    problems.push({
      path: at,
      code: DefinitionErrorCode.FORBIDDEN_OPERATOR,
      message: `The operator "${operator}" cannot be used in a condition; allowed: ${ALLOWED_JSON_LOGIC_OPERATORS.join(' ')}`,
    });
    return;
  }
  if (operator === 'var') return checkVar(args, at, scope, problems);
  if (operator === 'missing' || operator === 'missing_some')
    return checkMissing(operator, args, at, scope, problems);
  if (ITERATING_OPERATORS.has(operator) && Array.isArray(args)) {
    args.forEach((arg, i) => walk(arg, pointer(at, i), i === 1 ? 'item' : scope, problems));
    return;
  }
  walk(args, at, scope, problems);
}

function checkVar(args: unknown, at: string, scope: Scope, problems: DefinitionProblem[]): void {
  const [name, fallback, ...rest] = Array.isArray(args) ? args : [args];
  const namePath = Array.isArray(args) ? pointer(at, 0) : at;
  if (fallback !== undefined) walk(fallback, pointer(at, 1), scope, problems);
  if (rest.length > 0) walk(rest, at, scope, problems);
  // Inside map/filter/all… a var names a field of the current item (or "current"/"accumulator"):
  // the item's shape is not known statically, so only fixed-name use is enforced there.
  if (scope === 'item') {
    if (name !== null && typeof name === 'object') walk(name, namePath, scope, problems);
    return;
  }
  checkFactName(name, namePath, problems);
}

function checkMissing(
  operator: string,
  args: unknown,
  at: string,
  scope: Scope,
  problems: DefinitionProblem[],
): void {
  const list = operator === 'missing_some' && Array.isArray(args) ? args[1] : args;
  const listPath = operator === 'missing_some' ? pointer(at, 1) : at;
  if (!Array.isArray(list)) return walk(list, listPath, scope, problems);
  list.forEach((name, i) => {
    const itemPath = pointer(listPath, i);
    if (typeof name === 'string' && scope === 'facts') checkFactName(name, itemPath, problems);
    else if (typeof name !== 'string') walk(name, itemPath, scope, problems);
  });
}

/**
 * Bounds of one rule, so evaluating it takes bounded time and stack whatever a manager (or an
 * attacker with WORKFLOW_ADMIN) writes: real guards are a few levels and a few dozen nodes. Nested
 * iterations multiply (a map inside a map inside a map…), so they are capped separately.
 */
export const RULE_LIMITS = { depth: 32, nodes: 2000, nestedIterations: 2 } as const;

/** Size of a rule, walked without recursion and abandoned as soon as a limit is passed. */
export function ruleSize(rule: unknown): { depth: number; nodes: number; withinLimits: boolean } {
  let nodes = 0;
  let maxDepth = 0;
  const stack: Array<[unknown, number, number]> = [[rule, 1, 0]];
  while (stack.length) {
    const [node, depth, iterations] = stack.pop()!;
    nodes++;
    maxDepth = Math.max(maxDepth, depth);
    if (nodes > RULE_LIMITS.nodes || depth > RULE_LIMITS.depth || iterations > RULE_LIMITS.nestedIterations)
      return { depth: maxDepth, nodes, withinLimits: false };
    if (!node || typeof node !== 'object') continue;
    const iterating = !Array.isArray(node) && Object.keys(node).some((k) => ITERATING_OPERATORS.has(k));
    for (const child of Object.values(node as Record<string, unknown>))
      stack.push([child, depth + 1, iterations + (iterating ? 1 : 0)]);
  }
  return { depth: maxDepth, nodes, withinLimits: true };
}

/**
 * Static problems of one guard rule: size, operators outside the allow-list, facts outside the
 * documented ones, and a cost that can grow exponentially (json-logic-cost.ts).
 */
export function inspectGuardRule(rule: unknown, rulePath: string): DefinitionProblem[] {
  if (!ruleSize(rule).withinLimits)
    return [
      {
        path: rulePath,
        code: DefinitionErrorCode.RULE_TOO_LARGE,
        message: `The rule is too large: at most ${RULE_LIMITS.depth} levels, ${RULE_LIMITS.nodes} nodes and ${RULE_LIMITS.nestedIterations} nested map/filter/reduce/all/some/none`,
      },
    ];
  const problems: DefinitionProblem[] = [];
  walk(rule, rulePath, 'facts', problems);
  problems.push(...costProblems(rule, rulePath));
  return problems;
}
