import type { PenaltyRule, PlanFormula } from './plan.js';

/**
 * A cooperative group's rules (F-10.1). They are the defaults a new contribution plan's formula starts
 * from (a plan version then carries its own complete formula, so it stays reproducible) and they
 * govern allocation: FIFO order, lot preferences, the cut-off day for "up to date".
 */
export interface CoopGroupRules {
  allocation: {
    /** Members are served in FIFO rank order (the only order the product supports). */
    order: 'FIFO';
    /** When true, a member's ordered lot preferences are honoured (else the first available lot). */
    usePreferences: boolean;
    /** Day of the month (1-28) whose end is the default cut-off for "up to date"; null = the run's time. */
    cutOffDay: number | null;
  };
  indexation: { rateBp: number; every: string } | null;
  penalty: PenaltyRule | null;
  grace: string;
  callAhead: string;
  reminderBefore: string | null;
}

export const DEFAULT_GROUP_RULES: CoopGroupRules = {
  allocation: { order: 'FIFO', usePreferences: false, cutOffDay: null },
  indexation: null,
  penalty: { kind: 'PERCENT', rateBp: 100, every: 'P30D', maxPeriods: 12 },
  grace: 'P5D',
  callAhead: 'P10D',
  reminderBefore: 'P2D',
};

/** The formula a new plan gets from its group's rules, field by field where the plan says nothing. */
export function formulaFromRules(rules: CoopGroupRules, given: Partial<PlanFormula> = {}): PlanFormula {
  return {
    indexation: given.indexation !== undefined ? given.indexation : rules.indexation,
    penalty: given.penalty !== undefined ? given.penalty : rules.penalty,
    grace: given.grace ?? rules.grace,
    callAhead: given.callAhead ?? rules.callAhead,
    reminderBefore: given.reminderBefore !== undefined ? given.reminderBefore : rules.reminderBefore,
  };
}

/**
 * The cut-off for an allocation run at `now`: the end (23:59:59.999 UTC) of the latest cut-off day
 * not after now, or now itself when the group has no cut-off day.
 */
export function defaultCutoff(rules: CoopGroupRules, now: number): number {
  const day = rules.allocation.cutOffDay;
  if (!day) return now;
  const d = new Date(now);
  const thisMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day, 23, 59, 59, 999);
  return thisMonth <= now
    ? thisMonth
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, day, 23, 59, 59, 999);
}
