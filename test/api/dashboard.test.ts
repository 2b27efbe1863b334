import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

let t: TestApp;
let admin: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await login(t.app, 'admin@demo.test', 'demo');
});
afterAll(() => t.close());

describe('dashboard (F-9.1)', () => {
  it('counts new and hot leads, negotiation, weighted pipeline and lists overdue follow-ups for one agent', async () => {
    const run = randomUUID().slice(0, 8);
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: {
        email: `dash-${run}@demo.test`,
        fullName: 'Dash Agent',
        password: 'long-password-1',
        roles: ['AGENT'],
      },
    });
    const agentId = user.json().id as string;
    const agent = await login(t.app, `dash-${run}@demo.test`, 'demo', 'long-password-1');
    const dashboard = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/dashboard?agentId=${agentId}`,
          headers: admin.headers,
        })
      ).json();
    expect((await dashboard()).kpis).toEqual({
      newLeads7d: 0,
      hotLeads: 0,
      hotLeadsByScore: 0,
      dealsInNegotiation: 0,
      weightedPipeline: 0,
      openDeals: 0,
      appointmentsNext7d: 0,
    });

    const contact = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contacts',
      headers: admin.headers,
      payload: {
        firstName: 'Hot',
        lastName: `Lead ${run}`,
        email: `hot.${run}@example.test`,
        assignedAgentId: agentId,
      },
    });
    expect(contact.statusCode, contact.body).toBe(201);
    const contactId = contact.json().id as string;
    const hot = await createDossier(t.app, admin.headers, {
      contactId,
      assignedAgentId: agentId,
      budgetMax: 250000,
    });
    expect((await transition(t.app, admin.headers, hot.id, { to: 'QUALIFIED' })).statusCode).toBe(200);
    const deal = await createDossier(t.app, admin.headers, {
      assignedAgentId: agentId,
      budgetMax: 400000,
      amount: 300000,
      probability: 60,
    });
    for (const to of ['QUALIFIED', 'APPOINTMENT', 'VISIT', 'NEGOTIATION']) {
      expect((await transition(t.app, admin.headers, deal.id, { to })).statusCode).toBe(200);
    }
    const task = await t.app.inject({
      method: 'POST',
      url: '/api/v1/activities',
      headers: agent.headers,
      payload: {
        type: 'FOLLOW_UP',
        direction: 'INTERNAL',
        subject: 'Rappeler le client',
        dossierId: hot.id,
        dueAt: new Date(Date.now() - 3_600_000).toISOString(),
      },
    });
    expect(task.statusCode, task.body).toBe(201);

    const after = await dashboard();
    expect(after.kpis).toMatchObject({
      newLeads7d: 1,
      hotLeads: 1,
      dealsInNegotiation: 1,
      weightedPipeline: 180000,
      openDeals: 2,
    });
    expect(after.hotStatuses).toEqual(expect.arrayContaining(['QUALIFIED', 'NEGOTIATION']));
    expect(after.nextBestActions).toEqual([
      expect.objectContaining({
        kind: 'OVERDUE_FOLLOW_UP',
        title: 'Rappeler le client',
        dossierId: hot.id,
        contactId,
        contactName: `Hot Lead ${run}`,
      }),
    ]);

    // The whole organisation sees at least as much; another organisation sees none of it.
    const org = (
      await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: admin.headers })
    ).json();
    expect(org.kpis.openDeals).toBeGreaterThanOrEqual(2);
    const rival = await login(t.app, 'admin@rival.test', 'rival');
    const theirs = (
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/dashboard?agentId=${agentId}`,
        headers: rival.headers,
      })
    ).json();
    expect(theirs.kpis.openDeals).toBe(0);
    expect(theirs.nextBestActions).toEqual([]);
  });
});
