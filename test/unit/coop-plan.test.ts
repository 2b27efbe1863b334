import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyContributionAction } from '../../definitions/coop/contribution.js';
import {
  checkPlanVersion,
  lateAt,
  penaltyAmount,
  penaltyPeriodsDue,
  planLines,
  scheduleItems,
  type PlanFormula,
} from '../../definitions/coop/plan.js';
import { defaultCutoff, DEFAULT_GROUP_RULES, formulaFromRules } from '../../definitions/coop/rules.js';

const formula: PlanFormula = {
  indexation: null,
  penalty: { kind: 'FIXED', amount: 500, every: 'P30D', maxPeriods: 3 },
  grace: 'P5D',
  callAhead: 'P10D',
  reminderBefore: 'P2D',
};

describe('schedule generation', () => {
  it('monthly on the 5th for 36 months', () => {
    const items = scheduleItems({
      kind: 'MONTHLY',
      dayOfMonth: 5,
      firstMonth: '2026-11',
      count: 36,
      amount: 25000,
    });
    expect(items).toHaveLength(36);
    expect(new Date(items[0]!.dueAt).toISOString()).toBe('2026-11-05T00:00:00.000Z');
    expect(new Date(items[2]!.dueAt).toISOString()).toBe('2027-01-05T00:00:00.000Z');
    expect(new Date(items[35]!.dueAt).toISOString()).toBe('2029-10-05T00:00:00.000Z');
  });

  it('explicit lines are sorted, intervals step by an ISO duration', () => {
    const explicit = scheduleItems({
      kind: 'EXPLICIT',
      items: [
        { dueAt: '2027-02-01T00:00:00Z', amount: 2 },
        { dueAt: '2027-01-01T00:00:00Z', amount: 1 },
      ],
    });
    expect(explicit.map((i) => i.amount)).toEqual([1, 2]);
    const every = scheduleItems({
      kind: 'INTERVAL',
      start: '2027-01-01T00:00:00Z',
      every: 'PT5S',
      count: 3,
      amount: 9,
    });
    expect(every.map((i) => i.dueAt - every[0]!.dueAt)).toEqual([0, 5000, 10000]);
  });

  it('a new version governs from its effective date and never rewrites earlier lines', () => {
    const v1 = {
      version: 1,
      effectiveFrom: '2027-01-01T00:00:00Z',
      schedule: { kind: 'MONTHLY' as const, dayOfMonth: 5, firstMonth: '2027-01', count: 12, amount: 10000 },
      formula,
    };
    const before = planLines([v1]);
    const v2 = {
      ...v1,
      version: 2,
      effectiveFrom: '2027-04-01T00:00:00Z',
      schedule: { ...v1.schedule, amount: 12000 },
    };
    const after = planLines([v1, v2]);
    expect(after).toHaveLength(12);
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    expect(after.slice(3).every((l) => l.amount === 12000 && l.planVersion === 2)).toBe(true);
    expect(after.map((l) => l.seq)).toEqual(before.map((l) => l.seq));
  });

  it('indexation is compounded per whole period from the plan start', () => {
    const lines = planLines([
      {
        version: 1,
        effectiveFrom: '2027-01-01T00:00:00Z',
        schedule: { kind: 'MONTHLY', dayOfMonth: 1, firstMonth: '2027-01', count: 25, amount: 100000 },
        formula: { ...formula, indexation: { rateBp: 200, every: 'P365D' } },
      },
    ]);
    expect(lines[0]!.indexation).toBe(0);
    expect(lines[12]!.amount).toBe(102000); // 2027-01-01 + 365 d = 2028-01-01
    expect(lines[24]!.amount).toBe(104040);
    expect(lines.every((l) => l.amount === l.baseAmount + l.indexation)).toBe(true);
  });

  it('property: lines across versions are in date order with consecutive seq', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 24 }), fc.integer({ min: 0, max: 30 }), (count, cut) => {
        const v1 = {
          version: 1,
          effectiveFrom: '2027-01-01T00:00:00Z',
          schedule: { kind: 'MONTHLY' as const, dayOfMonth: 5, firstMonth: '2027-01', count, amount: 100 },
          formula,
        };
        const v2 = { ...v1, version: 2, effectiveFrom: new Date(Date.UTC(2027, cut, 1)).toISOString() };
        const lines = planLines([v1, v2]);
        lines.forEach((l, i) => expect(l.seq).toBe(i + 1));
        for (let i = 1; i < lines.length; i++)
          expect(Date.parse(lines[i]!.dueAt)).toBeGreaterThan(Date.parse(lines[i - 1]!.dueAt));
      }),
    );
  });

  it('reports invalid durations and dates per field', () => {
    const errors = checkPlanVersion({
      effectiveFrom: 'soon',
      schedule: {
        kind: 'INTERVAL',
        start: '2027-01-01T00:00:00Z',
        every: 'five seconds',
        count: 3,
        amount: 1,
      },
      formula: { ...formula, grace: 'P0D' },
    });
    expect(errors.map((e) => e.field).sort()).toEqual(['effectiveFrom', 'formula.grace', 'schedule.every']);
  });
});

