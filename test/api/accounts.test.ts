import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/orm.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';

type Session = Awaited<ReturnType<typeof login>>;

let t: TestApp;
let agent: Session;
let manager: Session;
let admin: Session;
let readonly: Session;
let rival: Session;
const run = randomUUID().slice(0, 8);

beforeAll(async () => {
  t = await buildTestApp();
  [agent, manager, admin, readonly, rival] = await Promise.all([
    login(t.app, 'agent@demo.test', 'demo'),
    login(t.app, 'manager@demo.test', 'demo'),
    login(t.app, 'admin@demo.test', 'demo'),
    login(t.app, 'readonly@demo.test', 'demo'),
    login(t.app, 'agent@rival.test', 'rival'),
  ]);
});
afterAll(() => t.close());

function api(s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) {
  return t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
}

async function newContactId(): Promise<string> {
  const res = await api(agent, 'POST', '/contacts', {
    firstName: 'Acc',
    lastName: 'Contact',
    email: `acc.${randomUUID().slice(0, 8)}@example.test`,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

async function newAccount(body: Record<string, unknown> = {}) {
  const res = await api(agent, 'POST', '/accounts', {
    code: `C-${randomUUID().slice(0, 8)}`,
    name: `Société ${run}`,
    city: 'Lyon',
    country: 'FR',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{
    id: string;
    code: string;
    version: number;
    type: string;
    primaryContactId: string | null;
  }>();
}

describe('accounts (F-4.6)', () => {
  it('creates a prospect with its primary contact; the code is unique per organisation', async () => {
    const contactId = await newContactId();
    const a = await newAccount({ primaryContactId: contactId });
    expect(a).toMatchObject({ type: 'PROSPECT', primaryContactId: contactId, version: 1 });
    const dup = await api(agent, 'POST', '/accounts', { code: a.code, name: 'Other' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ existingId: a.id, errors: [{ field: 'code' }] });
    const missing = await api(agent, 'POST', '/accounts', { type: 'VIP' });
    expect(
      problemOf(missing)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['code', 'name']);
    const badType = await api(agent, 'POST', '/accounts', { code: 'X1', name: 'X', type: 'FRIEND' });
    expect(problemOf(badType).errors?.[0]?.field).toBe('type');
  });

  it('keeps one primary contact per account, with billing/shipping/decision flags', async () => {
    const first = await newContactId();
    const second = await newContactId();
    const a = await newAccount({ primaryContactId: first });
    const refused = await api(agent, 'PUT', `/accounts/${a.id}/contacts/${second}`, { isPrimary: true });
    expect(refused.statusCode).toBe(409);
    expect(problemOf(refused).errors?.[0]?.field).toBe('isPrimary');
    const linked = await api(agent, 'PUT', `/accounts/${a.id}/contacts/${second}`, {
      isBilling: true,
      isDecisionMaker: true,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().contacts).toMatchObject([
      { contactId: first, isPrimary: true },
      { contactId: second, isPrimary: false, isBilling: true, isDecisionMaker: true, isShipping: false },
    ]);
    // The partial unique index holds even when the API check is bypassed.
    await expect(
      withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
        em.execute('update account_contact set is_primary = true where account_id = ? and contact_id = ?', [
          a.id,
          second,
        ]),
      ),
    ).rejects.toThrow(/account_contact_one_primary/);
    await api(agent, 'PUT', `/accounts/${a.id}/contacts/${first}`, { isPrimary: false });
    const moved = await api(agent, 'PUT', `/accounts/${a.id}/contacts/${second}`, { isPrimary: true });
    expect(moved.json().primaryContactId).toBe(second);
    const unlinked = await api(agent, 'DELETE', `/accounts/${a.id}/contacts/${first}`);
    expect(unlinked.json().contacts).toHaveLength(1);
  });

  it('converts a prospect to a customer once, with optimistic locking', async () => {
    const a = await newAccount();
    const stale = await api(agent, 'POST', `/accounts/${a.id}/convert`, { version: 9 });
    expect(stale.statusCode).toBe(409);
    const converted = await api(agent, 'POST', `/accounts/${a.id}/convert`, { version: a.version });
    expect(converted.statusCode, converted.body).toBe(200);
    expect(converted.json()).toMatchObject({ type: 'CUSTOMER', version: 2 });
    expect(converted.json().convertedAt).toBeTruthy();
    const again = await api(agent, 'POST', `/accounts/${a.id}/convert`, { version: 2 });
    expect(again.statusCode).toBe(409);
    const patchStale = await api(agent, 'PATCH', `/accounts/${a.id}`, { version: 1, name: 'Old' });
    expect(patchStale.statusCode).toBe(409);
    const patched = await api(agent, 'PATCH', `/accounts/${a.id}`, { version: 2, type: 'VIP', city: 'Nice' });
    expect(patched.json()).toMatchObject({ type: 'VIP', city: 'Nice', version: 3 });
  });

  it('filters by type and searches name and code; other organisations see nothing', async () => {
    const name = `Immo${run}`;
    // All digits: the parser reads `VIP-123` as `vip` and `-123`, which the index must still find.
    const digits = String(parseInt(run, 16) % 100_000_000);
    const p = await newAccount({ name: `${name} Prospect`, type: 'PROSPECT' });
    const v = await newAccount({ name: `${name} Premium`, type: 'VIP', code: `VIP-${digits}` });
    const ids = async (s: Session, query: string) =>
      (await api(s, 'GET', `/accounts?${query}`)).json().data.map((x: { id: string }) => x.id);
    expect(await ids(agent, `q=${name}&type=VIP`)).toEqual([v.id]);
    expect(await ids(agent, `q=${name}&sort=name`)).toEqual([v.id, p.id]);
    expect(await ids(agent, `q=vip-${digits}`)).toEqual([v.id]);
    expect(await ids(rival, `q=${name}`)).toEqual([]);
    expect((await api(rival, 'GET', `/accounts/${v.id}`)).statusCode).toBe(404);
  });

  it('only ADMIN deletes accounts; READONLY cannot create', async () => {
    const a = await newAccount({ primaryContactId: await newContactId() });
    expect((await api(manager, 'DELETE', `/accounts/${a.id}`)).statusCode).toBe(403);
    expect((await api(agent, 'DELETE', `/accounts/${a.id}`)).statusCode).toBe(403);
    expect((await api(admin, 'DELETE', `/accounts/${a.id}`)).statusCode).toBe(204);
    expect((await api(agent, 'GET', `/accounts/${a.id}`)).statusCode).toBe(404);
    const ro = await api(readonly, 'POST', '/accounts', { code: `RO-${run}`, name: 'Nope' });
    expect(ro.statusCode).toBe(403);
    const audit = await api(manager, 'GET', `/audit?entityType=Account&entityId=${a.id}`);
    expect(
      audit
        .json()
        .data.map((e: { action: string }) => e.action)
        .sort(),
    ).toEqual(['CREATE', 'DELETE']);
  });
});
