import jsonLogic from 'json-logic-js';
import { ALLOWED_JSON_LOGIC_OPERATORS } from './json-logic-rules.js';

/**
 * Workflow-safe (no I/O, no clock, deterministic): JsonLogic evaluation with a budget, so no rule a
 * manager writes can freeze the process. json-logic-js stays the evaluator; it recurses through
 * `jsonLogic.apply`, so wrapping that one function meters every node it evaluates, including each
 * item of map/filter/reduce/all/some/none. The budget counts, it never times: the same rule on the
 * same facts is refused the same way on every run and every replay.
 */

export const RULE_BUDGET = {
  /** Nodes evaluated (an operator, an argument, one item of an iteration each count one). */
  operations: 20_000,
  /**
   * Array elements and string characters produced or handed on by those nodes, counted through
   * nested arrays (what converting a value to text, as == or cat do, would walk).
   */
  elements: 200_000,
} as const;

export type RuleBudget = { readonly operations: number; readonly elements: number };

/** Thrown out of an evaluation that spent its budget; `spent` says which count ran out. */
export class RuleBudgetExceeded extends Error {
  override name = 'RuleBudgetExceeded';
  readonly code = 'RULE_BUDGET_EXCEEDED';
  constructor(
    readonly spent: 'operations' | 'elements',
    readonly limit: number,
  ) {
    super(`The rule needs more than ${limit} ${spent} to evaluate`);
  }
}

/** Thrown when a rule uses an operator outside the allow-list (drafts are evaluated unchecked). */
export class ForbiddenRuleOperator extends Error {
  override name = 'ForbiddenRuleOperator';
  readonly code = 'FORBIDDEN_OPERATOR';
  constructor(readonly operator: string) {
    super(`The operator "${operator}" cannot be used in a condition`);
  }
}

interface Meter {
  budget: RuleBudget;
  operations: number;
  elements: number;
}

const ALLOWED = new Set(ALLOWED_JSON_LOGIC_OPERATORS);
let meter: Meter | undefined;

function spend(m: Meter, elements: number): void {
  m.elements += elements;
  if (m.elements > m.budget.elements) throw new RuleBudgetExceeded('elements', m.budget.elements);
}

/** Charges a value's size: strings by length, arrays by their elements, nested arrays included. */
function chargeValue(m: Meter, value: unknown): void {
  if (typeof value === 'string') return spend(m, value.length);
  if (!Array.isArray(value)) return;
  // Iterative and stopped by spend(): a shared, deeply nested result costs what walking it would.
  const stack: unknown[][] = [value];
  for (let array = stack.pop(); array; array = stack.pop()) {
    spend(m, array.length);
    for (const item of array) {
      if (typeof item === 'string') spend(m, item.length);
      else if (Array.isArray(item)) stack.push(item);
    }
  }
}

const baseApply = jsonLogic.apply.bind(jsonLogic);

function meteredApply(logic: unknown, data: unknown): unknown {
  const m = meter;
  if (!m) return baseApply(logic as jsonLogic.RulesLogic, data);
  if (++m.operations > m.budget.operations) throw new RuleBudgetExceeded('operations', m.budget.operations);
  if (jsonLogic.is_logic(logic)) {
    const operator = jsonLogic.get_operator(logic as Record<string, unknown>);
    if (!ALLOWED.has(operator)) throw new ForbiddenRuleOperator(operator);
  }
  const result: unknown = baseApply(logic as jsonLogic.RulesLogic, data);
  chargeValue(m, result);
  return result;
}

jsonLogic.apply = meteredApply as typeof jsonLogic.apply;
// The library's merge concatenates one argument at a time (quadratic in the number of arguments);
// one concat gives the same array in linear time, so the element count stays a bound on the work.
jsonLogic.add_operation('merge', (...args: unknown[]) => ([] as unknown[]).concat(...args));

function run(rule: unknown, data: unknown, own: Meter): unknown {
  const outer = meter;
  meter = own;
  try {
    return jsonLogic.apply(rule as jsonLogic.RulesLogic, data);
  } finally {
    meter = outer;
  }
}

/**
 * `rule` applied to `data` by json-logic-js, within `budget`. Throws RuleBudgetExceeded or
 * ForbiddenRuleOperator, or whatever the rule itself throws.
 */
export function evaluateRule(rule: unknown, data: unknown, budget: RuleBudget = RULE_BUDGET): unknown {
  return run(rule, data, { budget, operations: 0, elements: 0 });
}

/** What an evaluation cost (for tests and measurements of the budget), and its result or error. */
export function measureRule(
  rule: unknown,
  data: unknown,
  budget: RuleBudget = RULE_BUDGET,
): { operations: number; elements: number; result?: unknown; error?: unknown } {
  const own: Meter = { budget, operations: 0, elements: 0 };
  try {
    const result = run(rule, data, own);
    return { operations: own.operations, elements: own.elements, result };
  } catch (error) {
    return { operations: own.operations, elements: own.elements, error };
  }
}
