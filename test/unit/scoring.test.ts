import { describe, expect, it } from 'vitest';
import scoringRulesJson from '../../definitions/scoring-rules.schema.json' with { type: 'json' };
import { scoringRulesSchema, type ScoringRuleset } from '../../definitions/scoring-rules.schema.js';
import { scoreOf } from '../../definitions/scoring.js';
import scoringDefault from '../../definitions/templates/scoring-default.json' with { type: 'json' };
import { validateScoring } from '../../definitions/validate-scoring.js';

const rule = (code: string, points: number, when: Record<string, unknown>) => ({
  code,
  label: { fr: code, en: code },
  points,
  when,
});

const facts = {
  dossier: { budgetMax: 300000, amount: null, score: null },
  counts: { activities: { CALL: 2, total: 2 } },
  daysInState: 1,
};

describe('scoreOf', () => {
  it('sums the points of the rules that match and lists them in order', () => {
    const ruleset: ScoringRuleset = {
      rules: [
        rule('BUDGET', 20, { '!!': [{ var: 'dossier.budgetMax' }] }),
        rule('AMOUNT', 10, { '!!': [{ var: 'dossier.amount' }] }),
        rule('CALLED', 15, { '>=': [{ var: 'counts.activities.CALL' }, 1] }),
      ],
    };
    expect(scoreOf(ruleset, facts)).toEqual({
      score: 35,
      matched: [
        { code: 'BUDGET', points: 20 },
        { code: 'CALLED', points: 15 },
      ],
    });
  });

  it('clamps the score to 0..100', () => {
    const high = { rules: [rule('A', 80, { '==': [1, 1] }), rule('B', 70, { '==': [1, 1] })] };
    const low = { rules: [rule('A', -80, { '==': [1, 1] }), rule('B', 10, { '==': [1, 1] })] };
    expect(scoreOf(high, facts).score).toBe(100);
    expect(scoreOf(low, facts)).toEqual({
      score: 0,
      matched: [
        { code: 'A', points: -80 },
        { code: 'B', points: 10 },
      ],
    });
    expect(scoreOf({ rules: [] }, facts)).toEqual({ score: 0, matched: [] });
  });

  it('counts a rule that throws as not matched', () => {
    const broken = { missing_some: [1, null] }; // throws inside json-logic-js
    const ruleset = { rules: [rule('BROKEN', 50, broken), rule('OK', 5, { '==': [1, 1] })] };
    expect(scoreOf(ruleset, facts)).toEqual({ score: 5, matched: [{ code: 'OK', points: 5 }] });
    // An operator outside the allow-list is not run, and said so.
    const unknown = { rules: [rule('BROKEN', 50, { nope: [1] }), rule('OK', 5, { '==': [1, 1] })] };
    expect(scoreOf(unknown, facts)).toEqual({
      score: 5,
      matched: [{ code: 'OK', points: 5 }],
      refused: [{ index: 0, code: 'BROKEN', reason: 'FORBIDDEN_OPERATOR' }],
    });
  });
});

describe('validateScoring', () => {
  it('keeps the JSON copy of the schema equal, and accepts the shipped default rules', () => {
    expect(scoringRulesJson).toEqual(JSON.parse(JSON.stringify(scoringRulesSchema)));
    expect(validateScoring(scoringDefault)).toEqual({ valid: true, errors: [] });
  });

  it('refuses shape errors with JSON pointers', () => {
    const result = validateScoring({
      rules: [{ code: 'bad code', label: { fr: 'x' }, points: 150, when: {} }],
      extra: 1,
    });
    expect(result.valid).toBe(false);
    const paths = result.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/extra',
        '/rules/0/code',
        '/rules/0/label/en',
        '/rules/0/points',
        '/rules/0/when',
      ]),
    );
  });

  it('refuses duplicate codes, unknown facts and forbidden operators, with paths', () => {
    const result = validateScoring({
      rules: [
        rule('A', 10, { '==': [{ var: 'dossier.budgetMax' }, 1] }),
        rule('A', 10, { '>': [{ var: 'dossier.secret' }, 1] }),
        rule('C', 10, { log: ['x'] }),
      ],
    });
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => [e.path, e.code])).toEqual([
      ['/rules/1/code', 'DUPLICATE_RULE'],
      ['/rules/1/when/>/0/var', 'UNKNOWN_FACT'],
      ['/rules/2/when/log', 'FORBIDDEN_OPERATOR'],
    ]);
  });
});
