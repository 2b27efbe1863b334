import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrm } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { TEST_PASSWORD } from '../helpers/constants.js';
import { coopApi, until, type Session } from '../helpers/coop.js';
import { standInChannelEnv, type Received } from '../helpers/stand-ins.js';

interface Line {
  memberId: string;
  fifoRank: number;
  lotId: string | null;
  lotCode: string | null;
  status: string;
  reason: string | null;
  detail: string | null;
}
interface Run {
  id: string;
  status: string;
  inputsDigest: string;
  cutoffAt: string;
  lines: Line[];
}
interface Lot {
  id: string;
  code: string;
  status: string;
}

let t: TestApp;
let admin: Session;
let rival: Session;
let member: Session;
let h: ReturnType<typeof coopApi>;
let groupId: string;
let projectId: string;
const m: Record<string, { id: string; version: number; fifoRank: number; contactId: string }> = {};
const firstPhone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const lots: Record<string, Lot> = {};
const cutoffAt = new Date(Date.now() - 60_000).toISOString();

/** A late member: a call for funds due (and written) before the cut-off, never paid. */
async function owe(memberId: string, cents: number) {
  const db = new pg.Client({ connectionString: inject('ownerUrl') });
  await db.connect();
  try {
    const at = new Date(Date.parse(cutoffAt) - 86_400_000);
    await db.query(
      `insert into coop_ledger_entry (id, org_id, group_id, member_id, kind, amount, reference, effective_at, created_at)
       select $1, org_id, group_id, id, 'CALL', $2, $3, $4, $4 from coop_member where id = $5`,
      [randomUUID(), cents, `test-call-${randomUUID()}`, at, memberId],
    );
  } finally {
    await db.end();
  }
}

