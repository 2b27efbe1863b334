import { guardHolds } from './guards.js';
import type { ScoringRuleset } from './scoring-rules.schema.js';

/** Workflow-safe (no ajv, no I/O, deterministic): the score of one set of facts under a ruleset. */

export interface ScoreResult {
  score: number;
  matched: { code: string; points: number }[];
}

export function scoreOf(ruleset: ScoringRuleset, facts: unknown): ScoreResult {
  const matched: ScoreResult['matched'] = [];
  let sum = 0;
  for (const rule of ruleset.rules) {
    // guardHolds treats a rule that throws as not matching: one broken rule never blocks scoring.
    if (!guardHolds(rule.when as Record<string, unknown>, facts)) continue;
    matched.push({ code: rule.code, points: rule.points });
    sum += rule.points;
  }
  return { score: Math.max(0, Math.min(100, Math.round(sum))), matched };
}
