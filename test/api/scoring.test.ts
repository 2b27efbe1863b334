import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureNightlyRescoreSchedule } from '../../worker/schedules.js';
import { TEST_TASK_QUEUE } from '../helpers/constants.js';
import { contactIdFor, logActivity } from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier, transition } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
interface RulesetItem {
  id: string;
  version: number;
  status: string;
  lockVersion: number;
  isLatestPublished: boolean;
  rescore?: { workflowId: string; status: string; rescored: number | null };
  ruleset: { rules: { code: string }[]; hotThreshold?: number };
}

let t: TestApp;
let agent: Session;
let manager: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'manager@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });

async function dossier(s: Session, id: string) {
  const res = await api(s, 'GET', `/dossiers/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ score: number | null; version: number; contactId: string | null }>();
}

const rule = (code: string, points: number, when: object) => ({
  code,
  label: { fr: code, en: code },
  points,
  when,
});

describe('lead scoring', () => {
  it('ships the default rules published as version 1 for the demo organisation', async () => {
    const res = await api(agent, 'GET', '/scoring-rules?status=PUBLISHED');
    expect(res.statusCode, res.body).toBe(200);
    const [first] = res.json<{ data: RulesetItem[] }>().data;
    expect(first).toMatchObject({ version: 1, status: 'PUBLISHED', isLatestPublished: true });
    expect(first?.ruleset.rules.map((r) => r.code)).toContain('BUDGET_GIVEN');
  });

  it('rescores a dossier when its budget is patched and when a call is logged, without bumping version', async () => {
    const d = await createDossier(t.app, agent.headers);
    const start = await dossier(agent, d.id);
    expect(start.score).toBe(10); // FRESH_IN_STATE only
    const patched = await api(agent, 'PATCH', `/dossiers/${d.id}`, {
      version: start.version,
      budgetMax: 250000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ score: 30, version: start.version + 1 });
    await logActivity(t, agent, { type: 'CALL', direction: 'OUT', dossierId: d.id });
    expect(await dossier(agent, d.id)).toMatchObject({ score: 45, version: start.version + 1 });
    const simulated = await api(manager, 'POST', `/scoring-rules/${await latestId(manager)}/simulate`, {
      dossierId: d.id,
    });
    expect(simulated.json()).toMatchObject({ score: 45, hot: false });
    expect(simulated.json().matched.map((m: { code: string }) => m.code)).toEqual([
      'BUDGET_GIVEN',
      'CALLED',
      'FRESH_IN_STATE',
    ]);
  });

  it('sorts and filters the dossier list by score', async () => {
    const run = randomUUID().slice(0, 8);
    const low = await createDossier(t.app, agent.headers, { title: `score ${run} low` });
    const high = await createDossier(t.app, agent.headers, {
      title: `score ${run} high`,
      budgetMax: 400000,
      amount: 380000,
    });
    const list = (q: string) =>
      api(agent, 'GET', `/dossiers?q=${run}&${q}`).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json<{ data: { id: string; score: number }[] }>().data;
      });
    expect((await list('sort=-score')).map((x) => x.id)).toEqual([high.id, low.id]);
    expect((await list('sort=score')).map((x) => x.id)).toEqual([low.id, high.id]);
    expect((await list('scoreMin=30')).map((x) => x.id)).toEqual([high.id]);
    expect((await api(agent, 'GET', '/dossiers?scoreMin=101')).statusCode).toBe(400);
  });

  it('lets a guard on dossier.score block then allow, and counts hot leads on the dashboard', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Score' },
      states: [
        { code: 'NEW', initial: true },
        { code: 'QUALIFIED' },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        {
          from: 'NEW',
          to: 'QUALIFIED',
          guard: { rule: { '>=': [{ var: 'dossier.score' }, 60] }, message: { en: 'Score too low' } },
        },
        { from: 'NEW', to: 'LOST' },
      ],
    });
    const contactId = await contactIdFor(t, agent);
    const d = await createDossier(t.app, agent.headers, { caseType, budgetMax: 200000 });
    const blocked = await transition(t.app, agent.headers, d.id, { to: 'QUALIFIED' });
    expect(blocked.statusCode).toBe(422);
    expect(problemOf(blocked).detail).toBe('Score too low');
    const current = await dossier(agent, d.id);
    const patched = await api(agent, 'PATCH', `/dossiers/${d.id}`, {
      version: current.version,
      amount: 190000,
      contactId,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await logActivity(t, agent, { type: 'CALL', direction: 'OUT', dossierId: d.id });
    expect((await dossier(agent, d.id)).score).toBe(65);
    const contact = await api(agent, 'GET', `/contacts/${contactId}`);
    expect(contact.json()).toMatchObject({ score: 65, status: 'lead' });
    const dashboard = await api(manager, 'GET', '/dashboard');
    expect(dashboard.json()).toMatchObject({ hotThreshold: 60 });
    expect(dashboard.json().kpis.hotLeadsByScore).toBeGreaterThanOrEqual(1);
    expect((await transition(t.app, agent.headers, d.id, { to: 'QUALIFIED' })).statusCode).toBe(200);
  });

  it('validates, refuses invalid publishes, and rescores on publish (rival organisation)', async () => {
    const d = await createDossier(t.app, rival.headers, { budgetMax: 100000 });
    const draft = await api(rival, 'POST', '/scoring-rules', {
      rules: [
        rule('BUDGET', 70, { '!!': [{ var: 'dossier.budgetMax' }] }),
        rule('BUDGET', 5, { '>': [{ var: 'dossier.secret' }, 1] }),
      ],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const { id, lockVersion } = draft.json<RulesetItem>();
    const validation = await api(rival, 'POST', `/scoring-rules/${id}/validate`);
    expect(validation.json()).toMatchObject({ valid: false });
    expect(validation.json().errors.map((e: { path: string }) => e.path)).toEqual([
      '/rules/1/code',
      '/rules/1/when/>/0/var',
    ]);
    const refused = await api(rival, 'POST', `/scoring-rules/${id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(problemOf(refused).errors).toHaveLength(2);
    expect((await api(rival, 'POST', '/scoring-rules', { rules: [{ code: 'x' }] })).statusCode).toBe(400);

    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/scoring-rules/${id}`,
      headers: { ...rival.headers, 'if-match': String(lockVersion + 5) },
      payload: { rules: [] },
    });
    expect(stale.statusCode).toBe(409);
    const fixed = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/scoring-rules/${id}`,
      headers: { ...rival.headers, 'if-match': String(lockVersion) },
      payload: { hotThreshold: 50, rules: [rule('BUDGET', 70, { '!!': [{ var: 'dossier.budgetMax' }] })] },
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const published = await api(rival, 'POST', `/scoring-rules/${id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json<RulesetItem>()).toMatchObject({ status: 'PUBLISHED', isLatestPublished: true });
    // Rescoring is a background job (Temporal workflow, one per published version): follow it to the end.
    const job = published.json<RulesetItem>().rescore!;
    // Readable in the Temporal UI: the organisation's slug and the version.
    expect(job.workflowId).toBe(`rescore-rival-v${published.json<RulesetItem>().version}`);
    const attributes = (await t.temporal.workflow.getHandle(job.workflowId).describe()).searchAttributes;
    expect(attributes).toMatchObject({ OrgSlug: ['rival'], CaseType: ['RESCORE'] });
    expect(['RUNNING', 'COMPLETED']).toContain(job.status);
    await t.temporal.workflow.getHandle(job.workflowId).result();
    const done = await api(rival, 'GET', `/scoring-rules/${id}/rescore`);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'COMPLETED',
      rulesetVersion: published.json<RulesetItem>().version,
    });
    expect(done.json().rescored).toBeGreaterThanOrEqual(1);
    expect((await dossier(rival, d.id)).score).toBe(70);
    // Restarting is idempotent: the finished job is reported, nothing runs twice.
    const again = await api(rival, 'POST', `/scoring-rules/${id}/rescore`);
    expect(again.statusCode, again.body).toBe(202);
    expect(again.json()).toMatchObject({ workflowId: job.workflowId, status: 'COMPLETED' });
    const versions = (await api(rival, 'GET', '/scoring-rules')).json<{ data: RulesetItem[] }>().data;
    expect(versions.filter((v) => v.status === 'PUBLISHED').map((v) => v.id)).toEqual([id]);
    const audit = await api(rival, 'GET', `/audit?entityType=ScoringRuleset&entityId=${id}`);
    expect(audit.statusCode, audit.body).toBe(200);
    const actions = audit.json<{ data: { action: string }[] }>().data.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['CREATE', 'UPDATE', 'PUBLISH']));
  });

  it('rescores time-based rules nightly: a dossier idle in its status gains the points without any event', async () => {
    const d = await createDossier(t.app, rival.headers, { budgetMax: 100000 });
    const draft = await api(rival, 'POST', '/scoring-rules', {
      rules: [rule('STALLED', 40, { '>=': [{ var: 'daysInState' }, 7] })],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const published = await api(rival, 'POST', `/scoring-rules/${draft.json<RulesetItem>().id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    await t.temporal.workflow.getHandle(published.json<RulesetItem>().rescore!.workflowId).result();
    expect((await dossier(rival, d.id)).score).toBe(0);

    // Ten days pass with nothing happening to the dossier.
    const owner = new pg.Client({ connectionString: inject('ownerUrl') });
    await owner.connect();
    try {
      await owner.query(`update dossier set status_changed_at = now() - interval '10 days' where id = $1`, [
        d.id,
      ]);
    } finally {
      await owner.end();
    }
    expect((await dossier(rival, d.id)).score).toBe(0);
    const day = `2026-01-${String(Math.floor(Math.random() * 28) + 1).padStart(2, '0')}-${randomUUID().slice(0, 8)}`;
    const result = await t.temporal.workflow.execute('nightlyRescore', {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: `nightly-rescore-test-${day}`,
      args: [{ day }],
    });
    expect(result).toMatchObject({ day });
    expect((result as { organizations: number }).organizations).toBeGreaterThanOrEqual(2);
    expect((await dossier(rival, d.id)).score).toBe(40);

    // The job runs from a Temporal Schedule declared at start, every night at 02:30 UTC.
    const scheduleId = `nightly-rescore-test-${randomUUID()}`;
    await ensureNightlyRescoreSchedule(t.temporal, { taskQueue: TEST_TASK_QUEUE, scheduleId });
    const schedule = await t.temporal.schedule.getHandle(scheduleId).describe();
    expect(schedule.spec.calendars?.[0]).toMatchObject({
      hour: [{ start: 2, end: 2 }],
      minute: [{ start: 30, end: 30 }],
    });
    expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'nightlyRescore' });
    await t.temporal.schedule.getHandle(scheduleId).delete();
  });

  it('keeps rulesets to their organisation, and lets only WORKFLOW_ADMIN write', async () => {
    const rivalIds = (await api(rival, 'GET', '/scoring-rules'))
      .json<{ data: RulesetItem[] }>()
      .data.map((v) => v.id);
    const demoIds = (await api(agent, 'GET', '/scoring-rules'))
      .json<{ data: RulesetItem[] }>()
      .data.map((v) => v.id);
    expect(rivalIds.some((id) => demoIds.includes(id))).toBe(false);
    expect((await api(agent, 'GET', `/scoring-rules/${rivalIds[0]}`)).statusCode).toBe(404);
    const demoDossier = await createDossier(t.app, agent.headers);
    const foreign = await api(rival, 'POST', `/scoring-rules/${rivalIds[0]}/simulate`, {
      dossierId: demoDossier.id,
    });
    expect(foreign.statusCode).toBe(404);

    const id = await latestId(agent);
    expect((await api(agent, 'POST', `/scoring-rules/${id}/publish`)).statusCode).toBe(403);
    expect((await api(agent, 'POST', '/scoring-rules', { rules: [] })).statusCode).toBe(403);
  });
});

async function latestId(s: Session): Promise<string> {
  const res = await api(s, 'GET', '/scoring-rules?status=PUBLISHED');
  const id = res.json<{ data: RulesetItem[] }>().data[0]?.id;
  if (!id) throw new Error('no published scoring ruleset');
  return id;
}
