import { parseIsoDuration } from '../duration.js';
import { compoundIndexed, percentOf } from './money.js';

/**
 * Contribution plans (F-10.3), pure and workflow-safe: the schedule of due dates and amounts, the
 * formula (indexation, penalties, grace, call-ahead), and which version applies to which due date.
 * Timings are ISO 8601 durations (P30D in production, PT5S in tests); amounts are integer cents.
 */

export type PlanSchedule =
  /** Explicit lines: amounts and due dates as agreed. */
  | { kind: 'EXPLICIT'; items: { dueAt: string; amount: number }[] }
  /** "monthly on the 5th for 36 months" from a first month (YYYY-MM), at 00:00 UTC. */
  | { kind: 'MONTHLY'; dayOfMonth: number; firstMonth: string; count: number; amount: number }
  /** Every fixed duration from a start (weekly: P7D; tests: PT5S). */
  | { kind: 'INTERVAL'; start: string; every: string; count: number; amount: number };

export type PenaltyRule =
  | { kind: 'FIXED'; amount: number; every: string; maxPeriods: number }
  | { kind: 'PERCENT'; rateBp: number; every: string; maxPeriods: number };

export interface PlanFormula {
  /** Indexation rate per period (basis points), counted from the plan's start; null = none. */
  indexation: { rateBp: number; every: string } | null;
  /** Penalty per late period; null = none. */
  penalty: PenaltyRule | null;
  /** How long after the due date a line becomes late. */
  grace: string;
  /** How long before the due date the call for funds goes out. */
  callAhead: string;
  /** A reminder this long before the due date when no proof came in; null = none. */
  reminderBefore: string | null;
}

export interface PlanVersionInput {
  version: number;
  /** ISO date-time: the version governs due dates from this instant on (the past is never rewritten). */
  effectiveFrom: string;
  schedule: PlanSchedule;
  formula: PlanFormula;
}

export interface DueLine {
  /** 1-based rank of the due date in the plan (stable: earlier lines never move). */
  seq: number;
  dueAt: string;
  /** Amount of the schedule before indexation. */
  baseAmount: number;
  /** Indexation added on top (0 when none). */
  indexation: number;
  /** baseAmount + indexation: what is called. */
  amount: number;
  planVersion: number;
}

const DAY = 86_400_000;

/** Due dates and base amounts of one schedule, in date order. */
export function scheduleItems(schedule: PlanSchedule): { dueAt: number; amount: number }[] {
  switch (schedule.kind) {
    case 'EXPLICIT':
      return schedule.items
        .map((i) => ({ dueAt: Date.parse(i.dueAt), amount: i.amount }))
        .sort((a, b) => a.dueAt - b.dueAt);
    case 'MONTHLY': {
      const [y, m] = schedule.firstMonth.split('-').map(Number) as [number, number];
      return Array.from({ length: schedule.count }, (_, i) => ({
        dueAt: Date.UTC(y, m - 1 + i, schedule.dayOfMonth),
        amount: schedule.amount,
      }));
    }
    case 'INTERVAL': {
      const start = Date.parse(schedule.start);
      const every = parseIsoDuration(schedule.every);
      return Array.from({ length: schedule.count }, (_, i) => ({
        dueAt: start + i * every,
        amount: schedule.amount,
      }));
    }
  }
}

