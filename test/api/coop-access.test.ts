import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { coopApi, multipart, pdfBytes, type Session } from '../helpers/coop.js';

let t: TestApp;
let admin: Session;
let rival: Session;
let member: Session;
let agent: Session;
let h: ReturnType<typeof coopApi>;
let groupId: string;
let ownId: string;
let otherId: string;
beforeAll(async () => {
  t = await buildTestApp({ DATA_DIR: `/tmp/atlas-coop-docs-${randomUUID()}` });
  [admin, rival, member, agent] = await Promise.all([
    login(t.app, 'admin@demo.test', 'demo'),
    login(t.app, 'admin@rival.test', 'rival'),
    login(t.app, 'member@demo.test', 'demo'),
    login(t.app, 'agent@demo.test', 'demo'),
  ]);
  h = coopApi(t.app);
  groupId = (
    await h.ok<{ id: string }>(
      h.api(admin, 'POST', '/coop/groups', { name: 'Les Oliviers', city: 'Rabat' }),
      201,
    )
  ).id;
  const add = (userId?: string) =>
    h.ok<{ id: string }>(
      h.api(admin, 'POST', `/coop/groups/${groupId}/members`, {
        displayName: `Membre ${randomUUID().slice(0, 4)}`,
        email: `m.${randomUUID().slice(0, 8)}@example.test`,
        ...(userId ? { userId } : {}),
      }),
      201,
    );
  ownId = (await add(member.user.id)).id;
  otherId = (await add()).id;
});
afterAll(() => t.close());

