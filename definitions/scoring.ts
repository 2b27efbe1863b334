import { ruleVerdict } from './guards.js';
import type { ScoringRuleset } from './scoring-rules.schema.js';

/** Workflow-safe (no ajv, no I/O, deterministic): the score of one set of facts under a ruleset. */

export interface ScoreResult {
  score: number;
  matched: { code: string; points: number }[];
  /** Only when some are: rules that could not be evaluated within the budget (or use a forbidden operator): not matched. */
  refused?: { index: number; code: string; reason: 'RULE_BUDGET_EXCEEDED' | 'FORBIDDEN_OPERATOR' }[];
}

export function scoreOf(ruleset: ScoringRuleset, facts: unknown): ScoreResult {
  const matched: ScoreResult['matched'] = [];
  const refused: NonNullable<ScoreResult['refused']> = [];
  let sum = 0;
  ruleset.rules.forEach((rule, index) => {
    // A rule that throws, or is refused, does not match: one broken rule never blocks scoring.
    const verdict = ruleVerdict(rule.when, facts);
    if (verdict.refusal) refused.push({ index, code: rule.code, reason: verdict.refusal });
    if (!verdict.holds) return;
    matched.push({ code: rule.code, points: rule.points });
    sum += rule.points;
  });
  const score = Math.max(0, Math.min(100, Math.round(sum)));
  return refused.length ? { score, matched, refused } : { score, matched };
}
