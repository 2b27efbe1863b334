import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineEvent } from '../../db/entities/index.js';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { contactApi, type Session } from '../helpers/contacts.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Session;
let manager: Session;
let rival: Session;
const { api, newContact, getContact } = contactApi(() => t, randomUUID().slice(0, 8));

beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

describe('archive, delete and merge (F-4.5)', () => {
  it('refuses to delete a contact with an open dossier, archives it instead', async () => {
    const c = await newContact(agent);
    await createDossier(t.app, agent.headers, { contactId: c.id });
    expect((await api(agent, 'DELETE', `/contacts/${c.id}`)).statusCode).toBe(403);
    const refused = await api(manager, 'DELETE', `/contacts/${c.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).detail).toMatch(/1 open dossier/);
    const archived = await api(agent, 'POST', `/contacts/${c.id}/archive`, { version: c.version });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().status).toBe('archived');
    expect((await api(agent, 'POST', `/contacts/${c.id}/archive`, {})).statusCode).toBe(409);
  });

  it('refuses to delete after recent activity, deletes a quiet contact', async () => {
    const recent = await newContact(agent);
    const quiet = await newContact(agent);
    await withTenant(t.orm, { orgId: agent.user.orgId }, async (em) => {
      for (const [contactId, daysAgo] of [
        [recent.id, 30],
        [quiet.id, 120],
      ] as const) {
        em.create(TimelineEvent, {
          id: randomUUID(),
          orgId: agent.user.orgId,
          contactId,
          kind: 'NOTE',
          title: 'Called',
          occurredAt: new Date(Date.now() - daysAgo * 86_400_000),
          sourceKey: `test:${randomUUID()}`,
        });
      }
    });
    const refused = await api(manager, 'DELETE', `/contacts/${recent.id}`);
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).detail).toMatch(/activity in the last 90 days/);
    expect((await api(manager, 'DELETE', `/contacts/${quiet.id}`)).statusCode).toBe(204);
    expect((await api(agent, 'GET', `/contacts/${quiet.id}`)).statusCode).toBe(404);
  });

  it('merges a duplicate: preview, then dossiers, roles and tags move; duplicate archived; audited', async () => {
    const survivor = await newContact(agent, { tags: ['VIP'] });
    const duplicate = await newContact(agent, { tags: ['INVESTOR', 'VIP'] });
    const deal = await createDossier(t.app, agent.headers, { contactId: duplicate.id });
    await api(agent, 'POST', `/contacts/${duplicate.id}/roles`, { role: 'LOCATAIRE' });
    const body = { survivorId: survivor.id, duplicateId: duplicate.id };

    const preview = await api(agent, 'POST', '/contacts/merge', { ...body, dryRun: true });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ dryRun: true, moves: { dossier: 1, contact_role: 1 } });
    expect(preview.json().tags.sort()).toEqual(['INVESTOR', 'VIP']);
    expect((await api(agent, 'GET', `/dossiers/${deal.id}`)).json().contactId).toBe(duplicate.id);

    const merged = await api(agent, 'POST', '/contacts/merge', body);
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await api(agent, 'GET', `/dossiers/${deal.id}`)).json().contactId).toBe(survivor.id);
    const after = await getContact(agent, survivor.id);
    expect(after.tags.sort()).toEqual(['INVESTOR', 'VIP']);
    expect(after.roles).toMatchObject([{ role: 'LOCATAIRE', active: true }]);
    const dup = await getContact(agent, duplicate.id);
    expect(dup).toMatchObject({ status: 'archived', mergedIntoId: survivor.id, roles: [] });
    expect((await api(agent, 'POST', '/contacts/merge', body)).statusCode).toBe(409);
    const self = await api(agent, 'POST', '/contacts/merge', {
      survivorId: survivor.id,
      duplicateId: survivor.id,
    });
    expect(self.statusCode).toBe(400);

    const audit = await api(manager, 'GET', `/audit?entityType=Contact&entityId=${survivor.id}&action=MERGE`);
    expect(audit.json().data).toHaveLength(1);
    const rivalMerge = await api(rival, 'POST', '/contacts/merge', body);
    expect(rivalMerge.statusCode).toBe(404);
  });

  it("moves the duplicate's append-only activities to the survivor, and nothing else can re-point them", async () => {
    const survivor = await newContact(agent);
    const duplicate = await newContact(agent);
    const activityId = randomUUID();
    await withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
      em.execute(
        `insert into activity (id, org_id, type, direction, occurred_at, author_id, contact_id, created_at)
         values (?, ?, 'CALL', 'OUT', now(), ?, ?, now())`,
        [activityId, agent.user.orgId, agent.user.id, duplicate.id],
      ),
    );
    const refused = await api(manager, 'DELETE', `/contacts/${duplicate.id}`);
    expect(problemOf(refused).detail).toMatch(/activity in the last 90 days/);
    // Outside a merge the row stays put, even for its contact_id.
    await expect(
      withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
        em.execute('update activity set contact_id = ? where id = ?', [survivor.id, activityId]),
      ),
    ).rejects.toThrow(/append-only/);
    const merged = await api(agent, 'POST', '/contacts/merge', {
      survivorId: survivor.id,
      duplicateId: duplicate.id,
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json().kept).toEqual({});
    expect(merged.json().duplicate).toMatchObject({ status: 'archived', mergedIntoId: survivor.id });
    const moved = await api(agent, 'GET', `/activities?contactId=${survivor.id}`);
    expect(moved.json().data.map((a: { id: string }) => a.id)).toEqual([activityId]);
  });

  it('replays a retried create with the same Idempotency-Key', async () => {
    const key = `contact-${randomUUID()}`;
    const payload = { firstName: 'Idem', lastName: 'Potent', email: `idem.${randomUUID()}@example.test` };
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/contacts',
        headers: { ...agent.headers, 'idempotency-key': key },
        payload,
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json().id).toBe(first.json().id);
  });
});
