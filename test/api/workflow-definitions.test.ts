import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDefinitions } from '../../services/engine/definition-diff.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

type Headers = Record<string, string>;
interface Definition {
  id: string;
  caseType: string;
  version: number;
  status: string;
  lockVersion: number;
  basedOnId: string | null;
  isLatestPublished: boolean;
  definition: WorkflowDefinitionBody;
}

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
let agent: Awaited<ReturnType<typeof login>>;
let rival: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
  agent = await login(t.app, 'agent@demo.test', 'demo');
  rival = await login(t.app, 'manager@rival.test', 'rival');
});
afterAll(() => t.close());

/** A case type of its own per test: publishing there cannot disturb other tests (nor ACHAT v1). */
const newCaseType = () => `TEST_${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`;

/** PRODUCT.md's canonical example (valid in shape, not for publishing: QUALIFIED is a dead end). */
const canonical = (caseType: string) => ({
  caseType,
  name: { fr: 'Achat', en: 'Purchase' },
  states: [
    { code: 'NEW', initial: true },
    { code: 'QUALIFIED', timers: [{ after: 'P3D', unlessActivity: true, action: 'remindAgent' }] },
    { code: 'WON', terminal: true, reasonType: 'WON' },
    { code: 'LOST', terminal: true, reasonType: 'LOSS' },
  ],
  transitions: [
    {
      from: 'NEW',
      to: 'QUALIFIED',
      permission: 'CRM_DEALS_STAGE_CHANGE',
      guard: {
        rule: { '>=': [{ var: 'dossier.budgetMax' }, 1] },
        message: { fr: 'Budget maximum requis', en: 'Maximum budget required' },
      },
    },
  ],
});

/** The canonical example completed into a publishable pipeline. */
const valid = (caseType: string) => {
  const body = canonical(caseType);
  body.transitions.push(
    ...[
      { from: 'QUALIFIED', to: 'WON', permission: 'CRM_DEALS_STAGE_CHANGE' },
      { from: 'NEW', to: 'LOST' },
      { from: 'QUALIFIED', to: 'LOST' },
    ].map((m) => m as (typeof body.transitions)[number]),
  );
  return body;
};

const url = (path = '') => `/api/v1/workflow-definitions${path}`;
const post = (headers: Headers, path: string, payload?: unknown) =>
  t.app.inject({
    method: 'POST',
    url: url(path),
    headers,
    ...(payload ? { payload: payload as object } : {}),
  });
const get = (headers: Headers, path: string) => t.app.inject({ method: 'GET', url: url(path), headers });

async function draft(body: unknown): Promise<Definition> {
  const res = await post(manager.headers, '', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Definition>();
}
async function published(body: unknown): Promise<Definition> {
  const d = await draft(body);
  const res = await post(manager.headers, `/${d.id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Definition>();
}
async function dossier(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}`, headers: manager.headers });
  return res.json<{ statusCode: string; definitionVersion: number; definitionId: string; version: number }>();
}

