import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineEvent } from '../../db/entities/index.js';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { publishTestDefinition } from '../helpers/definitions.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Awaited<ReturnType<typeof login>>;
let manager: Awaited<ReturnType<typeof login>>;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function timeline(id: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/dossiers/${id}/timeline?pageSize=50`,
    headers: agent.headers,
  });
  return res.json<{ data: { kind: string; title: string; payload: Record<string, unknown> | null }[] }>()
    .data;
}

async function waitFor<T>(fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await fn();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error('condition not met in time');
}

describe('state timers and automations (durable Temporal timers)', () => {
  it('reminds the agent, auto-transitions as the system, then escalates to managers', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Minuteurs' },
      states: [
        {
          code: 'NEW',
          initial: true,
          timers: [
            { after: 'PT1S', action: 'remindAgent', message: { fr: 'Relancer le client' } },
            { after: 'PT2S', action: 'autoTransition', to: 'QUALIFIED' },
          ],
        },
        { code: 'QUALIFIED', timers: [{ after: 'PT1S', action: 'escalateManager' }] },
        { code: 'WON', terminal: true, reasonType: 'WON' },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED' },
        { from: 'QUALIFIED', to: 'WON' },
        { from: 'NEW', to: 'LOST' },
        { from: 'QUALIFIED', to: 'LOST' },
      ],
    });
    const d = await createDossier(t.app, agent.headers, { caseType, assignedAgentId: agent.user.id });
    const events = await waitFor(async () => {
      const e = await timeline(d.id);
      return e.some((x) => x.kind === 'ESCALATION') ? e : undefined;
    });
    const kinds = events.map((e) => e.kind).reverse();
    expect(kinds).toEqual(['CREATED', 'REMINDER', 'STATUS_CHANGE', 'ESCALATION']);
    expect(events.find((e) => e.kind === 'REMINDER')?.title).toBe('Relancer le client');
    const history = (
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${d.id}/history`, headers: agent.headers })
    ).json().data;
    expect(history[1]).toMatchObject({ from: 'NEW', to: 'QUALIFIED', actor: null, actorType: 'SYSTEM' });

    const agentInbox = (
      await t.app.inject({ method: 'GET', url: '/api/v1/notifications?pageSize=100', headers: agent.headers })
    ).json().data;
    expect(
      agentInbox.some(
        (n: { kind: string; entityId: string }) => n.kind === 'DOSSIER_REMINDER' && n.entityId === d.id,
      ),
    ).toBe(true);
    const managerInbox = (
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/notifications?pageSize=100',
        headers: manager.headers,
      })
    ).json().data;
    expect(
      managerInbox.some(
        (n: { kind: string; entityId: string }) => n.kind === 'DOSSIER_ESCALATION' && n.entityId === d.id,
      ),
    ).toBe(true);
  });

  it('skips an "unless activity" reminder when something happened in the state, and cancels timers on leaving it', async () => {
    const caseType = await publishTestDefinition(t.orm, agent.user.orgId, {
      name: { fr: 'Sauf activité' },
      states: [
        {
          code: 'NEW',
          initial: true,
          timers: [{ after: 'PT2S', action: 'remindAgent', unlessActivity: true }],
        },
        {
          code: 'QUALIFIED',
          timers: [{ after: 'PT2S', action: 'autoTransition', to: 'LOST', reasonCode: 'NO_RESPONSE' }],
        },
        { code: 'LOST', terminal: true, reasonType: 'LOSS' },
        { code: 'WON', terminal: true, reasonType: 'WON' },
      ],
      transitions: [
        { from: 'NEW', to: 'QUALIFIED' },
        { from: 'QUALIFIED', to: 'NEW' },
        { from: 'QUALIFIED', to: 'LOST' },
        { from: 'QUALIFIED', to: 'WON' },
        { from: 'NEW', to: 'LOST' },
      ],
    });
    const quiet = await createDossier(t.app, agent.headers, { caseType });
    const busy = await createDossier(t.app, agent.headers, { caseType });
    await withTenant(t.orm, { orgId: agent.user.orgId }, async (em) => {
      em.create(TimelineEvent, {
        id: randomUUID(),
        orgId: agent.user.orgId,
        dossierId: busy.id,
        kind: 'NOTE',
        title: 'Called back',
        occurredAt: new Date(),
        sourceKey: `note:${busy.id}`,
      });
      await em.flush();
    });
    const moved = await createDossier(t.app, agent.headers, { caseType });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${moved.id}/transitions`,
      headers: agent.headers,
      payload: { to: 'QUALIFIED' },
    });
    expect(res.statusCode).toBe(200);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${moved.id}/transitions`,
      headers: agent.headers,
      payload: { to: 'WON', reasonCode: 'OTHER' },
    });
    await sleep(3500);
    expect((await timeline(quiet.id)).map((e) => e.kind)).toContain('REMINDER');
    expect((await timeline(busy.id)).map((e) => e.kind)).not.toContain('REMINDER');
    const movedKinds = (await timeline(moved.id)).map((e) => e.kind);
    expect(movedKinds).not.toContain('REMINDER');
    const state = (
      await t.app.inject({ method: 'GET', url: `/api/v1/dossiers/${moved.id}`, headers: agent.headers })
    ).json();
    expect(state.statusCode).toBe('WON');
  });
});
