/**
 * Issue 15: one request must never take the API process down. A cooperative member's upload to a
 * group, project or allocation run used to start a count query, answer 403, end the transaction
 * and leave the query to reject unhandled — which exited the process. The API runs here as its real
 * entry point (api/server.ts) in its own process, so "it stays up" is observable: same pid, /health.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { counterValue, spawnApiProcess, type ApiProcess } from '../helpers/api-process.js';
import { buildTestApp, login, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { coopApi, multipart, pdfBytes, type Session } from '../helpers/coop.js';

const dataDir = `/tmp/atlas-survival-${randomUUID()}`;
const memberEmail = `member.${randomUUID().slice(0, 8)}@demo.test`;
let t: TestApp;
let api: ApiProcess;
let admin: Session;
const owners: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp({ DATA_DIR: dataDir });
  const orm = await createOrm(inject('ownerUrl'), 1);
  try {
    const orgId = await ensureOrganization(orm, 'demo', 'Demo Immobilier');
    await ensureUser(orm, orgId, {
      email: memberEmail,
      fullName: 'Membre Survie',
      password: TEST_PASSWORD,
      roles: ['COOP_MEMBER'],
    });
  } finally {
    await orm.close(true);
  }
  admin = await login(t.app, 'admin@demo.test', 'demo');
  const member = await login(t.app, memberEmail, 'demo');
  const h = coopApi(t.app);
  const group = await h.ok<{ id: string }>(
    h.api(admin, 'POST', '/coop/groups', { name: 'Survie', city: 'Rabat' }),
    201,
  );
  await h.activeMember(admin, group.id, {
    displayName: 'Membre Survie',
    email: `survie.${randomUUID().slice(0, 6)}@example.test`,
    userId: member.user.id,
  });
  const project = await h.ok<{ id: string }>(
    h.api(admin, 'POST', `/coop/groups/${group.id}/projects`, { name: 'Résidence S' }),
    201,
  );
  await h.ok(
    h.api(admin, 'POST', `/coop/projects/${project.id}/lots`, {
      code: 'A1',
      type: 'T3',
      surfaceM2: 70,
      floor: 1,
      referencePriceCents: 80_000_000,
    }),
    201,
  );
  const run = await h.ok<{ id: string }>(
    h.api(admin, 'POST', `/coop/projects/${project.id}/allocations`, {
      cutoffAt: new Date(Date.now() - 60_000).toISOString(),
    }),
    201,
  );
  Object.assign(owners, { COOP_GROUP: group.id, COOP_PROJECT: project.id, COOP_ALLOCATION_RUN: run.id });
  api = await spawnApiProcess({
    appUrl: inject('appUrl'),
    temporalAddress: inject('temporalAddress'),
    dataDir,
    preload: ['./test/fixtures/process/reject-on-sigusr2.mjs'],
  });
}, 180_000);

afterAll(async () => {
  await api?.stop();
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function memberToken(): Promise<string> {
  const res = await fetch(`${api.base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: memberEmail, password: TEST_PASSWORD, org: 'demo' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function metrics(): Promise<string> {
  const res = await fetch(`${api.base}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

async function expectHealthy(pid: number | undefined) {
  expect(api.alive(), api.output().slice(-4000)).toBe(true);
  expect(api.child.pid).toBe(pid);
  const health = await fetch(`${api.base}/health`);
  expect(health.status).toBe(200);
}

describe('the API process survives what used to kill it', () => {
  it.each(['COOP_GROUP', 'COOP_PROJECT', 'COOP_ALLOCATION_RUN'])(
    "a coop member's upload to a %s is refused with a problem, and the process serves the next request",
    async (ownerType) => {
      const token = await memberToken();
      const pid = api.child.pid;
      const body = multipart(
        { ownerType, ownerId: owners[ownerType]!, kind: 'OTHER' },
        { name: 'piece.pdf', bytes: pdfBytes() },
      );
      const res = await fetch(`${api.base}/api/v1/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...body.headers },
        body: body.payload,
      });
      expect([403, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(((await res.json()) as { status: number }).status).toBe(res.status);
      // Give an orphaned query the time to fail, as it did right after the transaction ended.
      await new Promise((r) => setTimeout(r, 500));
      await expectHealthy(pid);
      const next = await fetch(`${api.base}/api/v1/coop/groups/${owners.COOP_GROUP}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(next.status).toBe(200);
      // Nothing was left to reject: the safety net below did not have to catch anything.
      expect(counterValue(await metrics(), 'atlas_unhandled_rejections_total')).toBe(0);
    },
  );

  it('logs and counts an unhandled rejection in /metrics and keeps serving', async () => {
    const pid = api.child.pid;
    const before = counterValue(await metrics(), 'atlas_unhandled_rejections_total');
    expect(before).toBe(0);
    api.child.kill('SIGUSR2');
    for (let i = 0; i < 40 && counterValue(await metrics(), 'atlas_unhandled_rejections_total') !== 1; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(counterValue(await metrics(), 'atlas_unhandled_rejections_total')).toBe(1);
    await expectHealthy(pid);
    const logged = api
      .output()
      .split('\n')
      .filter((l) => l.includes('unhandled promise rejection'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({
      level: 50,
      err: { message: 'rejection injected by the test (SIGUSR2)' },
    });
    expect(await memberToken()).toBeTruthy();
  });
});
