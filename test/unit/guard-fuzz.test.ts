/**
 * Property-based abuse of the low-code language (issue 9): the JsonLogic guard evaluator and the
 * definition validator never crash and never take unbounded time, whatever rule or definition they
 * are given; oversized rules are refused with a clear code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCodes } from '../../definitions/dictionary-defaults.js';
import { guardHolds, ruleVerdict } from '../../definitions/guards.js';
import {
  evaluateRule,
  measureRule,
  RULE_BUDGET,
  RuleBudgetExceeded,
} from '../../definitions/json-logic-budget.js';
import { inspectGuardRule, RULE_LIMITS, ruleSize } from '../../definitions/json-logic-rules.js';
import { BUILT_IN_TEMPLATES } from '../../definitions/templates/index.js';
import { validateDefinition } from '../../definitions/validate-definition.js';
import { ALLOWED_JSON_LOGIC_OPERATORS } from '../../definitions/json-logic-rules.js';

const ctx = { statusCodes: defaultCodes('CASE_STATUS'), caseTypes: defaultCodes('CASE_TYPE') };
const facts = {
  dossier: { budgetMax: 300_000, caseType: 'ACHAT', statusCode: 'NEW', score: 40 },
  parties: [{ role: 'BUYER' }],
  counts: { activities: { total: 2 } },
  consents: { EMAIL: 'OPT_IN' },
  user: { id: 'u1', roles: ['AGENT'], permissions: [] },
  daysInState: 3,
  now: '2026-11-22T00:00:00.000Z',
};

/** JsonLogic-shaped rules: allowed (and some forbidden) operators over facts and literals. */
const ruleArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.record({
      var: fc.oneof(
        fc.constantFrom('dossier.budgetMax', 'parties', '__proto__', 'constructor.prototype', ''),
        fc.string(),
      ),
    }),
    fc
      .tuple(
        fc.constantFrom(...ALLOWED_JSON_LOGIC_OPERATORS, 'eval', 'method', '__proto__'),
        fc.array(tie('rule'), { maxLength: 3 }),
      )
      .map(([op, args]) => ({ [op]: args })),
  ),
})).rule;

const deep = (levels: number, op = 'and') => {
  let rule: unknown = true;
  for (let i = 0; i < levels; i++) rule = { [op]: [rule] };
  return rule;
};

