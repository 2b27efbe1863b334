import { RULE_BUDGET } from '../../definitions/json-logic-budget.js';
import { failures } from '../failures.js';
import type { DomainFieldError } from '../domain-error.js';

const fail = failures('engine');

/**
 * The refusal of a simulation whose rule (a draft's guard, a scoring condition) spent its
 * evaluation budget: 422 `rule-budget-exceeded`, one field error per rule, at its JSON pointer.
 */
export function ruleBudgetProblem(fields: string[], params: Record<string, unknown> = {}) {
  const errors: DomainFieldError[] = fields.map((field) => ({
    field,
    code: 'RULE_BUDGET_EXCEEDED',
    message: `The rule needs more than ${RULE_BUDGET.operations} operations or ${RULE_BUDGET.elements} elements to evaluate: simplify it`,
    params: { ...RULE_BUDGET, ...params },
  }));
  return fail.rejected(
    'RULE_BUDGET_EXCEEDED',
    'A rule was stopped before its end because it needs too much computation; see errors for each rule.',
    { fieldErrors: errors },
  );
}
