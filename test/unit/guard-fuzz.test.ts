/**
 * Property-based abuse of the low-code language (issue 9): the JsonLogic guard evaluator and the
 * definition validator never crash and never take unbounded time, whatever rule or definition they
 * are given; oversized rules are refused with a clear code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCodes } from '../../definitions/dictionary-defaults.js';
import { guardHolds } from '../../definitions/guards.js';
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
