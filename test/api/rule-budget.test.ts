/**
 * Issue 15 item 2: a manager's guard (or scoring rule) must never freeze every tenant. An
 * exponential reduce is refused statically (RULE_TOO_COSTLY, with its JSON path); a rule that passes
 * the static estimate but spends its evaluation budget is refused at run time, quickly, in
 * simulations (422 rule-budget-exceeded), in the agents' transitions and in the dossier workflow.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
interface Problem {
  type: string;
  errors?: { field: string; code?: string; params?: Record<string, unknown> }[];
  code?: string;
  params?: Record<string, unknown>;
}
let t: TestApp;
let manager: Session;
let agent: Session;

beforeAll(async () => {
  t = await buildTestApp();
  [manager, agent] = await Promise.all([
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'agent@demo.test', 'demo'),
  ]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload?: object) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
const newCaseType = () => `TEST_${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;
const acc = { var: 'accumulator' };
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The rule: 26 doublings, 2^26 elements (30-40 s and ~2 GB before the fix). */
const doubling = { reduce: [range(26), { merge: [acc, acc] }, [1]] };
/** No reduce, so nothing static to object to, but 300 × 300 items to compare: past the budget. */
const grinding = { none: [range(300), { some: [range(300), { '===': [{ var: '' }, 'never'] }] }] };

const pipeline = (caseType: string, rule: unknown) => ({
  caseType,
  name: { fr: 'Achat', en: 'Purchase' },
  states: [
    { code: 'NEW', initial: true },
    { code: 'QUALIFIED' },
    { code: 'WON', terminal: true, reasonType: 'WON' },
    { code: 'LOST', terminal: true, reasonType: 'LOSS' },
  ],
  transitions: [
    { from: 'NEW', to: 'QUALIFIED', guard: { rule, message: { fr: 'Condition', en: 'Condition' } } },
    { from: 'QUALIFIED', to: 'WON' },
    { from: 'NEW', to: 'LOST' },
    { from: 'QUALIFIED', to: 'LOST' },
  ],
});

async function draftOf(rule: unknown) {
  const res = await post(manager, '/workflow-definitions', pipeline(newCaseType(), rule));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; caseType: string }>();
}

/**
 * Runs `busy` while probing `/health` every 25 ms, and answers the worst probe's wait counted from
 * when it was due: a probe due while the event loop is blocked waits as long as the block.
 */
async function healthDuring<T>(busy: () => Promise<T>): Promise<{ healthMs: number; result: T }> {
  const started = performance.now();
  let done = false;
  const work = busy().finally(() => {
    done = true;
  });
  const probes: Promise<number>[] = [];
  for (let k = 0; k === 0 || (!done && k < 400); k++) {
    const due = started + k * 25;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    probes.push(
      t.app.inject({ method: 'GET', url: '/health' }).then((res) => {
        expect(res.statusCode).toBe(200);
        return performance.now() - due;
      }),
    );
  }
  const result = await work;
  return { healthMs: Math.max(...(await Promise.all(probes))), result };
}

