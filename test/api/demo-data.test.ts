import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { bulkLoad, ensureBenchOrg } from '../../seed/bulk-load.js';
import { seedDemoBusinessData, type DemoDataResult } from '../../seed/demo-data.js';
import { DEMO_COOP_GROUP } from '../../seed/demo-coop.js';
import { createOrm, type Orm } from '../../db/orm.js';
import { contributionCycleWorkflowId } from '../../workflows/contribution-cycle.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import type { WorkflowDefinitionBody } from '../../definitions/workflow-definition.schema.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD, TEST_TASK_QUEUE } from '../helpers/constants.js';

let t: TestApp;
let ownerOrm: Orm;
let db: pg.Client;
let first: DemoDataResult;
let admin: Awaited<ReturnType<typeof login>>;
const slug = `demo-${randomUUID().slice(0, 8)}`;
const seed = () =>
  seedDemoBusinessData({
    ownerUrl: inject('ownerUrl'),
    temporal: t.temporal,
    taskQueue: TEST_TASK_QUEUE,
    orgSlugs: [slug],
  });

beforeAll(async () => {
  t = await buildTestApp();
  ownerOrm = await createOrm(inject('ownerUrl'), 4);
  db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  // A throwaway organisation: the suite's shared demo organisations stay free of business data.
  const orgId = await ensureOrganization(ownerOrm, slug, 'Agence Test Démo');
  for (const role of ['admin', 'manager', 'agent']) {
    await ensureUser(ownerOrm, orgId, {
      email: `${role}@${slug}.test`,
      fullName: `${role} ${slug}`,
      password: TEST_PASSWORD,
      roles: [role.toUpperCase()],
    });
  }
  [first] = (await seed()) as [DemoDataResult];
  admin = await login(t.app, `admin@${slug}.test`, slug);
}, 120_000);
afterAll(async () => {
  await db.end();
  await ownerOrm.close(true);
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: admin.headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Record<string, unknown>>();
};

describe('demo business data', () => {
  it('creates contacts, accounts and dossiers visible through the API', async () => {
    expect(first.skipped).toBe(false);
    expect(first.contacts).toBeGreaterThanOrEqual(200);
    expect((await get('/api/v1/contacts?pageSize=1')).total).toBe(first.contacts);
    expect((await get('/api/v1/dossiers?pageSize=1')).total).toBe(first.dossiers);
    expect((await get('/api/v1/accounts?pageSize=1')).total).toBe(first.accounts);
    const emails = await db.query<{ n: string; phones: string }>(
      `select count(distinct lower(email)) as n, count(*) filter (where phone ~ '^\\+33[67][0-9]{8}$') as phones
         from contact c join organization o on o.id = c.org_id where o.slug = $1`,
      [slug],
    );
    expect(Number(emails.rows[0]!.n)).toBe(first.contacts);
    expect(Number(emails.rows[0]!.phones)).toBe(first.contacts);
  });

  it('spreads dossiers over every stage along declared transitions, from the initial state', async () => {
    const defs = await db.query<{ case_type: string; body: WorkflowDefinitionBody }>(
      `select distinct on (case_type) case_type, body from workflow_definition w join organization o on o.id = w.org_id
        where o.slug = $1 and w.status = 'PUBLISHED' and case_type in ('ACHAT','LOCATION','LEAD')
        order by case_type, version desc`,
      [slug],
    );
    const rows = await db.query<{
      case_type: string;
      status_code: string;
      close_reason_code: string | null;
      closed_at: Date | null;
      status_changed_at: Date;
      path: { from: string | null; to: string; at: string; reason: string | null }[];
    }>(
      `select d.case_type, d.status_code, d.close_reason_code, d.closed_at, d.status_changed_at,
              json_agg(json_build_object('from', h.from_status, 'to', h.to_status, 'at', h.at, 'reason', h.reason_code)
                       order by h.at, h.update_id) as path
         from dossier d join organization o on o.id = d.org_id join dossier_status_history h on h.dossier_id = d.id
        where o.slug = $1 group by d.id`,
      [slug],
    );
    expect(rows.rows).toHaveLength(first.dossiers);
    for (const { case_type, body } of defs.rows) {
      const mine = rows.rows.filter((r) => r.case_type === case_type);
      // Every stage is represented.
      expect(new Set(mine.map((r) => r.status_code))).toEqual(new Set(body.states.map((s) => s.code)));
      for (const d of mine) {
        expect(d.path[0]).toMatchObject({ from: null, to: body.states.find((s) => s.initial)!.code });
        for (let k = 1; k < d.path.length; k++) {
          const step = d.path[k]!;
          expect(step.from).toBe(d.path[k - 1]!.to);
          expect(body.transitions.some((tr) => tr.from === step.from && tr.to === step.to)).toBe(true);
        }
        const last = d.path[d.path.length - 1]!;
        expect(last.to).toBe(d.status_code);
        expect(new Date(last.at).getTime()).toBe(d.status_changed_at.getTime());
        const terminal = body.states.find((s) => s.code === d.status_code)!.terminal === true;
        expect(d.closed_at !== null).toBe(terminal);
        expect(d.close_reason_code !== null).toBe(terminal);
        if (terminal) expect(last.reason).toBe(d.close_reason_code);
      }
    }
  });

  it('gives every open dossier a running workflow that takes transitions through the API', async () => {
    const open = await db.query<{ id: string; workflow_id: string; status_code: string; case_type: string }>(
      `select d.id, d.workflow_id, d.status_code, d.case_type from dossier d join organization o on o.id = d.org_id
        where o.slug = $1 and d.closed_at is null order by d.id`,
      [slug],
    );
    expect(open.rows.length).toBe(first.workflowsStarted);
    for (const d of open.rows.filter((_, i) => i % 10 === 0)) {
      const description = await t.temporal.workflow.getHandle(d.workflow_id).describe();
      expect(description.status.name).toBe('RUNNING');
    }
    const qualified = open.rows.find((d) => d.case_type === 'ACHAT' && d.status_code === 'QUALIFIED')!;
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${qualified.id}/transitions`,
      headers: admin.headers,
      payload: { to: 'APPOINTMENT' },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ statusCode: 'APPOINTMENT' });
    const lost = open.rows.find((d) => d.case_type === 'LEAD' && d.status_code === 'CRM_NEW')!;
    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${lost.id}/transitions`,
      headers: admin.headers,
      payload: { to: 'CRM_LOST', reasonCode: 'NO_RESPONSE' },
    });
    expect(closed.statusCode, closed.body).toBe(200);
  });

  it('feeds the dashboard and the funnel', async () => {
    const dashboard = (await get('/api/v1/dashboard')) as {
      kpis: Record<string, number>;
      nextBestActions: unknown[];
    };
    expect(dashboard.kpis.openDeals).toBeGreaterThan(0);
    expect(dashboard.kpis.weightedPipeline).toBeGreaterThan(0);
    expect(dashboard.kpis.newLeads7d).toBeGreaterThan(0);
    expect(dashboard.kpis.hotLeads).toBeGreaterThan(0);
    expect(dashboard.nextBestActions.length).toBeGreaterThan(0);
    const funnel = (await get('/api/v1/reports/funnel?caseType=ACHAT')) as { stages: { reached: number }[] };
    expect(funnel.stages.filter((s) => s.reached > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('fills the engagement screens: consents, past and upcoming appointments with reminder workflows', async () => {
    expect(first.consents).toBeGreaterThan(first.contacts);
    expect(first.appointments).toBeGreaterThan(10);
    expect(first.reminderWorkflowsStarted).toBeGreaterThan(0);
    const consents = await db.query<{ contact_id: string; channel: string; status: string; scoped: boolean }>(
      `select contact_id, channel, status, dossier_id is not null as scoped from contact_consent c
         join organization o on o.id = c.org_id where o.slug = $1`,
      [slug],
    );
    expect(new Set(consents.rows.map((r) => r.status))).toEqual(new Set(['OPT_IN', 'OPT_OUT']));
    expect(consents.rows.some((r) => r.scoped)).toBe(true);
    const general = consents.rows.find((r) => !r.scoped)!;
    const badges = (await get(`/api/v1/contacts/${general.contact_id}/consents`)) as Record<string, unknown>;
    expect(badges[general.channel]).toMatchObject({ status: general.status });

    const now = Date.now();
    const range = (from: number, to: number) =>
      `from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`;
    const ahead = (await get(`/api/v1/appointments?${range(now, now + 15 * 86_400_000)}`)) as {
      data: { status: string; workflowId: string }[];
    };
    expect(ahead.data.length).toBe(first.reminderWorkflowsStarted);
    expect(ahead.data.every((a) => ['SCHEDULED', 'CONFIRMED'].includes(a.status))).toBe(true);
    const running = await t.temporal.workflow.getHandle(ahead.data[0]!.workflowId).describe();
    expect(running.status.name).toBe('RUNNING');
    const past = (await get(`/api/v1/appointments?${range(now - 30 * 86_400_000, now)}`)) as {
      data: { status: string }[];
    };
    expect(past.data.length).toBe(first.appointments - first.reminderWorkflowsStarted);
    expect(past.data.some((a) => a.status === 'DONE')).toBe(true);
  });

  it('adds the coop group: project, 8 lots, 12 members in FIFO order, running cycles, an allocation', async () => {
    const groups = (await get('/api/v1/coop/groups')) as { data: { id: string; name: string }[] };
    const group = groups.data.find((g) => g.name === DEMO_COOP_GROUP)!;
    expect(group).toBeDefined();
    const members = (await get(`/api/v1/coop/groups/${group.id}/members`)) as {
      data: { id: string; fifoRank: number; status: string }[];
    };
    expect(members.data.map((m) => m.fifoRank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1),
    );
    const statuses = members.data.map((m) => m.status);
    expect(statuses.filter((s) => s === 'ACTIVE')).toHaveLength(10);
    expect(statuses).toEqual(expect.arrayContaining(['PENDING_KYC', 'SUSPENDED']));
    const projects = (await get(`/api/v1/coop/groups/${group.id}/projects`)) as { data: { id: string }[] };
    expect(projects.data).toHaveLength(1);
    const lots = (await get(`/api/v1/coop/projects/${projects.data[0]!.id}/lots`)) as { total: number };
    expect(lots.total).toBe(8);
    const plans = (await get(`/api/v1/coop/groups/${group.id}/plans`)) as { data: { id: string }[] };
    expect(plans.data).toHaveLength(1);
    const active = members.data.find((m) => m.status === 'ACTIVE')!;
    const cycle = await t.temporal.workflow
      .getHandle(
        contributionCycleWorkflowId({
          orgSlug: slug,
          groupId: group.id,
          planId: plans.data[0]!.id,
          memberId: active.id,
        }),
      )
      .describe();
    expect(cycle.status.name).toBe('RUNNING');
    const run = await t.app.inject({
      method: 'POST',
      url: `/api/v1/coop/projects/${projects.data[0]!.id}/allocations`,
      headers: admin.headers,
      payload: {},
    });
    expect(run.statusCode, run.body).toBe(201);
    const lines = run.json<{ lines: { status: string; reason: string | null }[] }>().lines;
    expect(lines.filter((l) => l.status === 'PROPOSED')).toHaveLength(8);
    expect(lines.filter((l) => l.reason === 'NOT_ACTIVE')).toHaveLength(2);
  });

  it('is idempotent: a second run adds nothing', async () => {
    const before = (await get('/api/v1/dossiers?pageSize=1')).total;
    const [again] = await seed();
    expect(again).toMatchObject({ skipped: true, contacts: 0, dossiers: 0, workflowsStarted: 0 });
    expect((await get('/api/v1/dossiers?pageSize=1')).total).toBe(before);
    expect((await get('/api/v1/contacts?pageSize=1')).total).toBe(first.contacts);
    const groups = (await get('/api/v1/coop/groups')) as { data: { name: string }[] };
    expect(groups.data.filter((g) => g.name === DEMO_COOP_GROUP)).toHaveLength(1);
  });
});

describe('bulk loader', () => {
  it('loads 1,000 contacts and 1,000 read-only dossiers with history in one organisation', async () => {
    const bulkSlug = `bulk-${randomUUID().slice(0, 8)}`;
    const orgId = await ensureBenchOrg(ownerOrm, bulkSlug, TEST_PASSWORD);
    const users = await db.query<{ id: string }>(`select id from app_user where org_id = $1`, [orgId]);
    const loaded = await bulkLoad(db, {
      orgId,
      contacts: 1000,
      dossiers: 1000,
      agentIds: users.rows.map((u) => u.id),
    });
    expect(loaded).toMatchObject({ contacts: 1000, dossiers: 1000 });
    const bulkAdmin = await login(t.app, `admin@${bulkSlug}.test`, bulkSlug);
    const list = async (url: string) =>
      (await t.app.inject({ method: 'GET', url, headers: bulkAdmin.headers })).json<{ total: number }>()
        .total;
    expect(await list('/api/v1/contacts?pageSize=1')).toBe(1000);
    expect(await list('/api/v1/dossiers?pageSize=1')).toBe(1000);
    const history = await db.query<{ n: string }>(
      `select count(distinct dossier_id) as n from dossier_status_history where org_id = $1`,
      [orgId],
    );
    expect(Number(history.rows[0]!.n)).toBe(1000);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/exports/contacts',
      headers: bulkAdmin.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n')).toHaveLength(1001);
  });
});
