import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { auditSealed } from '../helpers/audit.js';
import { createDossier, transition } from '../helpers/dossiers.js';

type Session = Awaited<ReturnType<typeof login>>;
interface RecordAuditEvent {
  seq: number;
  entityType: string;
  entityId: string;
  action: string;
  actorId: string | null;
  actorType: string;
  actorName: string | null;
  beforeJson: Record<string, unknown> | null;
  afterJson: Record<string, unknown> | null;
  diffJson: Record<string, { from: unknown; to: unknown }> | null;
  createdAt: string;
}
interface AuditPage {
  data: RecordAuditEvent[];
  total: number;
}

let t: TestApp;
let agent: Session;
let readonly: Session;
let manager: Session;
let rival: Session;
let agentName: string;
beforeAll(async () => {
  t = await buildTestApp();
  [agent, readonly, manager, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
  ]);
  const me = await api(agent, 'GET', '/auth/me');
  agentName = me.json<{ fullName: string }>().fullName;
});
afterAll(() => t.close());

function api(s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
}

async function auditOf(s: Session, url: string): Promise<AuditPage> {
  const res = await api(s, 'GET', url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<AuditPage>();
}

async function newContact() {
  const res = await api(agent, 'POST', '/contacts', {
    firstName: 'Audit',
    lastName: 'Trail',
    email: `audit.${randomUUID().slice(0, 8)}@example.test`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; version: number }>();
}

describe('per-record audit, readable with the view permission', () => {
  it("lists a contact's events (edits and consents) newest first with diff and actor name", async () => {
    const contact = await newContact();
    const patched = await api(agent, 'PATCH', `/contacts/${contact.id}`, {
      version: contact.version,
      lastName: 'Changed',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const consent = await api(agent, 'PUT', `/contacts/${contact.id}/consents/EMAIL`, {
      status: 'OPT_IN',
      source: 'FORM',
    });
    expect(consent.statusCode, consent.body).toBe(200);

    // READONLY has no AUDIT_VIEW, yet reads the trail of a contact it may view.
    expect((await api(readonly, 'GET', '/audit')).statusCode).toBe(403);
    await auditSealed(readonly.user.orgId);
    const trail = await auditOf(readonly, `/contacts/${contact.id}/audit`);
    expect(trail.total).toBe(3);
    expect(trail.data.map((e) => [e.entityType, e.action])).toEqual([
      ['ContactConsent', expect.any(String)],
      ['Contact', 'UPDATE'],
      ['Contact', 'CREATE'],
    ]);
    const seqs = trail.data.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    const update = trail.data[1]!;
    expect(update).toMatchObject({ entityId: contact.id, actorId: agent.user.id, actorName: agentName });
    expect(update.diffJson?.lastName).toEqual({ from: 'Trail', to: 'Changed' });
    expect(update.beforeJson?.lastName).toBe('Trail');
    expect(update.afterJson?.lastName).toBe('Changed');

    const page2 = await auditOf(readonly, `/contacts/${contact.id}/audit?pageSize=1&page=2`);
    expect(page2.total).toBe(3);
    expect(page2.data.map((e) => e.action)).toEqual(['UPDATE']);
    const updates = await auditOf(readonly, `/contacts/${contact.id}/audit?action=UPDATE`);
    expect(updates.data.map((e) => [e.entityType, e.action])).toEqual([['Contact', 'UPDATE']]);
  });

  it("lists a dossier's edits and transitions, and an account's changes", async () => {
    const dossier = await createDossier(t.app, agent.headers, { budgetMax: 250000 });
    const patched = await api(agent, 'PATCH', `/dossiers/${dossier.id}`, {
      version: dossier.version,
      amount: 240000,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const moved = await transition(t.app, agent.headers, dossier.id, { to: 'QUALIFIED', comment: 'ok' });
    expect(moved.statusCode, moved.body).toBe(200);
    const trail = await auditOf(readonly, `/dossiers/${dossier.id}/audit`);
    expect(trail.data.map((e) => e.action)).toEqual(['TRANSITION', 'UPDATE', 'CREATE']);
    expect(trail.data[0]?.diffJson?.statusCode).toEqual({ from: 'NEW', to: 'QUALIFIED' });
    expect(trail.data[0]?.actorName).toBe(agentName);

    const account = await api(agent, 'POST', '/accounts', {
      code: `AUD-${randomUUID().slice(0, 8)}`,
      name: 'Audit SARL',
    });
    expect(account.statusCode, account.body).toBe(201);
    const { id, version } = account.json<{ id: string; version: number }>();
    expect((await api(agent, 'PATCH', `/accounts/${id}`, { version, name: 'Audit SAS' })).statusCode).toBe(
      200,
    );
    const accountTrail = await auditOf(readonly, `/accounts/${id}/audit`);
    expect(accountTrail.data.map((e) => e.action)).toEqual(['UPDATE', 'CREATE']);
    expect(accountTrail.data[0]?.diffJson?.name).toEqual({ from: 'Audit SARL', to: 'Audit SAS' });
  });

  it('answers 404 for a record of another organisation and 400 for bad input', async () => {
    const contact = await newContact();
    const dossier = await createDossier(t.app, agent.headers);
    for (const url of [`/contacts/${contact.id}/audit`, `/dossiers/${dossier.id}/audit`]) {
      const res = await api(rival, 'GET', url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api(rival, 'GET', `/accounts/${randomUUID()}/audit`)).statusCode).toBe(404);
    const bad = await api(readonly, 'GET', `/contacts/${contact.id}/audit?pageSize=0`);
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.map((e) => e.field)).toEqual(['querystring.pageSize']);
    expect((await api(readonly, 'GET', '/dossiers/not-a-uuid/audit')).statusCode).toBe(400);
  });
});

describe('audit export filters', () => {
  it('exports only the events of an entity, of an actor, of the caller organisation', async () => {
    const contact = await newContact();
    await api(manager, 'PATCH', `/contacts/${contact.id}`, { version: contact.version, firstName: 'Other' });
    // The export holds the chain: rows once they are sealed.
    await auditSealed(manager.user.orgId);
    const exported = async (s: Session, query: string) => {
      const res = await api(s, 'GET', `/audit/export?format=json&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Array<{ entityType: string; entityId: string; actorId: string; action: string }>>();
    };
    const ofContact = await exported(manager, `entityType=Contact&entityId=${contact.id}`);
    expect(ofContact.map((e) => e.action)).toEqual(['CREATE', 'UPDATE']);
    const byAgent = await exported(manager, `entityId=${contact.id}&actorId=${agent.user.id}`);
    expect(byAgent.map((e) => [e.action, e.actorId])).toEqual([['CREATE', agent.user.id]]);
    expect(await exported(rival, `entityId=${contact.id}`)).toEqual([]);

    const bad = await api(manager, 'GET', '/audit/export?actorId=someone');
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.map((e) => e.field)).toEqual(['querystring.actorId']);
  });
});