describe('penalties', () => {
  const due = Date.parse('2027-01-05T00:00:00Z');
  it('start after the grace period, one per period, capped', () => {
    const late = lateAt(formula, due);
    expect(penaltyPeriodsDue(formula, due, late - 1)).toBe(0);
    expect(penaltyPeriodsDue(formula, due, late)).toBe(1);
    expect(penaltyPeriodsDue(formula, due, late + 30 * 86_400_000)).toBe(2);
    expect(penaltyPeriodsDue(formula, due, late + 365 * 86_400_000)).toBe(3);
  });
  it('fixed or a percentage of the line', () => {
    expect(penaltyAmount({ kind: 'FIXED', amount: 500, every: 'P30D', maxPeriods: 1 }, 99999)).toBe(500);
    expect(penaltyAmount({ kind: 'PERCENT', rateBp: 150, every: 'P30D', maxPeriods: 1 }, 12345)).toBe(185);
  });
});

describe('contribution line actions', () => {
  it('confirm, reject, waive and reverse follow the line status', () => {
    expect(applyContributionAction('PENDING', 'submitProof', false)).toEqual({
      ok: true,
      to: 'PROOF_SUBMITTED',
    });
    expect(applyContributionAction('PROOF_SUBMITTED', 'reject', false)).toEqual({ ok: true, to: 'REJECTED' });
    expect(applyContributionAction('PROOF_SUBMITTED', 'reject', true)).toEqual({ ok: true, to: 'LATE' });
    expect(applyContributionAction('PENDING', 'reject', false).ok).toBe(false);
    expect(applyContributionAction('CONFIRMED', 'waive', false).ok).toBe(false);
    expect(applyContributionAction('CONFIRMED', 'reverse', true)).toEqual({ ok: true, to: 'LATE' });
  });
});

describe('group rules', () => {
  it('fill a plan formula where the plan says nothing', () => {
    expect(formulaFromRules(DEFAULT_GROUP_RULES, { grace: 'PT2S', penalty: null })).toMatchObject({
      grace: 'PT2S',
      penalty: null,
      callAhead: DEFAULT_GROUP_RULES.callAhead,
    });
  });
  it('cut-off: end of the latest cut-off day, or now', () => {
    const rules = {
      ...DEFAULT_GROUP_RULES,
      allocation: { ...DEFAULT_GROUP_RULES.allocation, cutOffDay: 25 },
    };
    expect(new Date(defaultCutoff(rules, Date.parse('2027-03-10T12:00:00Z'))).toISOString()).toBe(
      '2027-02-25T23:59:59.999Z',
    );
    expect(new Date(defaultCutoff(rules, Date.parse('2027-03-26T00:00:00Z'))).toISOString()).toBe(
      '2027-03-25T23:59:59.999Z',
    );
    expect(defaultCutoff(DEFAULT_GROUP_RULES, 42)).toBe(42);
  });
});