/** Problems with a schedule or formula, as { field, message } (empty = valid). */
export function checkPlanVersion(
  input: Omit<PlanVersionInput, 'version'>,
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const durations: [string, string | null | undefined][] = [
    ['formula.grace', input.formula.grace],
    ['formula.callAhead', input.formula.callAhead],
    ['formula.reminderBefore', input.formula.reminderBefore],
    ['formula.indexation.every', input.formula.indexation?.every],
    ['formula.penalty.every', input.formula.penalty?.every],
  ];
  if (input.schedule.kind === 'INTERVAL') durations.push(['schedule.every', input.schedule.every]);
  for (const [field, value] of durations) {
    if (value === null || value === undefined) continue;
    try {
      if (parseIsoDuration(value) <= 0) errors.push({ field, message: 'must be longer than zero' });
    } catch (err) {
      errors.push({ field, message: (err as Error).message });
    }
  }
  if (Number.isNaN(Date.parse(input.effectiveFrom)))
    errors.push({ field: 'effectiveFrom', message: 'must be an ISO date-time' });
  if (input.schedule.kind === 'EXPLICIT') {
    const seen = new Set<number>();
    input.schedule.items.forEach((item, i) => {
      const at = Date.parse(item.dueAt);
      if (Number.isNaN(at))
        errors.push({ field: `schedule.items.${i}.dueAt`, message: 'must be a date-time' });
      if (seen.has(at)) errors.push({ field: `schedule.items.${i}.dueAt`, message: 'duplicate due date' });
      seen.add(at);
    });
  }
  if (input.schedule.kind === 'MONTHLY' && !/^\d{4}-(0[1-9]|1[0-2])$/.test(input.schedule.firstMonth))
    errors.push({ field: 'schedule.firstMonth', message: 'must be YYYY-MM' });
  return errors;
}

/** Whole indexation periods between the plan's start and a due date. */
export function indexationPeriods(formula: PlanFormula, planStart: number, dueAt: number): number {
  if (!formula.indexation || formula.indexation.rateBp === 0) return 0;
  const every = parseIsoDuration(formula.indexation.every);
  return Math.max(0, Math.floor((dueAt - planStart) / every));
}

/**
 * Every due line of a plan across its versions: version v governs the due dates of its own schedule
 * from its effectiveFrom until the next version's. The plan's start (indexation anchor) is the first
 * version's effectiveFrom. Lines before a version's effectiveFrom keep the amounts of the version
 * that governed them, so a new version never rewrites the past.
 */
export function planLines(versions: readonly PlanVersionInput[]): DueLine[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  if (!sorted.length) return [];
  const planStart = Date.parse(sorted[0]!.effectiveFrom);
  const lines: Omit<DueLine, 'seq'>[] = [];
  sorted.forEach((v, i) => {
    const from = Date.parse(v.effectiveFrom);
    const next = sorted[i + 1];
    const until = next ? Date.parse(next.effectiveFrom) : Number.POSITIVE_INFINITY;
    for (const item of scheduleItems(v.schedule)) {
      if (item.dueAt < from || item.dueAt >= until) continue;
      const periods = indexationPeriods(v.formula, planStart, item.dueAt);
      const amount = v.formula.indexation
        ? compoundIndexed(item.amount, v.formula.indexation.rateBp, periods)
        : item.amount;
      lines.push({
        dueAt: new Date(item.dueAt).toISOString(),
        baseAmount: item.amount,
        indexation: amount - item.amount,
        amount,
        planVersion: v.version,
      });
    }
  });
  lines.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
  return lines.map((l, i) => ({ ...l, seq: i + 1 }));
}

/** The version governing a due date (the latest whose effectiveFrom is not after it). */
export function versionAt<T extends { version: number; effectiveFrom: string }>(
  versions: readonly T[],
  at: number,
): T | undefined {
  return [...versions].sort((a, b) => b.version - a.version).find((v) => Date.parse(v.effectiveFrom) <= at);
}

/** When a line becomes late: its due date plus the grace period. */
export function lateAt(formula: PlanFormula, dueAt: number): number {
  return dueAt + parseIsoDuration(formula.grace);
}

/** How many penalty periods have started at `now` for an unsettled line (0 before it is late). */
export function penaltyPeriodsDue(formula: PlanFormula, dueAt: number, now: number): number {
  const late = lateAt(formula, dueAt);
  if (!formula.penalty || now < late) return 0;
  const every = parseIsoDuration(formula.penalty.every);
  return Math.min(formula.penalty.maxPeriods, Math.floor((now - late) / every) + 1);
}

/** When penalty period n (1-based) starts. */
export function penaltyPeriodStart(formula: PlanFormula, dueAt: number, n: number): number {
  const every = formula.penalty ? parseIsoDuration(formula.penalty.every) : DAY;
  return lateAt(formula, dueAt) + (n - 1) * every;
}

/** The penalty of one late period on a line of `amount` cents. */
export function penaltyAmount(rule: PenaltyRule, amount: number): number {
  return rule.kind === 'FIXED' ? rule.amount : percentOf(amount, rule.rateBp);
}