describe('workflow definitions: drafts, validation, publishing (F-2.2, F-2.4)', () => {
  it('creates drafts from the canonical body, numbered per case type, readable by agents', async () => {
    const caseType = newCaseType();
    const first = await draft(canonical(caseType));
    expect(first).toMatchObject({ caseType, version: 1, status: 'DRAFT', isLatestPublished: false });
    expect(first.definition).toEqual(canonical(caseType));
    const second = await draft(canonical(caseType));
    expect(second.version).toBe(2);

    const listed = await get(agent.headers, `?caseType=${caseType}`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toMatchObject({ total: 2, data: [{ version: 2 }, { version: 1 }] });
    expect((await get(agent.headers, `/${first.id}/versions`)).json().total).toBe(2);
    expect((await get(agent.headers, `/${first.id}`)).json()).toMatchObject({ id: first.id, version: 1 });
    expect((await post(agent.headers, '', canonical(caseType))).statusCode).toBe(403);
    expect((await post(manager.headers, `?from=${first.id}`, canonical(caseType))).statusCode).toBe(400);
    expect((await get(rival.headers, `/${first.id}`)).statusCode).toBe(404);

    const copy = await post(manager.headers, `/${first.id}/draft`);
    expect(copy.statusCode, copy.body).toBe(201);
    expect(copy.json()).toMatchObject({ version: 3, status: 'DRAFT', basedOnId: first.id });
  });

  it('refuses a body that is not a definition with JSON-pointer fields', async () => {
    const res = await post(manager.headers, '', { caseType: newCaseType(), states: [{ code: 'new' }] });
    expect(res.statusCode).toBe(400);
    const fields = problemOf(res).errors?.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['/states/0/code', '/transitions']));
  });

  it('validates with paths and refuses to publish an invalid draft with the same errors', async () => {
    const body = valid(newCaseType());
    body.states.push({ code: 'NOT_A_STATUS', initial: true } as (typeof body.states)[number]);
    const d = await draft(body);
    const res = await post(manager.headers, `/${d.id}/validate`);
    expect(res.statusCode, res.body).toBe(200);
    const validation = res.json<{
      valid: boolean;
      errors: { path: string; message: string; code: string }[];
    }>();
    expect(validation.valid).toBe(false);
    expect(validation.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/states/4/initial', code: 'SEVERAL_INITIAL_STATES' }),
        expect.objectContaining({
          path: '/states/4/code',
          code: 'UNKNOWN_STATUS_CODE',
          message: 'Status NOT_A_STATUS is not in the CASE_STATUS dictionary',
        }),
      ]),
    );

    const publish = await post(manager.headers, `/${d.id}/publish`);
    expect(publish.statusCode).toBe(422);
    expect(publish.json().errors.map((e: { path: string }) => e.path)).toEqual(
      validation.errors.map((e) => e.path),
    );
    expect((await get(manager.headers, `/${d.id}`)).json().status).toBe('DRAFT');

    const example = await draft(canonical(newCaseType()));
    const verdict = (await post(manager.headers, `/${example.id}/validate`)).json();
    expect(verdict.valid).toBe(false);
    expect(verdict.errors).toContainEqual(
      expect.objectContaining({ path: '/states/1/code', code: 'DEAD_END' }),
    );
  });

  it('publishes at once for new dossiers while older dossiers keep their version; published is immutable', async () => {
    const caseType = newCaseType();
    const v1 = await published(valid(caseType));
    expect(v1).toMatchObject({ status: 'PUBLISHED', isLatestPublished: true });
    const old = await createDossier(t.app, manager.headers, { caseType, title: 'Before v2' });
    expect(old).toMatchObject({ statusCode: 'NEW', definitionVersion: 1 });

    const v2draft = (await post(manager.headers, `/${v1.id}/draft`)).json<Definition>();
    const body = { ...valid(caseType), transitions: valid(caseType).transitions.slice(1) };
    body.transitions.push({ from: 'NEW', to: 'QUALIFIED' } as (typeof body.transitions)[number]);
    const stale = await t.app.inject({
      method: 'PUT',
      url: url(`/${v2draft.id}`),
      headers: { ...manager.headers, 'if-match': String(v2draft.lockVersion + 5) },
      payload: body,
    });
    expect(stale.statusCode).toBe(409);
    const put = await t.app.inject({
      method: 'PUT',
      url: url(`/${v2draft.id}`),
      headers: { ...manager.headers, 'if-match': `"${v2draft.lockVersion}"` },
      payload: body,
    });
    expect(put.statusCode, put.body).toBe(200);
    const v2 = (await post(manager.headers, `/${v2draft.id}/publish`)).json<Definition>();
    expect(v2).toMatchObject({ version: 2, status: 'PUBLISHED', isLatestPublished: true });
    expect((await get(manager.headers, `/${v1.id}`)).json().isLatestPublished).toBe(false);

    const fresh = await createDossier(t.app, manager.headers, { caseType, title: 'After v2' });
    expect(fresh.definitionVersion).toBe(2);
    expect((await dossier(old.id)).definitionVersion).toBe(1);
    // v2 dropped the budget guard: the new dossier qualifies without a budget, the old one may not.
    expect((await transition(t.app, manager.headers, fresh.id, { to: 'QUALIFIED' })).statusCode).toBe(200);
    expect((await transition(t.app, manager.headers, old.id, { to: 'QUALIFIED' })).statusCode).toBe(422);

    const immutable = await t.app.inject({
      method: 'PUT',
      url: url(`/${v2.id}`),
      headers: manager.headers,
      payload: body,
    });
    expect(immutable.statusCode).toBe(409);
    expect(problemOf(immutable).detail).toContain('published versions are immutable; create a new draft');

    const v3 = await draft(valid(caseType));
    await published(valid(caseType));
    const outOfOrder = await post(manager.headers, `/${v3.id}/publish`);
    expect(outOfOrder.statusCode).toBe(409);

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityType=WorkflowDefinition&entityId=${v2.id}`,
      headers: manager.headers,
    });
    expect(audit.json().data.map((e: { action: string }) => e.action)).toEqual([
      'PUBLISH',
      'UPDATE',
      'CREATE',
    ]);
  });
});

interface SimulationAnswer {
  state: string;
  source: string;
  transitions: { to: string; allowed: boolean; reason?: string; reasonCode?: string; reasonType: string }[];
  impact: {
    openDossiers: number;
    byStatus: { statusCode: string; count: number; inDraft: boolean }[];
    stranded: number;
    blocked: number;
    blockedComplete: boolean;
  };
}

describe('simulation (F-2.5)', () => {
  it('evaluates a draft on hand-written facts: guard blocked, then allowed', async () => {
    const d = await draft(valid(newCaseType()));
    const simulate = (payload: unknown) => post(manager.headers, `/${d.id}/simulate`, payload);
    const blocked = await simulate({ state: 'NEW', facts: { dossier: { budgetMax: null } } });
    expect(blocked.statusCode, blocked.body).toBe(200);
    const toQualified = (a: SimulationAnswer) => a.transitions.find((o) => o.to === 'QUALIFIED');
    expect(toQualified(blocked.json())).toMatchObject({
      allowed: false,
      reasonCode: 'GUARD',
      reason: 'Budget maximum requis',
    });
    expect(blocked.json<SimulationAnswer>().transitions.map((o) => o.to)).toEqual(['QUALIFIED', 'LOST']);

    const allowed = await simulate({ facts: { dossier: { budgetMax: 250000 } }, lang: 'en' });
    expect(allowed.json()).toMatchObject({ state: 'NEW', source: 'facts' });
    expect(toQualified(allowed.json())).toMatchObject({ allowed: true });
    const noPermission = await simulate({
      facts: { dossier: { budgetMax: 250000 } },
      user: { roles: ['READONLY'], permissions: [] },
      lang: 'en',
    });
    expect(toQualified(noPermission.json())).toMatchObject({ allowed: false, reasonCode: 'PERMISSION' });

    const typo = await simulate({ facts: { dossier: { budgetMaxx: 1 } } });
    expect(typo.statusCode).toBe(400);
    expect(problemOf(typo).errors?.[0]?.field).toBe('/facts/dossier/budgetMaxx');
    expect((await simulate({ state: 'NOWHERE' })).statusCode).toBe(400);
  });

  it('evaluates a draft on a real dossier and reports the impact on open dossiers', async () => {
    const caseType = newCaseType();
    await published(valid(caseType));
    const d = await createDossier(t.app, manager.headers, { caseType, title: 'Simulated' });
    await createDossier(t.app, manager.headers, { caseType, title: 'Another' });
    const lost = await createDossier(t.app, manager.headers, { caseType, title: 'Closed' });
    expect(
      (await transition(t.app, manager.headers, lost.id, { to: 'LOST', reasonCode: 'BUDGET' })).statusCode,
    ).toBe(200);

    // The draft keeps only the guarded way out of NEW, and drops nothing: nobody is stranded.
    const body = valid(caseType);
    body.transitions = body.transitions.filter((m) => !(m.from === 'NEW' && m.to === 'LOST'));
    const v2 = await draft(body);
    const run = () => post(manager.headers, `/${v2.id}/simulate`, { dossierId: d.id });
    const before = await run();
    expect(before.statusCode, before.body).toBe(200);
    const answer = before.json<SimulationAnswer>();
    expect(answer).toMatchObject({ state: 'NEW', source: 'dossier' });
    expect(answer.transitions).toEqual([
      expect.objectContaining({ to: 'QUALIFIED', allowed: false, reasonCode: 'GUARD' }),
    ]);
    expect(answer.impact).toMatchObject({
      openDossiers: 2,
      byStatus: [{ statusCode: 'NEW', count: 2, inDraft: true }],
      stranded: 0,
      blocked: 2,
      blockedComplete: true,
    });

    const current = await dossier(d.id);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dossiers/${d.id}`,
      headers: manager.headers,
      payload: { version: current.version, budgetMax: 400000 },
    });
    expect(patched.statusCode).toBe(200);
    const after = (await run()).json<SimulationAnswer>();
    expect(after.transitions[0]).toMatchObject({ to: 'QUALIFIED', allowed: true });
    expect(after.impact.blocked).toBe(1);

    // A draft without NEW strands both open dossiers.
    const without = await draft({
      caseType,
      states: [
        { code: 'QUALIFIED', initial: true },
        { code: 'WON', terminal: true, reasonType: 'WON' },
      ],
      transitions: [{ from: 'QUALIFIED', to: 'WON' }],
    });
    const stranded = (await post(manager.headers, `/${without.id}/simulate`, {})).json<SimulationAnswer>();
    expect(stranded.impact).toMatchObject({ stranded: 2, byStatus: [{ statusCode: 'NEW', inDraft: false }] });

    const foreign = await createDossier(t.app, rival.headers, { title: 'Rival dossier' });
    expect((await post(manager.headers, `/${v2.id}/simulate`, { dossierId: foreign.id })).statusCode).toBe(
      404,
    );
  });
});