beforeAll(async () => {
  // The API queues allocation and milestone notices on the channels its environment configures.
  t = await buildTestApp({
    DATA_DIR: `/tmp/atlas-coop-alloc-${randomUUID()}`,
    ...standInChannelEnv(inject('standInUrl')),
  });
  // A member user of its own: member@demo.test belongs to the other coop suites' groups.
  const memberEmail = `member.${randomUUID().slice(0, 8)}@demo.test`;
  const orm = await createOrm(inject('ownerUrl'), 1);
  try {
    const orgId = await ensureOrganization(orm, 'demo', 'Demo Immobilier');
    await ensureUser(orm, orgId, {
      email: memberEmail,
      fullName: 'Membre Tilleuls',
      password: TEST_PASSWORD,
      roles: ['COOP_MEMBER'],
    });
  } finally {
    await orm.close(true);
  }
  [admin, rival, member] = await Promise.all([
    login(t.app, 'admin@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
    login(t.app, memberEmail, 'demo'),
  ]);
  h = coopApi(t.app);
  groupId = (
    await h.ok<{ id: string }>(
      h.api(admin, 'POST', '/coop/groups', { name: 'Les Tilleuls', city: 'Casablanca' }),
      201,
    )
  ).id;
  const add = (name: string, extra: Record<string, unknown> = {}) =>
    h.activeMember(admin, groupId, {
      displayName: name,
      email: `${name}.${randomUUID().slice(0, 6)}@example.test`,
      ...extra,
    });
  m.first = await add('first', { userId: member.user.id, phone: firstPhone });
  m.late = await add('late');
  m.suspended = await add('suspended');
  m.prefers = await add('prefers');
  m.last = await add('last');
  await h.ok(
    h.api(admin, 'POST', `/coop/members/${m.suspended.id}/status`, {
      version: m.suspended.version,
      status: 'SUSPENDED',
      reason: 'unreachable',
    }),
  );
  await owe(m.late.id, 2_500_00);
  projectId = (
    await h.ok<{ id: string }>(
      h.api(admin, 'POST', `/coop/groups/${groupId}/projects`, {
        name: 'Résidence A',
        milestones: [{ code: 'PERMIT', label: 'Permis de construire', dueDate: '2027-03-01T00:00:00Z' }],
      }),
      201,
    )
  ).id;
  for (const code of ['A1', 'B2'])
    lots[code] = await h.ok<Lot>(
      h.api(admin, 'POST', `/coop/projects/${projectId}/lots`, {
        code,
        type: 'T3',
        surfaceM2: 72.5,
        floor: 1,
        referencePriceCents: 85_000_000,
      }),
      201,
    );
  const prefers = await h.ok<{ version: number }>(h.api(admin, 'GET', `/coop/members/${m.prefers.id}`));
  await h.ok(
    h.api(admin, 'PATCH', `/coop/members/${m.prefers.id}`, {
      version: prefers.version,
      lotPreferences: { [projectId]: [lots.B2!.id] },
    }),
  );
}, 120_000);
afterAll(() => t.close());

const propose = () =>
  h.ok<Run>(
    h.api(admin, 'POST', `/coop/projects/${projectId}/allocations`, { cutoffAt, usePreferences: true }),
    201,
  );
const lotStatus = async (code: string) =>
  (await h.ok<{ data: Lot[] }>(h.api(admin, 'GET', `/coop/projects/${projectId}/lots`))).data.find(
    (l) => l.code === code,
  )!.status;

describe('coop projects, lots and FIFO allocation', () => {
  it('proposes by rank and preferences, skipping with reasons, reproducibly', async () => {
    const run = await propose();
    expect(run.status).toBe('PROPOSED');
    const byMember = Object.fromEntries(run.lines.map((l) => [l.memberId, l]));
    expect(byMember[m.first!.id]).toMatchObject({ lotCode: 'A1', status: 'PROPOSED' });
    expect(byMember[m.late!.id]).toMatchObject({ status: 'SKIPPED', reason: 'NOT_UP_TO_DATE' });
    expect(byMember[m.late!.id]!.detail).toMatch(/owed/);
    expect(byMember[m.suspended!.id]).toMatchObject({ status: 'SKIPPED', reason: 'NOT_ACTIVE' });
    expect(byMember[m.suspended!.id]!.detail).toMatch(/SUSPENDED/);
    expect(byMember[m.prefers!.id]).toMatchObject({ lotCode: 'B2', status: 'PROPOSED' });
    expect(byMember[m.last!.id]).toMatchObject({ status: 'SKIPPED', reason: 'NO_LOT_LEFT' });
    expect(run.lines.map((l) => l.fifoRank)).toEqual(
      [...run.lines.map((l) => l.fifoRank)].sort((a, b) => a - b),
    );
    // Same cut-off, same ledger: the same proposal.
    const again = await propose();
    expect(again.inputsDigest).toBe(run.inputsDigest);
    const strip = (r: Run) =>
      r.lines.map(({ memberId, lotId, status, reason }) => ({ memberId, lotId, status, reason }));
    expect(strip(again)).toEqual(strip(run));
    expect(await lotStatus('A1')).toBe('AVAILABLE');
  });

  it('approves only with a PV, then signs and cancels (freeing the lots); one of two racing approvals wins', async () => {
    const [a, b] = [await propose(), await propose()];
    const noPv = await h.api(admin, 'POST', `/coop/allocations/${a.id}/approve`, {
      pvDocumentId: randomUUID(),
    });
    expect(noPv.statusCode, noPv.body).toBe(422);
    expect(problemOf(noPv).type).toMatch(/pv-required/);
    const statutes = (await h.upload(admin, 'COOP_GROUP', groupId, 'STATUTES')).json<{ id: string }>().id;
    expect(
      (await h.api(admin, 'POST', `/coop/allocations/${a.id}/approve`, { pvDocumentId: statutes }))
        .statusCode,
    ).toBe(422);
    const pv = await h.upload(admin, 'COOP_GROUP', groupId, 'PV');
    expect(pv.statusCode, pv.body).toBe(201);
    const pvDocumentId = pv.json<{ id: string }>().id;
    const race = await Promise.all(
      [a, b].map((r) => h.api(admin, 'POST', `/coop/allocations/${r.id}/approve`, { pvDocumentId })),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lost = race.find((r) => r.statusCode === 409)!;
    expect(lost.headers['content-type']).toMatch(/problem\+json/);
    const won = race.find((r) => r.statusCode === 200)!.json<Run>();
    expect(won.status).toBe('ASSIGNED');
    expect(await lotStatus('A1')).toBe('ASSIGNED');
    expect(await lotStatus('B2')).toBe('ASSIGNED');

    const signed = await h.ok<Run>(h.api(admin, 'POST', `/coop/allocations/${won.id}/sign`));
    expect(signed.status).toBe('SIGNED');
    expect(signed.lines.filter((l) => l.lotId).every((l) => l.status === 'SIGNED')).toBe(true);

    const cancelled = await h.ok<Run>(
      h.api(admin, 'POST', `/coop/allocations/${won.id}/cancel`, { reason: 'member withdrew' }),
    );
    expect(cancelled.status).toBe('CANCELLED');
    expect(await lotStatus('A1')).toBe('AVAILABLE');
    expect(await lotStatus('B2')).toBe('AVAILABLE');
    const timeline = await h.ok<{ data: { kind: string }[] }>(
      h.api(admin, 'GET', `/coop/groups/${groupId}/timeline`),
    );
    expect(timeline.data.map((e) => e.kind)).toEqual(
      expect.arrayContaining([
        'ALLOCATION_PROPOSED',
        'ALLOCATION_APPROVE',
        'ALLOCATION_SIGN',
        'ALLOCATION_CANCEL',
      ]),
    );
  });

  it('a member sees only their own line; another organisation sees nothing', async () => {
    const run = await propose();
    const own = await h.ok<Run>(h.api(member, 'GET', `/coop/allocations/${run.id}`));
    expect(own.lines.map((l) => l.memberId)).toEqual([m.first!.id]);
    const list = await h.ok<{ data: Run[] }>(h.api(member, 'GET', `/coop/groups/${groupId}/allocations`));
    expect(list.data.every((r) => r.lines.every((l) => l.memberId === m.first!.id))).toBe(true);
    expect((await h.api(member, 'POST', `/coop/allocations/${run.id}/sign`)).statusCode).toBe(403);
    for (const url of [
      `/coop/allocations/${run.id}`,
      `/coop/projects/${projectId}`,
      `/coop/projects/${projectId}/lots`,
      `/coop/groups/${groupId}/allocations`,
    ])
      expect((await h.api(rival, 'GET', url)).statusCode, url).toBe(404);
    const approve = await h.api(rival, 'POST', `/coop/allocations/${run.id}/approve`, {
      pvDocumentId: randomUUID(),
    });
    expect(approve.statusCode).toBe(404);
    // A PV uploaded for the run itself approves it; the member then sees their lot assigned.
    const pv = await h.upload(admin, 'COOP_ALLOCATION_RUN', run.id, 'PV');
    expect(pv.statusCode, pv.body).toBe(201);
    const pvDocumentId = pv.json<{ id: string }>().id;
    expect((await h.api(rival, 'GET', `/documents/${pvDocumentId}`)).statusCode).toBe(404);
    await h.ok(h.api(admin, 'POST', `/coop/allocations/${run.id}/approve`, { pvDocumentId }));
    const mine = await h.ok<Run>(h.api(member, 'GET', `/coop/allocations/${run.id}`));
    expect(mine.lines).toEqual([expect.objectContaining({ lotCode: 'A1', status: 'ASSIGNED' })]);
    const again = await h.api(admin, 'POST', `/coop/allocations/${run.id}/approve`, { pvDocumentId });
    expect(again.statusCode).toBe(409);
    await h.ok(h.api(admin, 'POST', `/coop/allocations/${run.id}/cancel`, { reason: 'test over' }));
  });

  it('validates input with field errors, a unique lot code and the project version', async () => {
    const bad = await h.api(admin, 'POST', `/coop/projects/${projectId}/lots`, { code: 'C3', surfaceM2: -1 });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.length).toBeGreaterThan(0);
    const dup = await h.api(admin, 'POST', `/coop/projects/${projectId}/lots`, {
      code: 'A1',
      type: 'T2',
      surfaceM2: 50,
    });
    expect(dup.statusCode).toBe(409);
    const badRun = await h.api(admin, 'POST', `/coop/projects/${projectId}/allocations`, {
      cutoffAt: 'yesterday',
    });
    expect(badRun.statusCode).toBe(400);
    const p = await h.ok<{ version: number }>(h.api(admin, 'GET', `/coop/projects/${projectId}`));
    const moved = await h.ok<{ version: number; milestones: { doneAt: string | null }[] }>(
      h.api(admin, 'PATCH', `/coop/projects/${projectId}`, {
        version: p.version,
        milestones: [{ code: 'PERMIT', label: 'Permis', doneAt: '2026-11-01T00:00:00Z' }],
      }),
    );
    expect(moved.milestones[0]!.doneAt).toBe('2026-11-01T00:00:00.000Z');
    const stale = await h.api(admin, 'PATCH', `/coop/projects/${projectId}`, {
      version: p.version,
      name: 'X',
    });
    expect(stale.statusCode).toBe(409);
  });

  it('tells each member their lot and every member a milestone reached, by a consented channel (F-10.7)', async () => {
    const whatsappTo = async (template: string) =>
      (
        (await (await fetch(`${inject('standInUrl')}/__stand-in/received`)).json()) as Received
      ).whatsapp.filter(
        (w) =>
          firstPhone.endsWith(w.to.replace(/^\+/, '')) && (w.body as { name?: string }).name === template,
      );
    await h.ok(
      h.api(admin, 'PUT', `/contacts/${m.first!.contactId}/consents/WHATSAPP`, {
        status: 'OPT_IN',
        source: 'FORM',
      }),
    );
    const events = async (kind: string) =>
      (
        await h.ok<{
          data: { kind: string; memberId: string; payload: { sent?: boolean; reason?: string } }[];
        }>(h.api(admin, 'GET', `/coop/groups/${groupId}/timeline?pageSize=200`))
      ).data.filter((e) => e.kind === kind);
    const run = await propose();
    const pv = (await h.upload(admin, 'COOP_ALLOCATION_RUN', run.id, 'PV')).json<{ id: string }>().id;
    await h.ok(h.api(admin, 'POST', `/coop/allocations/${run.id}/approve`, { pvDocumentId: pv }));
    const sent = await until('allocation notice to first', async () => {
      const got = await whatsappTo('coop_lot_allocated');
      return got.length ? got : undefined;
    });
    expect(JSON.stringify(sent[0]!.body)).toContain('A1');
    // `prefers` (lot B2) never consented to anything: not sent, and the timeline says why.
    const refused = (await events('NOTICE_ALLOCATION')).find((e) => e.memberId === m.prefers!.id);
    expect(refused?.payload).toMatchObject({ sent: false });
    expect(refused?.payload.reason).toMatch(/consented/);

    const p = await h.ok<{ version: number }>(h.api(admin, 'GET', `/coop/projects/${projectId}`));
    const reached = [{ code: 'FOUNDATIONS', label: 'Fondations coulées', doneAt: new Date().toISOString() }];
    const patched = await h.ok<{ version: number }>(
      h.api(admin, 'PATCH', `/coop/projects/${projectId}`, { version: p.version, milestones: reached }),
    );
    await until(
      'milestone notice to first',
      async () => (await whatsappTo('coop_project_milestone')).length || undefined,
    );
    // Saving the project again (milestone already reached) tells nobody a second time.
    await h.ok(
      h.api(admin, 'PATCH', `/coop/projects/${projectId}`, { version: patched.version, name: 'Résidence A' }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(await whatsappTo('coop_project_milestone')).toHaveLength(1);
    expect(await whatsappTo('coop_lot_allocated')).toHaveLength(1);
    // Suspended members are not told; every ACTIVE one has a notice event (sent or refused).
    const milestone = await events('NOTICE_MILESTONE');
    expect(milestone.map((e) => e.memberId)).not.toContain(m.suspended!.id);
    expect(new Set(milestone.map((e) => e.memberId))).toEqual(
      new Set([m.first!.id, m.late!.id, m.prefers!.id, m.last!.id]),
    );
    await h.ok(h.api(admin, 'POST', `/coop/allocations/${run.id}/cancel`, { reason: 'test over' }));
  });
});
