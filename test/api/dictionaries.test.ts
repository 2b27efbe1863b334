import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier, transition } from '../helpers/dossiers.js';

interface Entry {
  id: string;
  dictType: string;
  code: string;
  label: string;
  labelFr: string | null;
  sortOrder: number;
  isActive: boolean;
  scope: 'GLOBAL' | 'TENANT';
  version: number;
}

let t: TestApp;
let manager: Awaited<ReturnType<typeof login>>;
let agent: Awaited<ReturnType<typeof login>>;
let rival: Awaited<ReturnType<typeof login>>;

beforeAll(async () => {
  t = await buildTestApp();
  manager = await login(t.app, 'manager@demo.test', 'demo');
  agent = await login(t.app, 'agent@demo.test', 'demo');
  rival = await login(t.app, 'manager@rival.test', 'rival');
});
afterAll(() => t.close());

const code = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 8).toUpperCase()}`;

async function list(headers: Record<string, string>, query: string): Promise<Entry[]> {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/dictionaries?${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ data: Entry[]; total: number }>();
  expect(body.total).toBe(body.data.length);
  return body.data;
}

const post = (headers: Record<string, string>, url: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
const patch = (headers: Record<string, string>, id: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'PATCH', url: `/api/v1/dictionaries/${id}`, headers, payload });

describe('dictionaries (F-2.1)', () => {
  it('shows the effective view: global defaults with scope and version, sorted', async () => {
    const statuses = await list(agent.headers, 'dictType=CASE_STATUS');
    const neu = statuses.find((e) => e.code === 'NEW');
    expect(neu).toMatchObject({ dictType: 'CASE_STATUS', scope: 'GLOBAL', version: 1, isActive: true });
    const orders = statuses.map((e) => e.sortOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
    const searched = await list(agent.headers, 'dictType=CASE_STATUS&q=négo');
    expect(searched.map((e) => e.code)).toEqual(['NEGOTIATION']);

    const types = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dictionaries/types',
      headers: agent.headers,
    });
    expect(types.json().data).toContain('CASE_STATUS');
    const bad = await t.app.inject({
      method: 'GET',
      url: '/api/v1/dictionaries?dictType=NOPE',
      headers: agent.headers,
    });
    expect(bad.statusCode).toBe(400);
  });

  it('reads several dictionaries in one request (comma list or repeated), each as when read alone', async () => {
    const types = ['LEAD_SOURCE', 'CASE_TYPE', 'CASE_STATUS', 'WON_REASON', 'LOSS_REASON'];
    const alone = (await Promise.all(types.map((ty) => list(agent.headers, `dictType=${ty}`)))).flat();
    const together = await list(agent.headers, `dictType=${types.join(',')}`);
    const key = (e: Entry) => `${e.dictType}/${e.code}`;
    expect(together.map(key).sort()).toEqual(alone.map(key).sort());
    expect(new Set(together.map((e) => e.dictType))).toEqual(new Set(types));
    const repeated = await list(agent.headers, types.map((ty) => `dictType=${ty}`).join('&'));
    expect(repeated).toEqual(together);
    // Grouped by type, then in each type's own order.
    expect(together.map((e) => e.dictType)).toEqual([...together.map((e) => e.dictType)].sort());

    const bad = await t.app.inject({
      url: '/api/v1/dictionaries?dictType=CASE_TYPE,NOPE',
      headers: agent.headers,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(problemOf(bad).errors?.[0]?.field).toMatch(/dictType/);
  });

  it('overrides a global entry for the tenant only, never changing the global row', async () => {
    const global = (await list(manager.headers, 'dictType=LEAD_SOURCE')).find((e) => e.code === 'WALK_IN')!;
    expect(global.scope).toBe('GLOBAL');
    const res = await patch(manager.headers, global.id, { version: global.version, label: 'Agency visit' });
    expect(res.statusCode, res.body).toBe(200);
    const override = res.json<Entry>();
    expect(override).toMatchObject({ code: 'WALK_IN', scope: 'TENANT', label: 'Agency visit', version: 1 });
    expect(override.id).not.toBe(global.id);
    expect(override.labelFr).toBe('Passage en agence'); // carried over from the global

    const mine = (await list(manager.headers, 'dictType=LEAD_SOURCE')).filter((e) => e.code === 'WALK_IN');
    expect(mine).toEqual([expect.objectContaining({ id: override.id, label: 'Agency visit' })]);
    // Tenant isolation: the rival organisation still sees the untouched global and cannot reach the override.
    const theirs = (await list(rival.headers, 'dictType=LEAD_SOURCE')).find((e) => e.code === 'WALK_IN');
    expect(theirs).toMatchObject({ id: global.id, scope: 'GLOBAL', label: 'Walk-in', version: 1 });
    const foreign = await patch(rival.headers, override.id, { version: 1, label: 'Hijack' });
    expect(foreign.statusCode).toBe(404);

    // Editing the global again with the version seen before the override is a stale view.
    const again = await patch(manager.headers, global.id, { version: global.version, label: 'Other' });
    expect(again.statusCode).toBe(409);
    expect(again.json().overrideId).toBe(override.id);

    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entityType=Dictionary&entityId=${override.id}`,
      headers: manager.headers,
    });
    expect(audit.json().data[0]).toMatchObject({ action: 'UPDATE', entityType: 'Dictionary' });
  });

  it('creates tenant codes, refuses a duplicate with a field error and a stale version with 409', async () => {
    const newCode = code('TG');
    const created = await post(manager.headers, '/dictionaries', {
      dictType: 'TAG',
      code: newCode,
      label: 'Pool',
    });
    expect(created.statusCode, created.body).toBe(201);
    const entry = created.json<Entry>();
    expect(entry).toMatchObject({ scope: 'TENANT', version: 1, isActive: true, labelFr: null });

    const duplicate = await post(manager.headers, '/dictionaries', {
      dictType: 'TAG',
      code: newCode,
      label: 'X',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(problemOf(duplicate).errors).toEqual([
      { field: 'code', message: 'is already used in this dictionary' },
    ]);
    const overrideByPost = await post(manager.headers, '/dictionaries', {
      dictType: 'TAG',
      code: 'EXPAT',
      label: 'Abroad',
    });
    expect(overrideByPost.statusCode).toBe(201);
    expect(overrideByPost.json()).toMatchObject({ code: 'EXPAT', scope: 'TENANT', labelFr: 'Expatrié' });

    const first = await patch(manager.headers, entry.id, {
      version: 1,
      label: 'Swimming pool',
      sortOrder: 5,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ version: 2, label: 'Swimming pool', sortOrder: 5 });
    const stale = await patch(manager.headers, entry.id, { version: 1, label: 'Lost update' });
    expect(stale.statusCode).toBe(409);
    expect(problemOf(stale).type).toContain('stale-version');
  });

  it('lets only DICTIONARY_ADMIN write', async () => {
    const created = await post(agent.headers, '/dictionaries', {
      dictType: 'TAG',
      code: code('AG'),
      label: 'No',
    });
    expect(created.statusCode).toBe(403);
    const tag = (await list(agent.headers, 'dictType=TAG'))[0]!;
    expect((await patch(agent.headers, tag.id, { version: tag.version, label: 'No' })).statusCode).toBe(403);
    expect((await post(agent.headers, `/dictionaries/${tag.id}/deactivate`)).statusCode).toBe(403);
    expect(
      (await post(agent.headers, '/dictionaries/reorder', { dictType: 'TAG', codes: [tag.code] })).statusCode,
    ).toBe(403);
  });

  it('deactivation hides a code from the active list while rows using it stay valid', async () => {
    const reason = code('ZL');
    const entry = (
      await post(manager.headers, '/dictionaries', {
        dictType: 'LOSS_REASON',
        code: reason,
        label: 'Moved abroad',
      })
    ).json<Entry>();
    const closed = await createDossier(t.app, agent.headers);
    const lost = await transition(t.app, agent.headers, closed.id, { to: 'LOST', reasonCode: reason });
    expect(lost.statusCode, lost.body).toBe(200);

    const off = await post(manager.headers, `/dictionaries/${entry.id}/deactivate`, {
      version: entry.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ isActive: false, version: 2 });
    expect((await list(agent.headers, 'dictType=LOSS_REASON')).map((e) => e.code)).not.toContain(reason);
    const all = await list(agent.headers, 'dictType=LOSS_REASON&includeInactive=true');
    expect(all.find((e) => e.code === reason)).toMatchObject({ isActive: false });

    // The closed dossier keeps its reason; a new closing can no longer pick it.
    const kept = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${closed.id}`,
      headers: agent.headers,
    });
    expect(kept.json()).toMatchObject({ statusCode: 'LOST', closeReasonCode: reason });
    const other = await createDossier(t.app, agent.headers);
    const refused = await transition(t.app, agent.headers, other.id, { to: 'LOST', reasonCode: reason });
    expect(refused.statusCode).toBe(400);
    expect(problemOf(refused).errors?.[0]?.field).toBe('reasonCode');

    const on = await post(manager.headers, `/dictionaries/${entry.id}/activate`);
    expect(on.json()).toMatchObject({ isActive: true, version: 3 });
    expect((await list(agent.headers, 'dictType=LOSS_REASON')).map((e) => e.code)).toContain(reason);
  });

  it('deactivating a global creates a deactivated tenant override', async () => {
    const global = (await list(manager.headers, 'dictType=ACTIVITY_OUTCOME'))[0]!;
    const off = await post(manager.headers, `/dictionaries/${global.id}/deactivate`);
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ code: global.code, scope: 'TENANT', isActive: false });
    expect((await list(manager.headers, 'dictType=ACTIVITY_OUTCOME')).map((e) => e.code)).not.toContain(
      global.code,
    );
    expect((await list(rival.headers, 'dictType=ACTIVITY_OUTCOME')).map((e) => e.code)).toContain(
      global.code,
    );
    // Activating through the global's id acts on the override (restores the demo organisation's list).
    const on = await post(manager.headers, `/dictionaries/${global.id}/activate`);
    expect(on.json()).toMatchObject({ id: off.json().id, isActive: true });
  });

  it('reorders a dictionary for the tenant, overriding globals as needed', async () => {
    const before = await list(manager.headers, 'dictType=CONTACT_ROLE&includeInactive=true');
    const last = before[before.length - 1]!;
    const res = await post(manager.headers, '/dictionaries/reorder', {
      dictType: 'CONTACT_ROLE',
      codes: [last.code],
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = res.json<{ data: Entry[] }>().data;
    expect(after.map((e) => e.code)).toEqual([last.code, ...before.slice(0, -1).map((e) => e.code)]);
    expect(after[0]).toMatchObject({ scope: 'TENANT', sortOrder: 10 });
    const rivals = await list(rival.headers, 'dictType=CONTACT_ROLE');
    expect(rivals[0]?.code).toBe(before[0]?.code);

    const unknown = await post(manager.headers, '/dictionaries/reorder', {
      dictType: 'CONTACT_ROLE',
      codes: ['NOPE'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(problemOf(unknown).errors?.[0]?.field).toBe('codes.0');
  });
});