describe('migrations and diff (F-2.4)', () => {
  it('dry-runs, then moves running dossiers to the new version, which their next transition follows', async () => {
    const caseType = newCaseType();
    const v1 = await published({
      caseType,
      states: [
        { code: 'NEW', initial: true },
        { code: 'QUALIFIED' },
        { code: 'VISIT' },
        { code: 'WON', terminal: true, reasonType: 'WON' },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED' },
        { from: 'QUALIFIED', to: 'VISIT' },
        { from: 'VISIT', to: 'WON' },
        { from: 'NEW', to: 'LOST' },
        { from: 'QUALIFIED', to: 'LOST' },
        { from: 'VISIT', to: 'LOST' },
      ],
    });
    const waiting = await createDossier(t.app, manager.headers, { caseType, title: 'Stays in NEW' });
    const visiting = await createDossier(t.app, manager.headers, { caseType, title: 'In VISIT' });
    for (const to of ['QUALIFIED', 'VISIT'])
      expect((await transition(t.app, manager.headers, visiting.id, { to })).statusCode).toBe(200);

    const v2 = await published({
      caseType,
      states: [
        { code: 'NEW', initial: true },
        { code: 'QUALIFIED', label: { en: 'Qualified buyer' } },
        { code: 'NEGOTIATION' },
        { code: 'WON', terminal: true, reasonType: 'WON' },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED', label: { en: 'Qualify' } },
        { from: 'QUALIFIED', to: 'NEGOTIATION' },
        { from: 'NEGOTIATION', to: 'WON' },
        { from: 'NEW', to: 'LOST' },
        { from: 'QUALIFIED', to: 'LOST' },
        { from: 'NEGOTIATION', to: 'LOST' },
      ],
    });

    const dry = await post(manager.headers, `/${v2.id}/migrations`);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      target: { id: v2.id, version: 2 },
      summary: { total: 2, wouldMove: 1, cannotMove: 1, moved: 0, failed: 0 },
    });
    const byId = (rows: { dossierId: string }[], id: string) => rows.find((r) => r.dossierId === id);
    expect(byId(dry.json().data, waiting.id)).toMatchObject({
      fromVersion: 1,
      fromStatus: 'NEW',
      toStatus: 'NEW',
      outcome: 'WOULD_MOVE',
    });
    expect(byId(dry.json().data, visiting.id)).toMatchObject({
      outcome: 'CANNOT_MOVE',
      reason: 'status VISIT does not exist in version 2 and no mapping was given',
    });
    expect((await dossier(waiting.id)).definitionVersion).toBe(1);

    const badMapping = await post(manager.headers, `/${v2.id}/migrations`, { mapping: { VISIT: 'NOWHERE' } });
    expect(badMapping.statusCode).toBe(400);
    expect(problemOf(badMapping).errors?.[0]?.field).toBe('mapping.VISIT');
    expect((await post(manager.headers, `/${v1.id}/draft`)).statusCode).toBe(201);

    const run = await post(manager.headers, `/${v2.id}/migrations`, {
      dryRun: false,
      mapping: { VISIT: 'NEGOTIATION' },
    });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().summary).toEqual({ total: 2, moved: 2, wouldMove: 0, cannotMove: 0, failed: 0 });
    expect(await dossier(visiting.id)).toMatchObject({
      statusCode: 'NEGOTIATION',
      definitionVersion: 2,
      definitionId: v2.id,
    });
    expect((await dossier(waiting.id)).definitionVersion).toBe(2);

    // NEGOTIATION → WON exists only in v2: the migrated workflow follows the new definition.
    const won = await transition(t.app, manager.headers, visiting.id, {
      to: 'WON',
      reasonCode: 'OFFER_ACCEPTED',
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ statusCode: 'WON' });
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${visiting.id}/history`,
      headers: manager.headers,
    });
    expect(history.json().data.map((h: { to: string }) => h.to)).toEqual([
      'NEW',
      'QUALIFIED',
      'VISIT',
      'NEGOTIATION',
      'WON',
    ]);
    expect((await post(manager.headers, `/${v2.id}/migrations`)).json().summary.total).toBe(0);

    // v1 has no open dossier left and is not the only published version; v2 still runs one.
    expect((await post(manager.headers, `/${v1.id}/retire`)).json()).toMatchObject({ status: 'RETIRED' });
    const refused = await post(manager.headers, `/${v2.id}/retire`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ openDossiers: 1 });
    expect((await post(manager.headers, `/${v1.id}/migrations`)).statusCode).toBe(409);

    const diff = await get(manager.headers, `/diff?from=${v1.id}&to=${v2.id}`);
    expect(diff.statusCode, diff.body).toBe(200);
    const d = diff.json();
    expect(d.statesAdded.map((s: { code: string }) => s.code)).toEqual(['NEGOTIATION']);
    expect(d.statesRemoved.map((s: { code: string }) => s.code)).toEqual(['VISIT']);
    expect(d.statesChanged).toEqual([
      { code: 'QUALIFIED', changes: { label: { from: null, to: { en: 'Qualified buyer' } } } },
    ]);
    const moves = (list: { from: string; to: string }[]) => list.map((m) => `${m.from}>${m.to}`).sort();
    expect(moves(d.transitionsAdded)).toEqual([
      'NEGOTIATION>LOST',
      'NEGOTIATION>WON',
      'QUALIFIED>NEGOTIATION',
    ]);
    expect(moves(d.transitionsRemoved)).toEqual(['QUALIFIED>VISIT', 'VISIT>LOST', 'VISIT>WON']);
    expect(d.transitionsChanged).toEqual([
      { from: 'NEW', to: 'QUALIFIED', changes: { label: { from: null, to: { en: 'Qualify' } } } },
    ]);
  });
});

describe('diffDefinitions (pure)', () => {
  const base = valid('ACHAT') as unknown as WorkflowDefinitionBody;

  it('finds nothing between equal definitions, whatever the key order or spelled-out defaults', () => {
    const reordered = JSON.parse(JSON.stringify(base)) as WorkflowDefinitionBody;
    reordered.states = reordered.states.map((s) => ({ reasonType: 'NONE', terminal: false, ...s }));
    reordered.transitions[0]!.guard = {
      message: { en: 'Maximum budget required', fr: 'Budget maximum requis' },
      rule: { '>=': [{ var: 'dossier.budgetMax' }, 1] },
    };
    expect(diffDefinitions(base, reordered)).toEqual({
      statesAdded: [],
      statesRemoved: [],
      statesChanged: [],
      transitionsAdded: [],
      transitionsRemoved: [],
      transitionsChanged: [],
    });
  });

  it('reports a changed guard, a state becoming terminal and a removed move', () => {
    const next = JSON.parse(JSON.stringify(base)) as WorkflowDefinitionBody;
    next.transitions[0]!.guard!.rule = { '>=': [{ var: 'dossier.budgetMax' }, 1000] };
    next.transitions = next.transitions.filter((m) => !(m.from === 'QUALIFIED' && m.to === 'LOST'));
    next.states[1]!.terminal = true;
    const diff = diffDefinitions(base, next);
    expect(diff.transitionsChanged).toHaveLength(1);
    expect(diff.transitionsChanged[0]).toMatchObject({ from: 'NEW', to: 'QUALIFIED' });
    expect(Object.keys(diff.transitionsChanged[0]!.changes)).toEqual(['guard']);
    expect(diff.transitionsRemoved).toEqual([{ from: 'QUALIFIED', to: 'LOST' }]);
    expect(diff.statesChanged).toEqual([
      { code: 'QUALIFIED', changes: { terminal: { from: false, to: true } } },
    ]);
  });
});
