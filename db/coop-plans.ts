import { parseIsoDuration } from '../definitions/duration.js';
import { planLines, versionAt, type DueLine, type PlanVersionInput } from '../definitions/coop/plan.js';
import { CoopPlanVersion, type ICoopPlanVersion } from './entities/index.js';
import type { Em } from './orm.js';

export function planVersionInput(v: ICoopPlanVersion): PlanVersionInput {
  return {
    version: v.version,
    effectiveFrom: v.effectiveFrom.toISOString(),
    schedule: v.schedule,
    formula: v.formula,
  };
}

export async function planVersions(em: Em, planId: string): Promise<PlanVersionInput[]> {
  const rows = await em.find(CoopPlanVersion, { planId }, { orderBy: { version: 'asc' } });
  return rows.map(planVersionInput);
}

export interface TimedLine extends DueLine {
  callAt: number;
  reminderAt: number | null;
  lateAt: number;
  penaltyEvery: number | null;
  maxPenalties: number;
}

/** Every due line of the plan with the timings of the version that governs it. */
export function timedLines(versions: readonly PlanVersionInput[]): TimedLine[] {
  return planLines(versions).map((line) => {
    const due = Date.parse(line.dueAt);
    const formula = (versionAt(versions, due) ?? versions[0]!).formula;
    return {
      ...line,
      callAt: due - parseIsoDuration(formula.callAhead),
      reminderAt: formula.reminderBefore ? due - parseIsoDuration(formula.reminderBefore) : null,
      lateAt: due + parseIsoDuration(formula.grace),
      penaltyEvery: formula.penalty ? parseIsoDuration(formula.penalty.every) : null,
      maxPenalties: formula.penalty?.maxPeriods ?? 0,
    };
  });
}

/** The formula governing a due date of the plan. */
export function formulaAt(versions: readonly PlanVersionInput[], dueAt: Date) {
  return (versionAt(versions, dueAt.getTime()) ?? versions[0]!).formula;
}
