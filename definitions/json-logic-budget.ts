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
   * Size of the values those nodes produce or hand on, as the text they can become (what == or
   * cat would walk): a string's characters, a number's digits, an array's elements through nested
   * arrays. Bounds the memory and the work an evaluation can take.
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

/** Characters a non-array value can become when an operator turns it into text (cat, ==, in, +…). */
function textSize(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number') return String(value).length;
  if (value !== null && typeof value === 'object') return 15; // "[object Object]"
  return 5; // true, false, null, undefined: at most "false"
}

/**
 * Charges what a value could cost to walk or turn into text: the text it can become, and for an
 * array each of its elements (nested arrays included) plus a separator. So an operator's value,
 * even cat's text of an array, is never larger than its charged inputs.
 */
function chargeValue(m: Meter, value: unknown): void {
  if (!Array.isArray(value)) return spend(m, textSize(value));
  // Iterative and stopped by spend() at the first element past the budget: a shared, deeply nested
  // result costs what walking it would, and a large fact no more than the budget to find out.
  const stack: unknown[][] = [value];
  for (let array = stack.pop(); array; array = stack.pop()) {
    spend(m, 1);
    for (const item of array) {
      if (Array.isArray(item)) stack.push(item);
      spend(m, 1 + (Array.isArray(item) ? 0 : textSize(item)));
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

// json-logic-js is one shared object with no per-evaluation hook: its apply is replaced once, and
// outside evaluateRule/measureRule (no meter) the wrapper hands straight on to the library.
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
