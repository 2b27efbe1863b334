import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;
let manager: Session;
let rival: Session;
let rivalContactId: string;
let demoContactId: string;
const run = randomUUID().slice(0, 8);

async function newContact(session: Session, name: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/contacts',
    headers: session.headers,
    payload: { firstName: name, lastName: run, email: `${name}.${randomUUID().slice(0, 8)}@example.test` },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
  rival = await login(t.app, 'admin@rival.test', 'rival');
  rivalContactId = await newContact(rival, 'Rival');
  demoContactId = await newContact(manager, 'Demo');
});
afterAll(() => t.close());

/** The problem's field errors, as `field:code` pairs. */
function reasons(res: { json(): unknown }) {
  const body = res.json() as { errors?: { field: string; code?: string }[] };
  return (body.errors ?? []).map((e) => `${e.field}:${e.code}`);
}

async function asOwner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('ownerUrl') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe('references stay inside their organisation (issue 15, item 7)', () => {
  it("POST /dossiers refuses another organisation's contact and agent, and made-up ids: 422 per field", async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: manager.headers,
      payload: {
        caseType: 'ACHAT',
        title: `Cross ${run}`,
        contactId: rivalContactId,
        assignedAgentId: rival.user.id,
      },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(reasons(res).sort()).toEqual([
      'assignedAgentId:REFERENCE_NOT_FOUND',
      'contactId:REFERENCE_NOT_FOUND',
    ]);

    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: manager.headers,
      payload: { caseType: 'ACHAT', title: `Random ${run}`, contactId: randomUUID() },
    });
    expect(made.statusCode).toBe(422);
    expect(reasons(made)).toEqual(['contactId:REFERENCE_NOT_FOUND']);
  });

  it("PATCH /dossiers refuses another organisation's contact and agent; its own still work", async () => {
    const d = await createDossier(t.app, manager.headers, { title: `Patch ${run}` });
    for (const [field, id] of [
      ['contactId', rivalContactId],
      ['assignedAgentId', rival.user.id],
      ['assignedAgentId', randomUUID()],
    ] as const) {
      const res = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/dossiers/${d.id}`,
        headers: manager.headers,
        payload: { version: d.version, [field]: id },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(reasons(res)).toEqual([`${field}:REFERENCE_NOT_FOUND`]);
    }
    const ok = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/dossiers/${d.id}`,
      headers: manager.headers,
      payload: { version: d.version, contactId: demoContactId, assignedAgentId: manager.user.id },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ contactId: demoContactId, assignedAgentId: manager.user.id });
  });

  it("the other routes that link rows refuse another organisation's ids, naming the field", async () => {
    const d = await createDossier(t.app, manager.headers, { title: `Links ${run}` });
    const start = new Date(Date.now() + 86_400_000);
    const cases: Array<{
      url: string;
      method: 'POST' | 'PATCH';
      payload: Record<string, unknown>;
      reason: string;
    }> = [
      {
        method: 'POST',
        url: `/api/v1/dossiers/${d.id}/parties`,
        payload: { contactId: rivalContactId, role: 'GUARANTOR' },
        reason: 'contactId:REFERENCE_NOT_FOUND',
      },
      {
        method: 'POST',
        url: '/api/v1/appointments',
        payload: {
          kind: 'RDV',
          title: 'Cross',
          startAt: start.toISOString(),
          endAt: new Date(start.getTime() + 3_600_000).toISOString(),
          contactId: rivalContactId,
        },
        reason: 'contactId:REFERENCE_NOT_FOUND',
      },
      {
        method: 'POST',
        url: '/api/v1/activities',
        payload: { type: 'CALL', dossierId: d.id, assigneeId: rival.user.id },
        reason: 'assigneeId:UNKNOWN_USER',
      },
      {
        method: 'PATCH',
        url: `/api/v1/contacts/${demoContactId}`,
        payload: { version: 1, assignedAgentId: rival.user.id },
        reason: 'assignedAgentId:UNKNOWN_USER',
      },
      {
        method: 'POST',
        url: '/api/v1/accounts',
        payload: {
          code: `X${run}`,
          name: `Cross ${run}`,
          type: 'PROSPECT',
          primaryContactId: rivalContactId,
        },
        reason: 'primaryContactId:REFERENCE_NOT_FOUND',
      },
    ];
    for (const c of cases) {
      const res = await t.app.inject({
        method: c.method,
        url: c.url,
        headers: manager.headers,
        payload: c.payload,
      });
      expect(res.statusCode, `${c.url} ${res.body}`).toBe(422);
      expect(reasons(res), c.url).toEqual([c.reason]);
    }
  });

  it('the database itself refuses a cross-organisation reference written around the API', async () => {
    const d = await createDossier(t.app, manager.headers, { title: `Sql ${run}` });
    // The owner connection bypasses RLS: only the composite foreign keys stand in the way.
    await expect(
      asOwner((c) => c.query('update dossier set contact_id = $1 where id = $2', [rivalContactId, d.id])),
    ).rejects.toThrow(/dossier_contact_id_tenant_fk/);
    await expect(
      asOwner((c) =>
        c.query('update dossier set assigned_agent_id = $1 where id = $2', [rival.user.id, d.id]),
      ),
    ).rejects.toThrow(/dossier_assigned_agent_id_tenant_fk/);
    await expect(
      asOwner((c) =>
        c.query(
          `insert into dossier_party (id, org_id, version, created_at, updated_at, dossier_id, contact_id, role)
           values (gen_random_uuid(), $1, 1, now(), now(), $2, $3, 'BUYER')`,
          [manager.user.orgId, d.id, rivalContactId],
        ),
      ),
    ).rejects.toThrow(/dossier_party_contact_id_tenant_fk/);
    // Its own organisation's contact is accepted, and a null reference still is.
    await asOwner((c) => c.query('update dossier set contact_id = $1 where id = $2', [demoContactId, d.id]));
    await asOwner((c) => c.query('update dossier set contact_id = null where id = $1', [d.id]));
  });
});