describe('guard evaluation under adversarial rules', () => {
  it('never throws, always answers a boolean, quickly', () => {
    fc.assert(
      fc.property(ruleArb, fc.jsonValue({ maxDepth: 3 }), (rule, someFacts) => {
        for (const f of [facts, someFacts]) {
          const started = performance.now();
          const holds = guardHolds(rule as Record<string, unknown>, f);
          expect(typeof holds).toBe('boolean');
          expect(performance.now() - started).toBeLessThan(200);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('inspects any JSON without crashing, and refuses oversized rules without walking them', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (rule) => {
        expect(Array.isArray(inspectGuardRule(rule, '/rule'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
    for (const rule of [
      deep(50_000),
      { and: Array.from({ length: 5000 }, () => true) },
      { map: [[1, 2], { map: [[1, 2], { map: [[1, 2], { var: '' }] }] }] },
    ]) {
      expect(ruleSize(rule).withinLimits).toBe(false);
      expect(inspectGuardRule(rule, '/rule')).toEqual([expect.objectContaining({ code: 'RULE_TOO_LARGE' })]);
      const started = performance.now();
      expect(guardHolds(rule as Record<string, unknown>, facts)).toBe(false);
      expect(performance.now() - started).toBeLessThan(200);
    }
    // Each operator level is two JSON levels (the object and its argument list).
    expect(ruleSize(deep(RULE_LIMITS.depth / 2 - 1)).withinLimits).toBe(true);
    expect(ruleSize(deep(RULE_LIMITS.depth / 2 + 1)).withinLimits).toBe(false);
    expect(
      inspectGuardRule({ some: [{ var: 'parties' }, { '==': [{ var: 'role' }, 'BUYER'] }] }, '/r'),
    ).toEqual([]);
  });
});

describe('definition validation under adversarial input', () => {
  it('answers valid/errors for any JSON, never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (input) => {
        const result = validateDefinition(input, ctx);
        expect(result.valid).toBe(result.errors.length === 0);
        expect(result.valid).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('built-in templates with one part replaced by junk are refused with located problems', () => {
    const paths = [
      '/states/0',
      '/states/1/code',
      '/transitions/0',
      '/transitions/0/guard',
      '/caseType',
      '/states/0/timers',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...BUILT_IN_TEMPLATES),
        fc.constantFrom(...paths),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constant(deep(20_000)), fc.string({ maxLength: 5000 })),
        (template, path, junk) => {
          const def = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
          const keys = path.split('/').slice(1);
          let node: Record<string, unknown> | undefined = def;
          for (const k of keys.slice(0, -1)) node = node?.[k] as Record<string, unknown> | undefined;
          if (!node || typeof node !== 'object') return;
          node[keys.at(-1)!] = junk;
          const started = performance.now();
          const result = validateDefinition(def, ctx);
          expect(performance.now() - started).toBeLessThan(500);
          for (const e of result.errors) expect(typeof e.path).toBe('string');
        },
      ),
      { numRuns: 500 },
    );
  });
});

/**
 * The hostile manager (issue 15): rules built to maximise work — reduce steps that repeat the
 * accumulator, iterations over the largest facts, merges of many big arrays, text conversions of
 * nested arrays — on facts as large as a request body allows. Every evaluation ends within the
 * budget's counts (an operation or one value's elements past them at most); the wall clock is only
 * a backstop.
 */
describe('guard evaluation under a hostile manager', () => {
  const big = Array.from({ length: 20_000 }, (_, i) => i);
  const hostileFacts = {
    ...facts,
    parties: big.map((i) => ({ role: i % 2 ? 'BUYER' : 'SELLER', id: String(i) })),
    dossier: { ...facts.dossier, criteria: { notes: 'a'.repeat(50_000), tags: big } },
  };
  const acc = { var: 'accumulator' };
  const item = fc.constantFrom<unknown>(
    acc,
    { var: '' },
    { var: 'current' },
    { var: 'parties' },
    { var: 'dossier.criteria.tags' },
    { var: 'dossier.criteria.notes' },
  );
  const heavy: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small' },
      item,
      fc.array(tie('rule'), { minLength: 1, maxLength: 4 }),
      fc
        .tuple(
          fc.constantFrom('merge', 'cat', '==', 'in', '+', 'max', 'missing', 'substr'),
          fc.array(tie('rule'), { minLength: 1, maxLength: 6 }),
        )
        .map(([op, args]) => ({ [op]: args })),
      fc
        .tuple(
          fc.constantFrom('map', 'filter', 'some', 'all'),
          fc.oneof(item, fc.constant(big.slice(0, 200)), tie('rule')),
          tie('rule'),
        )
        .map(([op, array, body]) => ({ [op]: [array, body] })),
      fc
        .tuple(
          fc.oneof(fc.constant(Array.from({ length: 40 }, (_, i) => i)), item, tie('rule')),
          tie('rule'),
          fc.oneof(fc.constant([1]), fc.constant('ab'), item),
        )
        .map(([array, step, seed]) => ({ reduce: [array, step, seed] })),
    ),
  })).rule;

  it('bounds every evaluation by the budget, whatever the rule', () => {
    let refusals = 0;
    fc.assert(
      fc.property(heavy, (rule) => {
        const started = performance.now();
        const cost = measureRule(rule, hostileFacts);
        const verdict = ruleVerdict(rule, hostileFacts);
        expect(performance.now() - started).toBeLessThan(1000);
        expect(cost.operations).toBeLessThanOrEqual(RULE_BUDGET.operations + 1);
        // Counted after each value is made: at most one value past the limit, never more than twice it.
        expect(cost.elements).toBeLessThanOrEqual(2 * RULE_BUDGET.elements);
        expect(typeof verdict.holds).toBe('boolean');
        if (cost.error instanceof RuleBudgetExceeded) {
          refusals++;
          if (ruleSize(rule).withinLimits) expect(verdict.refusal).toBe('RULE_BUDGET_EXCEEDED');
        }
      }),
      { numRuns: 300 },
    );
    // The generator does reach the budget (else this proves nothing).
    expect(refusals).toBeGreaterThan(10);
  });

  it("refuses the issue's rule statically and stops it at run time in milliseconds", () => {
    const doubling = {
      reduce: [Array.from({ length: 25 }, (_, i) => i), { merge: [acc, acc] }, [1]],
    };
    expect(inspectGuardRule(doubling, '/rule')).toEqual([
      expect.objectContaining({ code: 'RULE_TOO_COSTLY', path: '/rule/reduce/1' }),
    ]);
    const started = performance.now();
    const cost = measureRule(doubling, facts);
    expect(cost.error).toBeInstanceOf(RuleBudgetExceeded);
    expect((cost.error as RuleBudgetExceeded).spent).toBe('elements');
    expect(ruleVerdict(doubling, facts)).toEqual({ holds: false, refusal: 'RULE_BUDGET_EXCEEDED' });
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('the same rule on the same facts is refused at the same count (deterministic, for replays)', () => {
    const slow = { reduce: [{ var: 'parties' }, { '+': [acc, 1] }, 0] };
    const first = measureRule(slow, hostileFacts);
    expect(first.error).toBeInstanceOf(RuleBudgetExceeded);
    expect(measureRule(slow, hostileFacts)).toEqual(first);
    // Within the budget, the library's answer is unchanged.
    expect(evaluateRule(slow, { parties: [1, 2, 3] })).toBe(3);
  });
});
