import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Notification } from '../../db/entities/index.js';
import { loadGuardFacts } from '../../db/facts.js';
import { withTenant } from '../../db/orm.js';
import { ensureFollowUpReminderSchedule } from '../../worker/schedules.js';
import {
  contactIdFor,
  contactTablePresent,
  getJson,
  logActivity as logActivityAs,
  withClient,
  type CursorPage as Page,
  type Session,
} from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { TEST_TASK_QUEUE } from '../helpers/constants.js';
import { createDossier } from '../helpers/dossiers.js';

let t: TestApp;
let agent: Session;
let manager: Session;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  manager = await login(t.app, 'manager@demo.test', 'demo');
});
afterAll(() => t.close());

const logActivity = (s: Session, payload: Record<string, unknown>) => logActivityAs(t, s, payload);
const get = <T>(s: Session, url: string) => getJson<T>(t, s, url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();

interface TimelineItem {
  id: string;
  kind: string;
  channel: string | null;
  direction: string | null;
  authorId: string | null;
  occurredAt: string;
}

describe('messages', () => {
  it('are recorded on the dossier and listed newest first, filterable by channel', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const send = (payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/dossiers/${dossier.id}/messages`,
        headers: agent.headers,
        payload,
      });
    for (const [h, channel, direction] of [
      [3, 'EMAIL', 'INBOUND'],
      [1, 'SMS', 'OUTBOUND'],
      [2, 'WHATSAPP', 'INBOUND'],
    ] as const) {
      const res = await send({ channel, direction, content: `${channel} ${h}h`, timestamp: hoursAgo(h) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const bad = await send({ channel: 'FAX', direction: 'SIDEWAYS', content: 'x' });
    expect(
      problemOf(bad)
        .errors?.map((e) => e.field)
        .sort(),
    ).toEqual(['channel', 'direction']);

    const list = await get<Page<{ content: string; deliveryStatus: string }>>(
      agent,
      `/api/v1/dossiers/${dossier.id}/messages`,
    );
    expect(list.data.map((m) => m.content)).toEqual(['SMS 1h', 'WHATSAPP 2h', 'EMAIL 3h']);
    expect(list.data.map((m) => m.deliveryStatus)).toEqual(['SENT', 'RECEIVED', 'RECEIVED']);
    const page1 = await get<Page<{ content: string }>>(
      agent,
      `/api/v1/dossiers/${dossier.id}/messages?pageSize=2`,
    );
    const page2 = await get<Page<{ content: string }>>(
      agent,
      `/api/v1/dossiers/${dossier.id}/messages?pageSize=2&cursor=${page1.nextCursor}`,
    );
    expect([...page1.data, ...page2.data].map((m) => m.content)).toEqual(list.data.map((m) => m.content));
    expect(page2.nextCursor).toBeNull();
    const sms = await get<Page<{ channel: string }>>(
      agent,
      `/api/v1/dossiers/${dossier.id}/messages?channel=SMS`,
    );
    expect(sms.data.map((m) => m.channel)).toEqual(['SMS']);

    const facts = await withTenant(t.orm, { orgId: agent.user.orgId }, (em) =>
      loadGuardFacts(em, dossier.id, { id: agent.user.id, roles: [], permissions: [] }, new Date()),
    );
    expect((facts.counts.messages as Record<string, number>).total).toBe(3);
  });
});

describe('contact timeline', () => {
  it('merges activities and messages of the contact, newest first, with filters and cursor pagination', async () => {
    const contactId = await contactIdFor(t, agent);
    const dossier = await createDossier(t.app, agent.headers);
    for (let h = 1; h <= 5; h++) {
      await logActivity(h % 2 ? agent : manager, {
        type: h === 5 ? 'NOTE' : 'CALL',
        direction: 'OUT',
        contactId,
        occurredAt: hoursAgo(h),
      });
    }
    const messageAt = hoursAgo(0.5);
    const msg = await t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${dossier.id}/messages`,
      headers: agent.headers,
      payload: {
        channel: 'WHATSAPP',
        direction: 'INBOUND',
        content: 'Bonjour',
        contactId,
        timestamp: messageAt,
      },
    });
    expect(msg.statusCode, msg.body).toBe(201);

    const url = `/api/v1/contacts/${contactId}/timeline`;
    const all = await get<Page<TimelineItem>>(agent, `${url}?pageSize=50`);
    expect(all.total).toBe(6);
    expect(all.data.map((e) => e.kind)).toEqual([
      'MESSAGE',
      'ACTIVITY',
      'ACTIVITY',
      'ACTIVITY',
      'ACTIVITY',
      'NOTE',
    ]);
    const times = all.data.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<TimelineItem> = await get<Page<TimelineItem>>(
        agent,
        `${url}?pageSize=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.data.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual(all.data.map((e) => e.id));

    const phone = await get<Page<TimelineItem>>(agent, `${url}?channel=PHONE&direction=OUTBOUND`);
    expect(phone.total).toBe(4);
    const byManager = await get<Page<TimelineItem>>(agent, `${url}?authorId=${manager.user.id}`);
    expect(byManager.data.every((e) => e.authorId === manager.user.id)).toBe(true);
    expect(byManager.total).toBe(2);
    const period = await get<Page<TimelineItem>>(agent, `${url}?from=${hoursAgo(2.5)}&to=${hoursAgo(0.75)}`);
    expect(period.total).toBe(2);
    const notes = await get<Page<TimelineItem>>(agent, `${url}?kind=NOTE`);
    expect(notes.data.map((e) => e.kind)).toEqual(['NOTE']);

    const bad = await t.app.inject({ method: 'GET', url: `${url}?cursor=bm9wZQ`, headers: agent.headers });
    expect(problemOf(bad).errors?.map((e) => e.field)).toEqual(['cursor']);

    if (await contactTablePresent(agent.user.orgId)) {
      const row = await withClient(inject('ownerUrl'), agent.user.orgId, (c) =>
        c.query<{ at: Date }>('select last_interaction_at as at from contact where id = $1', [contactId]),
      );
      expect(row.rows[0]?.at.toISOString()).toBe(messageAt);
    }
  });
});

async function overdueNotifications(orgId: string, activityId: string): Promise<number> {
  return withTenant(t.orm, { orgId }, (em) =>
    em.count(Notification, { kind: 'TASK_OVERDUE', entityId: activityId }),
  );
}

describe('follow-up reminder job (Temporal)', () => {
  it('notifies the assigned agent once per overdue open task and day, never twice', async () => {
    const dossier = await createDossier(t.app, agent.headers, { assignedAgentId: agent.user.id });
    const overdue = await logActivity(manager, {
      type: 'TASK',
      subject: 'Relancer',
      dossierId: dossier.id,
      dueAt: hoursAgo(2),
    });
    const future = await logActivity(agent, { type: 'TASK', dossierId: dossier.id, dueAt: hoursAgo(-24) });
    const done = await logActivity(agent, { type: 'FOLLOW_UP', dossierId: dossier.id, dueAt: hoursAgo(3) });
    const completed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/activities/${done.id}/complete`,
      headers: agent.headers,
    });
    expect(completed.statusCode).toBe(200);

    const run = (day?: string) =>
      t.temporal.workflow.execute('followUpReminders', {
        taskQueue: TEST_TASK_QUEUE,
        workflowId: `follow-up-test-${randomUUID()}`,
        args: [day ? { day } : {}],
      });
    const first = await run();
    expect(first.organizations).toBeGreaterThanOrEqual(2);
    await run();
    const org = agent.user.orgId;
    expect(await overdueNotifications(org, overdue.id)).toBe(1);
    expect(await overdueNotifications(org, future.id)).toBe(0);
    expect(await overdueNotifications(org, done.id)).toBe(0);

    // The dossier's assigned agent is reminded (the task's author was the manager).
    const inbox = await get<{ data: { kind: string; entityId: string }[] }>(
      agent,
      '/api/v1/notifications?pageSize=200',
    );
    expect(inbox.data.filter((n) => n.kind === 'TASK_OVERDUE' && n.entityId === overdue.id)).toHaveLength(1);

    await run('2099-12-31');
    expect(await overdueNotifications(org, overdue.id)).toBe(2);
  });

  it('runs from a Temporal Schedule whose interval is configurable', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const task = await logActivity(agent, { type: 'TASK', dossierId: dossier.id, dueAt: hoursAgo(1) });
    const scheduleId = `follow-up-schedule-test-${randomUUID()}`;
    await ensureFollowUpReminderSchedule(t.temporal, {
      taskQueue: TEST_TASK_QUEUE,
      intervalSeconds: 3600,
      scheduleId,
    });
    // Declaring it again (every process start does) retunes the existing schedule.
    await ensureFollowUpReminderSchedule(t.temporal, {
      taskQueue: TEST_TASK_QUEUE,
      intervalSeconds: 1,
      scheduleId,
    });
    const handle = t.temporal.schedule.getHandle(scheduleId);
    try {
      const spec = (await handle.describe()).spec;
      expect(spec.intervals?.[0]?.every).toBe(1000);
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && (await overdueNotifications(agent.user.orgId, task.id)) === 0)
        await sleep(250);
      expect(await overdueNotifications(agent.user.orgId, task.id)).toBe(1);
    } finally {
      await handle.delete();
    }
  });
});