describe('costly guards (issue 15)', () => {
  it('refuses the exponential reduce/merge guard at validate and at publish, with its JSON path', async () => {
    // Drafts are saved with shape checks only, so the draft itself is accepted.
    const d = await draftOf(doubling);
    const validation = await post(manager, `/workflow-definitions/${d.id}/validate`);
    expect(validation.statusCode, validation.body).toBe(200);
    expect(validation.json()).toMatchObject({
      valid: false,
      errors: [{ code: 'RULE_TOO_COSTLY', path: '/transitions/0/guard/rule/reduce/1' }],
    });
    const publish = await post(manager, `/workflow-definitions/${d.id}/publish`);
    expect(publish.statusCode).toBe(422);
    expect(problemOf(publish).errors).toEqual([
      expect.objectContaining({ code: 'RULE_TOO_COSTLY', field: '/transitions/0/guard/rule/reduce/1' }),
    ]);
  });

  it('simulating the exponential draft is refused in milliseconds, and /health answers meanwhile', async () => {
    const d = await draftOf(doubling);
    const started = performance.now();
    const { healthMs, result } = await healthDuring(() =>
      post(manager, `/workflow-definitions/${d.id}/simulate`, { state: 'NEW' }),
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(healthMs).toBeLessThan(1000);
    expect(result.statusCode, result.body).toBe(422);
    expect(result.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(result.json<Problem>()).toMatchObject({
      type: expect.stringContaining('rule-budget-exceeded'),
      errors: [{ field: '/transitions/0/guard/rule', code: 'RULE_BUDGET_EXCEEDED' }],
    });
  });

  it('a guard within the static estimate but over the run-time budget: simulate answers 422, agents see it blocked, the workflow refuses the move', async () => {
    const d = await draftOf(grinding);
    expect((await post(manager, `/workflow-definitions/${d.id}/validate`)).json()).toEqual({
      valid: true,
      errors: [],
    });
    const simulated = await post(manager, `/workflow-definitions/${d.id}/simulate`, { state: 'NEW' });
    expect(simulated.statusCode, simulated.body).toBe(422);
    expect(simulated.json<Problem>().errors).toEqual([
      expect.objectContaining({
        field: '/transitions/0/guard/rule',
        code: 'RULE_BUDGET_EXCEEDED',
        params: expect.objectContaining({ operations: expect.any(Number), elements: expect.any(Number) }),
      }),
    ]);

    expect((await post(manager, `/workflow-definitions/${d.id}/publish`)).statusCode).toBe(200);
    const dossier = await createDossier(t.app, agent.headers, { caseType: d.caseType, title: 'Grinding' });
    const options = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${dossier.id}/transitions?lang=en`,
      headers: agent.headers,
    });
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json().data).toContainEqual(
      expect.objectContaining({ to: 'QUALIFIED', allowed: false, reasonCode: 'RULE_BUDGET_EXCEEDED' }),
    );
    // Evaluated in the workflow's activity: a refused transition, the same each time, not a retry loop.
    for (let attempt = 0; attempt < 2; attempt++) {
      const move = await transition(t.app, agent.headers, dossier.id, { to: 'QUALIFIED' });
      expect(move.statusCode, move.body).toBe(422);
      expect(move.json<Problem>()).toMatchObject({
        code: 'GUARD_BLOCKED',
        params: { reasonCode: 'RULE_BUDGET_EXCEEDED' },
      });
    }
    // The dossier's workflow is alive and still takes other moves.
    const lost = await transition(t.app, agent.headers, dossier.id, { to: 'LOST', reasonCode: 'BUDGET' });
    expect(lost.statusCode, lost.body).toBe(200);
  });
});

describe('costly scoring rules (issue 15)', () => {
  const rule = (code: string, when: object) => ({ code, label: { fr: code, en: code }, points: 10, when });
  const draftRuleset = async (when: object) => {
    const res = await post(manager, '/scoring-rules', {
      rules: [rule('OK', { '==': [1, 1] }), rule('COSTLY', when)],
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };

  it('refuses the exponential rule at validate and at publish, with its JSON path', async () => {
    const id = await draftRuleset(doubling);
    const validation = await post(manager, `/scoring-rules/${id}/validate`);
    expect(validation.json()).toMatchObject({
      valid: false,
      errors: [{ code: 'RULE_TOO_COSTLY', path: '/rules/1/when/reduce/1' }],
    });
    const publish = await post(manager, `/scoring-rules/${id}/publish`);
    expect(publish.statusCode).toBe(422);
    expect(problemOf(publish).errors).toEqual([
      expect.objectContaining({ code: 'RULE_TOO_COSTLY', field: '/rules/1/when/reduce/1' }),
    ]);
  });

  it('simulating a rule over the run-time budget answers 422 at once, and /health answers meanwhile', async () => {
    for (const when of [doubling, grinding]) {
      const id = await draftRuleset(when);
      const started = performance.now();
      const { healthMs, result } = await healthDuring(() =>
        post(manager, `/scoring-rules/${id}/simulate`, {}),
      );
      expect(performance.now() - started).toBeLessThan(5000);
      expect(healthMs).toBeLessThan(1000);
      expect(result.statusCode, result.body).toBe(422);
      expect(result.json<Problem>()).toMatchObject({
        type: expect.stringContaining('rule-budget-exceeded'),
        errors: [{ field: '/rules/1/when', code: 'RULE_BUDGET_EXCEEDED' }],
      });
    }
  });
});