describe('coop documents, tenancy and member scoping', () => {
  it('stores a document with sha256, size and sniffed type; serves it only while the bytes match', async () => {
    const bytes = pdfBytes();
    const up = await h.upload(admin, 'COOP_GROUP', groupId, 'STATUTES', bytes, 'statuts.pdf');
    expect(up.statusCode, up.body).toBe(201);
    const doc = up.json<{ id: string; sha256: string; sizeBytes: number; mimeType: string }>();
    expect(doc).toMatchObject({ sizeBytes: bytes.length, mimeType: 'application/pdf' });
    const got = await h.api(admin, 'GET', `/documents/${doc.id}/content`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers.etag).toBe(`"${doc.sha256}"`);
    // The member of the group reads the statutes; the rival organisation and a plain agent do not.
    expect((await h.api(member, 'GET', `/documents/${doc.id}/content`)).statusCode).toBe(200);
    expect((await h.api(rival, 'GET', `/documents/${doc.id}`)).statusCode).toBe(404);
    expect((await h.api(agent, 'GET', `/documents/${doc.id}`)).statusCode).toBe(404); // reaches the route (listing photos), not this document
    // Tampered bytes on disk: refused, never served.
    const row = await new pg.Client({ connectionString: inject('ownerUrl') });
    await row.connect();
    const { rows } = await row.query<{ storage_key: string }>(
      'select storage_key from document where id = $1',
      [doc.id],
    );
    await row.end();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(`${t.env.DATA_DIR}/documents/${rows[0]!.storage_key}`, pdfBytes('tampered'));
    const bad = await h.api(admin, 'GET', `/documents/${doc.id}/content`);
    expect(bad.statusCode).toBe(500);
    expect(problemOf(bad).type).toMatch(/document-integrity-error/);
    expect(bad.body).not.toContain('tampered');
  });

  it('refuses files that are not PDF/JPEG/PNG/WebP by content, and empty or malformed uploads', async () => {
    const exe = await h.upload(
      admin,
      'COOP_GROUP',
      groupId,
      'PV',
      Buffer.from('MZ\x90\x00 not a pdf at all'),
      'pv.pdf',
    );
    expect(exe.statusCode).toBe(415);
    const body = multipart({ ownerType: 'NOPE', ownerId: 'x', kind: 'PV' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/documents',
      headers: { ...admin.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(400);
    expect(
      problemOf(res)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['file', 'ownerId', 'ownerType']);
  });

  it('keeps coop data inside its organisation and a member inside their own data', async () => {
    expect((await h.api(rival, 'GET', `/coop/groups/${groupId}`)).statusCode).toBe(404);
    expect((await h.api(rival, 'GET', `/coop/members/${ownId}`)).statusCode).toBe(404);
    expect(
      (await h.ok<{ data: unknown[] }>(h.api(rival, 'GET', '/coop/groups'))).data.find(
        (g) => (g as { id: string }).id === groupId,
      ),
    ).toBeUndefined();
    // The member: own record yes, someone else's no; no responsible routes; their group's transparency yes.
    expect((await h.api(member, 'GET', `/coop/members/${ownId}`)).statusCode).toBe(200);
    expect((await h.api(member, 'GET', `/coop/members/${otherId}`)).statusCode).toBe(404);
    expect((await h.api(member, 'GET', `/coop/groups/${groupId}/members`)).statusCode).toBe(403);
    expect((await h.api(member, 'GET', `/coop/groups/${groupId}/ledger`)).statusCode).toBe(403);
    const view = await h.ok<{ members: { memberId: string }[] }>(
      h.api(member, 'GET', `/coop/groups/${groupId}/transparency`),
    );
    expect(view.members.map((m) => m.memberId)).toEqual([ownId, otherId]);
    const me = await h.ok<{ data: { member: { id: string } }[] }>(h.api(member, 'GET', '/coop/me'));
    expect(me.data.map((x) => x.member.id)).toEqual([ownId]);
    // A member uploads KYC pieces for themselves only.
    expect((await h.upload(member, 'COOP_MEMBER', ownId, 'KYC_PIECE')).statusCode).toBe(201);
    expect((await h.upload(member, 'COOP_MEMBER', otherId, 'KYC_PIECE')).statusCode).toBe(404);
    // A member of another group does not see this group.
    const other = (
      await h.ok<{ id: string }>(h.api(admin, 'POST', '/coop/groups', { name: 'Autre', city: 'Fès' }), 201)
    ).id;
    expect((await h.api(member, 'GET', `/coop/groups/${other}`)).statusCode).toBe(404);
  });

  it('answers bad input with 400/422 problems naming the fields', async () => {
    const bad = await h.api(admin, 'POST', '/coop/groups', {
      name: '',
      city: 'X',
      rules: { grace: 'soon', penalty: { kind: 'FIXED', every: 'P1D', maxPeriods: 1 } },
    });
    expect(bad.statusCode).toBe(400);
    expect(problemOf(bad).errors?.length).toBeGreaterThan(0);
    const badDuration = await h.api(admin, 'POST', '/coop/groups', {
      name: 'G',
      city: 'X',
      rules: { grace: 'soon' },
    });
    expect(badDuration.statusCode).toBe(400);
    expect(problemOf(badDuration).errors).toEqual([expect.objectContaining({ field: 'rules.grace' })]);
    const plan = await h.api(admin, 'POST', `/coop/groups/${groupId}/plans`, {
      name: 'P',
      effectiveFrom: '2027-01-01T00:00:00Z',
      schedule: { kind: 'MONTHLY', dayOfMonth: 31, firstMonth: '2027-13', count: 0, amount: 10.5 },
    });
    expect(plan.statusCode).toBe(400);
    const activate = await h.api(admin, 'POST', `/coop/members/${otherId}/status`, {
      version: 1,
      status: 'ACTIVE',
    });
    expect(activate.statusCode).toBe(422);
    expect(problemOf(activate).type).toMatch(/kyc-incomplete/);
    const rank = await h.api(admin, 'POST', `/coop/members/${otherId}/rank`, { version: 1, fifoRank: 1 });
    expect(problemOf(rank).errors).toEqual([expect.objectContaining({ field: 'reason' })]);
  });

  it('reorders FIFO ranks with a reason, audited and on the timeline; moves the group status through its workflow', async () => {
    const before = await h.ok<{ version: number; fifoRank: number }>(
      h.api(admin, 'GET', `/coop/members/${otherId}`),
    );
    const moved = await h.ok<{ fifoRank: number }>(
      h.api(admin, 'POST', `/coop/members/${otherId}/rank`, {
        version: before.version,
        fifoRank: 1,
        reason: 'Ancienneté reconnue',
      }),
    );
    expect(moved.fifoRank).toBe(1);
    expect((await h.ok<{ fifoRank: number }>(h.api(admin, 'GET', `/coop/members/${ownId}`))).fifoRank).toBe(
      2,
    );
    const timeline = await h.ok<{ data: { kind: string; title: string }[] }>(
      h.api(admin, 'GET', `/coop/groups/${groupId}/timeline`),
    );
    expect(timeline.data.find((e) => e.kind === 'RANK_CHANGED')?.title).toMatch(/Ancienneté reconnue/);
    const audit = await h.ok<{ data: { action: string }[] }>(
      h.api(admin, 'GET', `/audit?entityType=CoopMember&entityId=${otherId}`),
    );
    expect(audit.data.map((a) => a.action)).toContain('REORDER');

    const g = await h.ok<{ version: number; statusCode: string }>(
      h.api(admin, 'GET', `/coop/groups/${groupId}`),
    );
    expect(g.statusCode).toBe('FORMATION');
    const allowed = await h.ok<{ data: { to: string; allowed: boolean }[] }>(
      h.api(admin, 'GET', `/coop/groups/${groupId}/transitions`),
    );
    expect(allowed.data.filter((x) => x.allowed).map((x) => x.to)).toEqual(['KYC_READY', 'DISSOLVED']);
    const illegal = await h.api(admin, 'POST', `/coop/groups/${groupId}/transitions`, {
      to: 'CLOSED',
      version: g.version,
    });
    expect(illegal.statusCode).toBe(422);
    const next = await h.ok<{ statusCode: string }>(
      h.api(admin, 'POST', `/coop/groups/${groupId}/transitions`, { to: 'KYC_READY', version: g.version }),
    );
    expect(next.statusCode).toBe('KYC_READY');
    expect(
      (
        await h.api(admin, 'POST', `/coop/groups/${groupId}/transitions`, {
          to: 'FUNDING_OPEN',
          version: g.version,
        })
      ).statusCode,
    ).toBe(409);
  });
});
