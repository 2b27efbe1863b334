/**
 * Issue 15: the static cost estimate of JsonLogic rules (RULE_TOO_COSTLY), reduce's seed read as a
 * fact, and the allow-list enforced by the evaluator itself (drafts are simulated unchecked).
 */
import { describe, expect, it } from 'vitest';
import { checkTransition, ruleVerdict } from '../../definitions/guards.js';
import { inspectGuardRule } from '../../definitions/json-logic-rules.js';
import { scoreOf } from '../../definitions/scoring.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';

const acc = { var: 'accumulator' };
const reduceWith = (step: unknown, seed: unknown = []) => ({
  reduce: [{ var: 'parties' }, step, seed],
});
const codes = (rule: unknown) => inspectGuardRule(rule, '/rule').map((p) => `${p.code} ${p.path}`);

describe('static cost estimate', () => {
  it.each([
    ['merge of the accumulator with itself', { merge: [acc, acc] }],
    ['cat of the accumulator twice', { cat: [acc, acc] }],
    ['an array holding it twice', [acc, acc]],
    ['the accumulator and a map over it', { merge: [acc, { map: [acc, { var: '' }] }] }],
    ['a map wrapping each of its items', { merge: { map: [acc, [{ var: '' }, 1]] } }],
    ['a branch that doubles it', { if: [{ var: 'current.x' }, { merge: [acc, acc] }, acc] }],
    ['the whole step scope twice', { merge: [{ var: '' }, { var: '' }] }],
  ])('refuses a reduce step with %s, at the step', (_, step) => {
    expect(codes(reduceWith(step))).toEqual(['RULE_TOO_COSTLY /rule/reduce/1']);
  });

  it('finds the costly reduce inside other operators and scoring-like paths', () => {
    const rule = { and: [true, { '>': [{ cat: [reduceWith({ cat: [acc, acc] }, 'a')] }, 'x'] }] };
    expect(codes(rule)).toEqual(['RULE_TOO_COSTLY /rule/and/1/>/0/cat/0/reduce/1']);
  });

  it.each([
    ['a sum', { '+': [acc, { var: 'current.count' }] }],
    ['a collection, one item at a time', { merge: [acc, [{ var: 'current.role' }]] }],
    ['a choice between the accumulator and the item', { if: [{ '>': [acc, 1] }, acc, { var: 'current' }] }],
    ['a filter of it', { filter: [acc, { '==': [{ var: 'role' }, 'BUYER'] }] }],
    ['a map of its items to one field', { map: [acc, { var: 'id' }] }],
    ['a test of the accumulator alone', { or: [acc, { some: [acc, { var: '' }] }] }],
  ])('accepts a reduce step with %s', (_, step) => {
    expect(codes(reduceWith(step))).toEqual([]);
  });

  it('accepts the built-in style guards (no reduce) whatever their size', () => {
    const rule = {
      and: Array.from({ length: 200 }, () => ({ merge: [{ var: 'parties' }, { var: 'parties' }] })),
    };
    expect(codes(rule)).toEqual([]);
  });
});

describe("reduce's seed is read from the facts", () => {
  it('reports an undocumented fact in the seed (it used to be taken for an item field)', () => {
    expect(codes(reduceWith({ '+': [acc, 1] }, { var: 'secret.salary' }))).toEqual([
      'UNKNOWN_FACT /rule/reduce/2/var',
    ]);
    expect(codes(reduceWith({ '+': [acc, 1] }, { var: 'dossier.budgetMax' }))).toEqual([]);
  });
});

describe('the evaluator enforces the operator allow-list', () => {
  const def: WorkflowDefinitionBody = {
    caseType: 'ACHAT',
    name: { fr: 'Achat', en: 'Purchase' },
    states: [
      { code: 'NEW', initial: true },
      { code: 'WON', terminal: true },
    ],
    transitions: [{ from: 'NEW', to: 'WON', guard: { rule: { log: 'written to the console' } } }],
  } as unknown as WorkflowDefinitionBody;
  const user = { roles: [], permissions: [] };

  it('refuses a forbidden operator instead of running it', () => {
    expect(ruleVerdict({ and: [true, { log: 1 }] }, {})).toEqual({
      holds: false,
      refusal: 'FORBIDDEN_OPERATOR',
    });
    expect(checkTransition(def, 'NEW', 'WON', {}, user, 'en')).toMatchObject({
      allowed: false,
      reasonCode: 'FORBIDDEN_OPERATOR',
    });
  });

  it('a too costly guard blocks its transition with its own code, and a scoring rule is reported', () => {
    const costly = { reduce: [{ var: 'parties.BUYER' }, { merge: [acc, acc] }, [1]] };
    const buyers = Array.from({ length: 30 }, (_, i) => ({ contactId: String(i) }));
    const facts = { parties: { count: buyers.length, BUYER: buyers } };
    const guard = { rule: costly, message: { en: 'Never' } };
    const costlyDef = { ...def, transitions: [{ from: 'NEW', to: 'WON', guard }] };
    expect(checkTransition(costlyDef, 'NEW', 'WON', facts, user, 'fr')).toMatchObject({
      allowed: false,
      reasonCode: 'RULE_BUDGET_EXCEEDED',
    });
    const label = { fr: 'Règle', en: 'Rule' };
    const ruleset = {
      rules: [
        { code: 'COSTLY', label, points: 50, when: costly },
        { code: 'OK', label, points: 10, when: { '>': [{ var: 'parties.count' }, 1] } },
      ],
    };
    expect(scoreOf(ruleset, facts)).toEqual({
      score: 10,
      matched: [{ code: 'OK', points: 10 }],
      refused: [{ index: 0, code: 'COSTLY', reason: 'RULE_BUDGET_EXCEEDED' }],
    });
  });
});
