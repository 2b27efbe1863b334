import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
let manager: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

describe('dossiers on Temporal', () => {
  it('creates a dossier whose workflow is findable by org, type and status in Temporal', async () => {
    const d = await createDossier(t.app, agent.headers, { budgetMax: 300000 });
    expect(d).toMatchObject({ statusCode: 'NEW', definitionVersion: 1, version: 1 });
    expect(d.workflowId).toMatch(/^dossier-demo-[0-9a-f]{12}$/);
    const description = await t.temporal.workflow.getHandle(d.workflowId).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.searchAttributes).toMatchObject({
      OrgId: [agent.user.orgId],
      CaseType: ['ACHAT'],
      StatusCode: ['NEW'],
      EntityId: [d.id],
    });
    expect(await description.memo).toMatchObject({ title: 'Appartement T3 Lyon' });
  });

  it('walks the whole pipeline, with the guard blocking then allowing', async () => {
    const d = await createDossier(t.app, agent.headers);
    const options = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${d.id}/transitions`,
      headers: agent.headers,
    });
    expect(options.statusCode).toBe(200);
    const toQualified = options.json().data.find((o: { to: string }) => o.to === 'QUALIFIED');
    expect(toQualified).toMatchObject({
      allowed: false,
      reasonCode: 'GUARD',
      reason: 'Budget maximum requis',
    });
    expect(options.json().data.find((o: { to: string }) => o.to === 'LOST')).toMatchObject({
      allowed: true,
      reasonType: 'LOSS',
    });

    const blocked = await transition(t.app, agent.headers, d.id, { to: 'QUALIFIED' });
    expect(blocked.statusCode).toBe(422);
    expect(problemOf(blocked).detail).toBe('Budget maximum requis');
    const english = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/transitions?lang=en`,
      headers: agent.headers,
      payload: { to: 'QUALIFIED' },
    });
    expect(problemOf(english).detail).toBe('Maximum budget required');

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dossiers/${d.id}`,
      headers: agent.headers,
      payload: { version: d.version, budgetMax: 350000, amount: 320000, probability: 40 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().weightedAmount).toBe(128000);

    for (const to of ['QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION']) {
      const res = await transition(t.app, agent.headers, d.id, { to, comment: `to ${to}` });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().statusCode).toBe(to);
    }
    const noReason = await transition(t.app, agent.headers, d.id, { to: 'WON' });
    expect(noReason.statusCode).toBe(422);
    expect(problemOf(noReason).type).toContain('reason-required');
    const badReason = await transition(t.app, agent.headers, d.id, { to: 'WON', reasonCode: 'NOT_A_REASON' });
    expect(badReason.statusCode).toBe(400);
    expect(problemOf(badReason).errors?.[0]?.field).toBe('reasonCode');
    const won = await transition(t.app, agent.headers, d.id, { to: 'WON', reasonCode: 'OFFER_ACCEPTED' });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ statusCode: 'WON', closeReasonCode: 'OFFER_ACCEPTED' });
    expect(won.json().closedAt).toBeTruthy();

    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/history`, headers: agent.headers })
    ).json().data;
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'NEW',
      'QUALIFIED',
      'APPOINTMENT',
      'VISIT',
      'NEGOTIATION',
      'WON',
    ]);
    expect(history[5]).toMatchObject({
      from: 'NEGOTIATION',
      actor: agent.user.id,
      reasonCode: 'OFFER_ACCEPTED',
    });
    const timeline = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/dossiers/${d.id}/timeline?kind=STATUS_CHANGE`,
        headers: agent.headers,
      })
    ).json();
    expect(timeline.total).toBe(5);
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?entityType=Dossier&entityId=${d.id}&action=TRANSITION`,
        headers: manager.headers,
      })
    ).json();
    expect(audit.total).toBe(5);
    expect(audit.data[0].diffJson.statusCode).toEqual({ from: 'NEGOTIATION', to: 'WON' });

    // The workflow has completed with the dossier closed: no more moves.
    const after = await transition(t.app, agent.headers, d.id, { to: 'LOST', reasonCode: 'OTHER' });
    expect(after.statusCode).toBe(422);
    expect((await t.temporal.workflow.getHandle(d.workflowId).describe()).status.name).toBe('COMPLETED');
  });

  it('refuses moves the pipeline does not declare, and users without the permission', async () => {
    const d = await createDossier(t.app, agent.headers, { budgetMax: 100000 });
    const illegal = await transition(t.app, agent.headers, d.id, { to: 'NEGOTIATION' });
    expect(illegal.statusCode).toBe(422);
    expect(problemOf(illegal).detail).toContain('No transition from NEW to NEGOTIATION');
    const unknown = await transition(t.app, agent.headers, d.id, { to: 'NOPE' });
    expect(unknown.statusCode).toBe(422);
    const readonly = await login(t.app, 'readonly@demo.test', 'demo');
    const forbidden = await transition(t.app, readonly.headers, d.id, { to: 'QUALIFIED' });
    expect(forbidden.statusCode).toBe(403);
    const stale = await transition(t.app, agent.headers, d.id, { to: 'QUALIFIED', version: 99 });
    expect(stale.statusCode).toBe(409);
  });

  it('hides another organisation’s dossier (404) and never reaches its workflow', async () => {
    const d = await createDossier(t.app, agent.headers, { budgetMax: 100000 });
    const rival = await login(t.app, 'admin@rival.test', 'rival');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: rival.headers }))
        .statusCode,
    ).toBe(404);
    expect((await transition(t.app, rival.headers, d.id, { to: 'QUALIFIED' })).statusCode).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/dossiers/${d.id}/transitions`,
          headers: rival.headers,
        })
      ).statusCode,
    ).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?pageSize=200`,
      headers: rival.headers,
    });
    expect(list.json().data.some((x: { id: string }) => x.id === d.id)).toBe(false);
    const state = await t.temporal.workflow.getHandle(d.workflowId).query('state');
    expect(state).toMatchObject({ statusCode: 'NEW' });
  });

  it.each([
    ['to an open state', () => ({ to: 'QUALIFIED' })],
    ['to a closing state', () => ({ to: 'LOST', reasonCode: 'BUDGET' })],
    ['mixed', (i: number) => (i % 2 ? { to: 'QUALIFIED' } : { to: 'LOST', reasonCode: 'BUDGET' })],
  ] as const)(
    'serialises 20 racing transitions (%s): exactly one wins, the others get 409',
    async (_name, body) => {
      const d = await createDossier(t.app, agent.headers, { budgetMax: 100000 });
      // Like the UI, each client says which version of the dossier it is moving.
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          transition(t.app, agent.headers, d.id, { ...body(i), version: d.version }),
        ),
      );
      const codes = results.map((r) => r.statusCode);
      expect(codes.filter((c) => c === 200)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(19);
      const history = (
        await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/history`, headers: agent.headers })
      ).json().data;
      expect(history).toHaveLength(2);
    },
  );

  it('honours Idempotency-Key on create and on transitions', async () => {
    const key = randomUUID();
    const payload = { caseType: 'ACHAT', title: 'Idempotent', budgetMax: 200000 };
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...agent.headers, 'idempotency-key': key },
      payload,
    });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...agent.headers, 'idempotency-key': key },
      payload,
    });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: { ...agent.headers, 'idempotency-key': key },
      payload: { ...payload, title: 'Other' },
    });
    expect(reused.statusCode).toBe(422);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?q=Idempotent',
      headers: agent.headers,
    });
    expect(list.json().data.filter((x: { title: string }) => x.title === 'Idempotent')).toHaveLength(1);

    const tkey = randomUUID();
    const id = first.json().id;
    const moves = await Promise.all(
      [0, 1, 2].map(() =>
        transition(t.app, agent.headers, id, { to: 'QUALIFIED' }, { 'idempotency-key': tkey }),
      ),
    );
    expect(moves.map((m) => m.statusCode)).toEqual([200, 200, 200]);
    const later = await transition(
      t.app,
      agent.headers,
      id,
      { to: 'QUALIFIED' },
      { 'idempotency-key': tkey },
    );
    expect(later.statusCode).toBe(200);
    expect(later.json().statusCode).toBe('QUALIFIED');
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${id}/history`, headers: agent.headers })
    ).json().data;
    expect(history).toHaveLength(2);
  });

  it('lists with filters, full-text search, sort and a Kanban view', async () => {
    const tag = randomUUID().slice(0, 6);
    const a = await createDossier(t.app, agent.headers, {
      title: `Maison ${tag} Villeurbanne`,
      budgetMin: 200000,
      budgetMax: 400000,
      source: 'WEBSITE',
    });
    await createDossier(t.app, agent.headers, {
      title: `Studio ${tag} Croix-Rousse`,
      budgetMin: 90000,
      budgetMax: 120000,
      caseType: 'LOCATION',
    });
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=${tag}%20villeur`,
      headers: agent.headers,
    });
    expect(search.json().data.map((x: { id: string }) => x.id)).toEqual([a.id]);
    const byBudget = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=${tag}&budgetFrom=150000&budgetTo=250000`,
      headers: agent.headers,
    });
    expect(byBudget.json().total).toBe(1);
    const byType = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=${tag}&caseType=LOCATION&sort=-title`,
      headers: agent.headers,
    });
    expect(byType.json().data[0].title).toContain('Studio');
    const badSort = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?sort=workflowId',
      headers: agent.headers,
    });
    expect(badSort.statusCode).toBe(400);
    const board = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers/kanban?caseType=ACHAT&pageSize=5',
      headers: agent.headers,
    });
    expect(board.statusCode).toBe(200);
    const columns = board.json().columns;
    expect(columns.map((c: { statusCode: string }) => c.statusCode)).toEqual([
      'NEW',
      'QUALIFIED',
      'APPOINTMENT',
      'VISIT',
      'NEGOTIATION',
      'WON',
      'LOST',
    ]);
    expect(columns[0].total).toBeGreaterThanOrEqual(1);
    expect(columns[0].data.length).toBeLessThanOrEqual(5);
  });
});

describe('deactivating an agent (F-1.4)', () => {
  it('reassigns their dossiers and contacts to a manager, audited per record, in the contact history', async () => {
    const admin = await login(t.app, 'admin@demo.test', 'demo');
    const email = `leaving-${randomUUID().slice(0, 8)}@demo.test`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, fullName: 'Leaving Agent', password: 'long-password-1', roles: ['AGENT'] },
    });
    const leaverId = created.json().id;
    const d = await createDossier(t.app, agent.headers, { assignedAgentId: leaverId });
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: agent.headers,
      payload: {
        firstName: 'Suivi',
        lastName: 'Parti',
        email: `suivi-${randomUUID().slice(0, 8)}@example.test`,
        assignedAgentId: leaverId,
      },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${leaverId}/deactivate`,
      headers: admin.headers,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().reassigned.Dossier).toBe(1);
    expect(res.json().reassigned.Contact).toBe(1);
    const followed = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/contacts/${contact.json().id}`,
        headers: agent.headers,
      })
    ).json();
    expect(followed.assignedAgentId).toBe(manager.user.id);
    expect(
      followed.assignments.map((a: { fromAgentId: string | null; toAgentId: string | null }) => [
        a.fromAgentId,
        a.toAgentId,
      ]),
    ).toEqual([
      [null, leaverId],
      [leaverId, manager.user.id],
    ]);
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}`, headers: agent.headers })
    ).json();
    expect(after.assignedAgentId).toBe(manager.user.id);
    const audit = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/audit?entityId=${d.id}&action=REASSIGN`,
        headers: admin.headers,
      })
    ).json();
    expect(audit.total).toBe(1);
    expect(audit.data[0].actorId).toBe(admin.user.id);
  });
});

describe('winning a deal converts its lead (F-3.4, F-4.4)', () => {
  it('offers the conversion on WON and converts the contact with a role when asked', async () => {
    const run = randomUUID().slice(0, 8);
    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: agent.headers,
      payload: { firstName: 'Camille', lastName: `Martin ${run}`, email: `camille.${run}@example.test` },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json().id as string;
    const d = await createDossier(t.app, agent.headers, { contactId, budgetMax: 300000, amount: 280000 });
    for (const to of ['QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION']) {
      expect((await transition(t.app, agent.headers, d.id, { to })).statusCode).toBe(200);
    }
    const options = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/dossiers/${d.id}/transitions`,
        headers: agent.headers,
      })
    ).json().data;
    expect(options.find((o: { to: string }) => o.to === 'WON').offersContactConversion).toBe(true);
    expect(options.find((o: { to: string }) => o.to === 'LOST').offersContactConversion).toBe(false);

    const won = await transition(t.app, agent.headers, d.id, {
      to: 'WON',
      reasonCode: 'OFFER_ACCEPTED',
      convertContact: true,
      contactRole: 'ACQUEREUR',
    });
    expect(won.statusCode, won.body).toBe(200);
    expect(won.json()).toMatchObject({ statusCode: 'WON', contactConverted: true, contactId });
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}`, headers: agent.headers })
    ).json();
    expect(after.status).toBe('active_client');
    expect(after.convertedAt).toBeTruthy();
    expect(JSON.stringify(after.roles)).toContain('ACQUEREUR');
    // Nothing was copied: the dossier still points at the same contact.
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?q=${d.reference}`,
      headers: agent.headers,
    });
    expect(list.json().data[0].contactId).toBe(contactId);
  });
});
