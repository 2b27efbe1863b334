import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { loadGuardFacts } from '../../db/facts.js';
import { withTenant } from '../../db/orm.js';
import {
  getJson,
  logActivity as logActivityAs,
  postActivity,
  withClient,
  type ActivityBody,
  type CursorPage,
  type Session,
} from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

type Activity = ActivityBody;
type Page<T> = CursorPage<T>;

let t: TestApp;
let agent: Session;
let readonly: Session;
let rival: Session;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  readonly = await login(t.app, 'readonly@demo.test', 'demo');
  rival = await login(t.app, 'agent@rival.test', 'rival');
});
afterAll(() => t.close());

const post = (s: Session, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  postActivity(t, s, payload, headers);
const logActivity = (s: Session, payload: Record<string, unknown>) => logActivityAs(t, s, payload);
const get = <T>(s: Session, url: string) => getJson<T>(t, s, url);

describe('activities on a dossier', () => {
  it('are logged, appear in the dossier timeline and count in guard facts', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    await logActivity(agent, { type: 'CALL', direction: 'OUT', dossierId: dossier.id, outcome: 'REACHED' });
    await logActivity(agent, { type: 'CALL', direction: 'IN', dossierId: dossier.id, subject: 'Rappel' });
    await logActivity(agent, { type: 'NOTE', dossierId: dossier.id, content: 'Cherche un T3' });

    const timeline = await get<{ data: { kind: string; payload: { type?: string } | null }[] }>(
      agent,
      `/api/v1/dossiers/${dossier.id}/timeline`,
    );
    expect(timeline.data.filter((e) => e.kind === 'ACTIVITY' && e.payload?.type === 'CALL')).toHaveLength(2);
    expect(timeline.data.filter((e) => e.kind === 'NOTE')).toHaveLength(1);

    const facts = await withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
      loadGuardFacts(em, dossier.id, { id: agent.user.id, roles: [], permissions: [] }, new Date()),
    );
    expect((facts.counts.activities as Record<string, number>).CALL).toBe(2);
    const transitions = await t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${dossier.id}/transitions`,
      headers: agent.headers,
    });
    expect(transitions.statusCode).toBe(200);

    const list = await get<Page<Activity>>(agent, `/api/v1/activities?dossierId=${dossier.id}&type=CALL`);
    expect(list.total).toBe(2);
  });

  it('replays a retried POST with the same Idempotency-Key', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const key = `act-${randomUUID()}`;
    const body = { type: 'EMAIL', direction: 'OUT', dossierId: dossier.id };
    const first = await post(agent, body, { 'idempotency-key': key });
    const second = await post(agent, body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json<Activity>().id).toBe(first.json<Activity>().id);
    expect((await get<Page<Activity>>(agent, `/api/v1/activities?dossierId=${dossier.id}`)).total).toBe(1);
  });

  it('answers field-level 400s for bad types, directions, outcomes and missing subjects', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'TELEPATHY', dossierId: dossier.id }, 'type'],
      [{ type: 'CALL', direction: 'SIDEWAYS', dossierId: dossier.id }, 'direction'],
      [{ type: 'CALL', outcome: 'MAYBE', dossierId: dossier.id }, 'outcome'],
      [{ type: 'CALL' }, 'dossierId'],
      [{ type: 'TASK', dossierId: dossier.id }, 'dueAt'],
      [{ type: 'CALL', dossierId: 'not-a-uuid' }, 'dossierId'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(agent, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(problemOf(res).errors?.map((e) => e.field)).toContain(field);
    }
    const unknownDossier = await post(agent, { type: 'CALL', dossierId: randomUUID() });
    expect(unknownDossier.statusCode).toBe(404);
  });

  it('READONLY may read but not log (403)', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    expect((await post(readonly, { type: 'CALL', dossierId: dossier.id })).statusCode).toBe(403);
    await get(readonly, `/api/v1/activities?dossierId=${dossier.id}`);
  });
});

describe('immutability', () => {
  it('has no update or delete route', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const a = await logActivity(agent, { type: 'CALL', dossierId: dossier.id });
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/activities/${a.id}`,
        headers: agent.headers,
        payload: { subject: 'rewritten' },
      });
      expect([404, 405]).toContain(res.statusCode);
    }
    expect(
      (await get<Activity & { subject: string | null }>(agent, `/api/v1/activities/${a.id}`)).subject,
    ).toBe(null);
  });

  it('the database refuses UPDATE and DELETE, as the app role and even as the owner', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const a = await logActivity(agent, { type: 'CALL', dossierId: dossier.id });
    const org = agent.user.orgId;
    // The app role holds no UPDATE/DELETE privilege but on the columns merge and erasure touch
    // (contact_id, subject, content); there the trigger refuses anything outside those operations.
    for (const [sql, appError] of [
      [`update activity set subject = 'x' where id = $1`, /append-only/],
      [`update activity set type = 'NOTE' where id = $1`, /permission denied/],
      [`delete from activity where id = $1`, /permission denied/],
    ] as const) {
      await expect(withClient(inject('appUrl'), org, (c) => c.query(sql, [a.id]))).rejects.toThrow(appError);
      await expect(withClient(inject('ownerUrl'), org, (c) => c.query(sql, [a.id]))).rejects.toThrow(
        /append-only/,
      );
    }
  });

  it('a message keeps its content; only its delivery status may change', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossier.id}/messages`,
      headers: agent.headers,
      payload: { direction: 'OUTBOUND', channel: 'SMS', content: 'Bonjour' },
    });
    const id = res.json<{ id: string }>().id;
    const org = agent.user.orgId;
    const updated = await withClient(inject('appUrl'), org, (c) =>
      c.query(`update message set delivery_status = 'DELIVERED', delivery_status_at = now() where id = $1`, [
        id,
      ]),
    );
    expect(updated.rowCount).toBe(1);
    await expect(
      withClient(inject('appUrl'), org, (c) =>
        c.query(`update message set content = 'x' where id = $1`, [id]),
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      withClient(inject('appUrl'), org, (c) => c.query(`delete from message where id = $1`, [id])),
    ).rejects.toThrow(/permission denied/);
  });

  it('a correction is a new activity that references the corrected one', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const wrong = await logActivity(agent, { type: 'CALL', dossierId: dossier.id, outcome: 'NO_ANSWER' });
    const fix = await logActivity(agent, { type: 'CALL', correctsId: wrong.id, outcome: 'REACHED' });
    expect(fix.correctsId).toBe(wrong.id);
    expect(fix.dossierId).toBe(dossier.id);
    expect((await get<Activity>(agent, `/api/v1/activities/${wrong.id}`)).correctedById).toBe(fix.id);
    const bad = await post(agent, { type: 'CALL', correctsId: randomUUID() });
    expect(problemOf(bad).errors?.map((e) => e.field)).toContain('correctsId');
  });
});

describe('tasks and next actions', () => {
  it('flags overdue open tasks, completes once (409 the second time) and puts the completion on the timeline', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const due = new Date(Date.now() - 3_600_000).toISOString();
    const later = new Date(Date.now() + 86_400_000).toISOString();
    const late = await logActivity(agent, {
      type: 'TASK',
      subject: 'Envoyer le mandat',
      dossierId: dossier.id,
      dueAt: due,
    });
    const upcoming = await logActivity(agent, { type: 'FOLLOW_UP', dossierId: dossier.id, dueAt: later });
    expect(late).toMatchObject({ open: true, overdue: true });
    expect(upcoming).toMatchObject({ open: true, overdue: false });

    const overdue = await get<Page<Activity>>(
      agent,
      `/api/v1/activities?dossierId=${dossier.id}&overdue=true`,
    );
    expect(overdue.data.map((a) => a.id)).toEqual([late.id]);
    const open = await get<Page<Activity>>(agent, `/api/v1/activities?dossierId=${dossier.id}&open=true`);
    expect(open.total).toBe(2);

    const complete = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/activities/${late.id}/complete`,
        headers: agent.headers,
        payload: { outcome: 'DONE', note: 'Mandat envoyé' },
      });
    const first = await complete();
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Activity>()).toMatchObject({ open: false, overdue: false });
    expect(first.json<Activity>().completedAt).toBeTruthy();
    expect((await complete()).statusCode).toBe(409);
    expect(
      (await get<Page<Activity>>(agent, `/api/v1/activities?dossierId=${dossier.id}&overdue=true`)).total,
    ).toBe(0);

    const timeline = await get<{ data: { kind: string; payload: { activityId?: string } | null }[] }>(
      agent,
      `/api/v1/dossiers/${dossier.id}/timeline?kind=TASK_COMPLETED`,
    );
    expect(timeline.data.map((e) => e.payload?.activityId)).toEqual([late.id]);

    const call = await logActivity(agent, { type: 'CALL', dossierId: dossier.id });
    const notATask = await t.app.inject({
      method: 'POST',
      url: `/api/v1/activities/${call.id}/complete`,
      headers: agent.headers,
    });
    expect(notATask.statusCode).toBe(422);
  });
});

describe('tenant isolation', () => {
  it('a rival organisation neither sees demo activities and messages nor writes on demo dossiers', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const a = await logActivity(agent, { type: 'CALL', dossierId: dossier.id });
    const rivalGet = await t.app.inject({
      method: 'GET',
      url: `/api/v1/activities/${a.id}`,
      headers: rival.headers,
    });
    expect(rivalGet.statusCode).toBe(404);
    const rivalList = await get<Page<Activity>>(rival, `/api/v1/activities?pageSize=200`);
    expect(rivalList.data.map((x) => x.id)).not.toContain(a.id);
    expect((await post(rival, { type: 'CALL', dossierId: dossier.id })).statusCode).toBe(404);
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/dossiers/${dossier.id}/messages`,
        headers: rival.headers,
        ...(method === 'POST' ? { payload: { channel: 'SMS', direction: 'INBOUND', content: 'x' } } : {}),
      });
      expect(res.statusCode).toBe(404);
    }
    const complete = await t.app.inject({
      method: 'POST',
      url: `/api/v1/activities/${a.id}/complete`,
      headers: rival.headers,
    });
    expect(complete.statusCode).toBe(404);
  });
});
