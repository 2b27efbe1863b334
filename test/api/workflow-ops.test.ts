import { WorkflowNotFoundError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contributionCycle,
  contributionCycleWorkflowId,
  legacyContributionCycleWorkflowId,
} from '../../workflows/contribution-cycle.js';
import { startCycle } from '../../api/services/coop/cycles.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { coopApi, until, type Session } from '../helpers/coop.js';

/** What an operator does in the Temporal UI: find a record's workflow by what they can read on screen. */
let t: TestApp;
let admin: Session;
let h: ReturnType<typeof coopApi>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
  h = coopApi(t.app);
});
afterAll(() => t.close());

const listIds = async (query: string) => {
  const ids: string[] = [];
  for await (const w of t.temporal.workflow.list({ query })) ids.push(w.workflowId);
  return ids;
};

const newGroup = () =>
  h.ok<{ id: string }>(
    h.api(admin, 'POST', '/coop/groups', { name: `Coop ops ${randomUUID().slice(0, 6)}`, city: 'Rabat' }),
    201,
  );
const newPlan = (groupId: string) =>
  h.ok<{ id: string }>(
    h.api(admin, 'POST', `/coop/groups/${groupId}/plans`, {
      name: 'Apport',
      effectiveFrom: new Date().toISOString(),
      schedule: {
        kind: 'INTERVAL',
        start: new Date(Date.now() + 86_400_000).toISOString(),
        every: 'P30D',
        count: 2,
        amount: 10000,
      },
    }),
    201,
  );
const person = () => ({
  displayName: `Membre ${randomUUID().slice(0, 4)}`,
  email: `ops.${randomUUID().slice(0, 8)}@example.test`,
});

describe('ops in the Temporal UI', () => {
  it('finds a dossier by its reference and organisation slug', async () => {
    const d = await h.ok<{ id: string; reference: string; workflowId: string }>(
      h.api(admin, 'POST', '/dossiers', { caseType: 'ACHAT', title: 'Ops lookup' }),
      201,
    );
    expect(d.reference).toMatch(/^D-\d{4}-[0-9A-F]{8}$/);
    const found = await until('the dossier in visibility', async () => {
      const ids = await listIds(`DossierReference="${d.reference}" AND OrgSlug="demo"`);
      return ids.length ? ids : undefined;
    });
    expect(found).toEqual([d.workflowId]);
    expect(await listIds(`DossierReference="${d.reference}" AND OrgSlug="other-agency"`)).toEqual([]);

    // The dossier page's link to it: for ops (admins hold OPS_WORKFLOWS_VIEW), nobody else.
    const link = await h.ok<{ workflowId: string; runId: string | null; url: string }>(
      h.api(admin, 'GET', `/dossiers/${d.id}/workflow`),
    );
    const run = (await t.temporal.workflow.getHandle(d.workflowId).describe()).runId;
    expect(link).toEqual({
      workflowId: d.workflowId,
      runId: run,
      url: `${t.app.env.TEMPORAL_UI_URL}/namespaces/default/workflows/${d.workflowId}/${run}/history`,
    });
    const agent = await login(t.app, 'agent@demo.test', 'demo');
    const refused = await h.api(agent, 'GET', `/dossiers/${d.id}/workflow`);
    expect(refused.statusCode).toBe(403);
    const missing = await h.api(admin, 'GET', `/dossiers/${randomUUID()}/workflow`);
    expect(missing.statusCode).toBe(404);
  });

  it('names contribution cycles contribution-<org>-g<group>-p<plan>-m<member>, with OrgSlug set', async () => {
    const group = await newGroup();
    const plan = await newPlan(group.id);
    const member = await h.activeMember(admin, group.id, person());
    const id = contributionCycleWorkflowId({
      orgSlug: 'demo',
      groupId: group.id,
      planId: plan.id,
      memberId: member.id,
    });
    const hex = (uuid: string) => uuid.replace(/-/g, '').slice(0, 12);
    expect(id).toBe(`contribution-demo-g${hex(group.id)}-p${hex(plan.id)}-m${hex(member.id)}`);
    const described = await t.temporal.workflow.getHandle(id).describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.searchAttributes).toMatchObject({
      OrgSlug: ['demo'],
      CaseType: ['COOP_CONTRIBUTION'],
      EntityId: [member.id],
    });
    const found = await until('the cycle in visibility', async () => {
      const ids = await listIds(
        `OrgSlug="demo" AND CaseType="COOP_CONTRIBUTION" AND EntityId="${member.id}"`,
      );
      return ids.length ? ids : undefined;
    });
    expect(found).toEqual([id]);
    // The id's prefix narrows to an organisation, then a group.
    expect(await listIds(`WorkflowId STARTS_WITH "contribution-demo-g${hex(group.id)}-"`)).toEqual([id]);
  });

  it('keeps talking to a cycle started under the legacy id, and never starts a twin beside it', async () => {
    const group = await newGroup();
    const plan = await newPlan(group.id);
    const pending = await h.ok<{ id: string }>(
      h.api(admin, 'POST', `/coop/groups/${group.id}/members`, person()),
      201,
    );
    const orgId = admin.user.orgId;
    // As a database from before readable ids holds it: the cycle runs under coop-cycle-<plan>-<member>.
    const legacyId = legacyContributionCycleWorkflowId(plan.id, pending.id);
    const legacy = await t.temporal.workflow.start(contributionCycle, {
      taskQueue: t.app.env.TEMPORAL_TASK_QUEUE,
      workflowId: legacyId,
      args: [{ orgId, groupId: group.id, planId: plan.id, memberId: pending.id }],
    });
    try {
      const state = await until('the legacy cycle answers through the API', async () => {
        const res = await h.api(admin, 'GET', `/coop/plans/${plan.id}/members/${pending.id}/cycle`);
        expect(res.statusCode, res.body).toBe(200);
        return res.json<unknown>() ?? undefined;
      });
      expect(state).toBeTruthy();
      const readable = contributionCycleWorkflowId({
        orgSlug: 'demo',
        groupId: group.id,
        planId: plan.id,
        memberId: pending.id,
      });
      // Starting the cycle again (the member activated, a plan re-run) leaves the legacy run alone.
      const key = { orgId, orgSlug: 'demo', groupId: group.id, planId: plan.id, memberId: pending.id };
      await startCycle(t.temporal, t.app.env.TEMPORAL_TASK_QUEUE, key);
      await expect(t.temporal.workflow.getHandle(readable).describe()).rejects.toBeInstanceOf(
        WorkflowNotFoundError,
      );
    } finally {
      await legacy.terminate('test over');
    }
  });
});
