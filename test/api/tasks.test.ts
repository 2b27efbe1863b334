import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskReminderWorkflowId } from '../../workflows/task-reminder.js';
import { getJson, logActivity, type Session } from '../helpers/activities.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { createDossier } from '../helpers/dossiers.js';

/** "Mes tâches" (issue 19): follow-ups one can see, move, and that ring once at their time. */
let t: TestApp;
let agent: Session;
let manager: Session;
let readonly: Session;
beforeAll(async () => {
  t = await buildTestApp();
  agent = await login(t.app, 'agent@demo.test', 'demo');
  manager = await login(t.app, 'manager@demo.test', 'demo');
  readonly = await login(t.app, 'readonly@demo.test', 'demo');
});
afterAll(() => t.close());

interface Task {
  id: string;
  subject: string | null;
  dueAt: string;
  overdue: boolean;
  assigneeId: string;
  assigneeName: string | null;
  dossierReference: string | null;
  contactName: string | null;
}
type Counts = { overdue: number; today: number; upcoming: number };
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

/** A zone where it is now between 02:00 and 20:00, so "in a minute" is still today there. */
function daytimeZone(): string {
  for (const zone of ['Europe/Paris', 'Asia/Tokyo', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: zone }).format(),
    );
    if (hour >= 2 && hour < 20) return zone;
  }
  throw new Error('no daytime zone');
}

const tasksOf = (s: Session, query: string) =>
  getJson<{ data: Task[]; total: number }>(t, s, `/api/v1/tasks?pageSize=200&${query}`);
const reschedule = (s: Session, id: string, payload: Record<string, unknown>) =>
  t.app.inject({ method: 'POST', url: `/api/v1/activities/${id}/reschedule`, headers: s.headers, payload });

describe('tasks by due bucket', () => {
  it('a call logged with a next action is a task of its assignee: overdue, today or upcoming, with counts', async () => {
    const tz = daytimeZone();
    const dossier = await createDossier(t.app, agent.headers, { title: 'Suivi Lefèvre' });
    const before = await getJson<Counts>(t, agent, `/api/v1/tasks/counts?tz=${tz}`);
    const call: { id: string; nextActionId?: string } = await logActivity(t, agent, {
      type: 'CALL',
      subject: 'Appel vendeur',
      dossierId: dossier.id,
      nextAction: { dueAt: inDays(3), subject: 'Rappeler le vendeur', assigneeId: agent.user.id },
    });
    const late = await logActivity(t, agent, {
      type: 'TASK',
      subject: 'Envoyer le mandat',
      dossierId: dossier.id,
      dueAt: inMinutes(-90),
      assigneeId: agent.user.id,
    });
    const soon = await logActivity(t, agent, {
      type: 'TASK',
      subject: 'Confirmer la visite',
      dossierId: dossier.id,
      dueAt: inMinutes(30),
      assigneeId: agent.user.id,
    });
    expect(call.nextActionId).toBeTruthy();

    const upcoming = await tasksOf(agent, `bucket=upcoming&tz=${tz}`);
    const next = upcoming.data.find((x) => x.id === call.nextActionId);
    expect(next).toMatchObject({ subject: 'Rappeler le vendeur', overdue: false, assigneeId: agent.user.id });
    expect(next?.dossierReference).toMatch(/^D-/);
    expect(next?.assigneeName).toBeTruthy();
    expect((await tasksOf(agent, `bucket=overdue&tz=${tz}`)).data.map((x) => x.id)).toContain(late.id);
    const today = (await tasksOf(agent, `bucket=today&tz=${tz}`)).data.map((x) => x.id);
    expect(today).toContain(soon.id);
    expect(today).not.toContain(late.id);
    // The call itself (no due date) is no task.
    expect((await tasksOf(agent, 'bucket=all')).data.map((x) => x.id)).not.toContain(call.id);

    const after = await getJson<Counts>(t, agent, `/api/v1/tasks/counts?tz=${tz}`);
    expect(after).toEqual({
      overdue: before.overdue + 1,
      today: before.today + 1,
      upcoming: before.upcoming + 1,
    });
    // Not the manager's own tasks, but in the team's view.
    expect((await tasksOf(manager, 'bucket=overdue')).data.map((x) => x.id)).not.toContain(late.id);
    expect((await tasksOf(manager, 'bucket=overdue&assignee=all')).data.map((x) => x.id)).toContain(late.id);
    expect(
      (await tasksOf(manager, `bucket=overdue&assignee=${agent.user.id}`)).data.map((x) => x.id),
    ).toContain(late.id);
  });

  it('refuses an unknown time zone with a field error and a stable code', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks?tz=Mars/Olympus',
      headers: agent.headers,
    });
    expect(res.statusCode).toBe(400);
    const problem = problemOf(res);
    expect(problem.code).toBe('UNKNOWN_TIME_ZONE');
    expect(problem.errors?.map((e) => e.field)).toEqual(['tz']);
  });
});

describe('moving a task', () => {
  it('reschedules and reassigns through a correction; the old task closes; refusals have codes', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const task = await logActivity(t, agent, {
      type: 'FOLLOW_UP',
      subject: 'Relancer Hélène',
      dossierId: dossier.id,
      dueAt: inDays(1),
      assigneeId: agent.user.id,
    });
    const moved = await reschedule(agent, task.id, { dueAt: inDays(5), assigneeId: manager.user.id });
    expect(moved.statusCode, moved.body).toBe(201);
    const replacement = moved.json<{ id: string; correctsId: string; subject: string; assigneeId: string }>();
    expect(replacement).toMatchObject({
      correctsId: task.id,
      subject: 'Relancer Hélène',
      assigneeId: manager.user.id,
    });

    const managers = (await tasksOf(manager, 'bucket=upcoming')).data.map((x) => x.id);
    expect(managers).toContain(replacement.id);
    expect((await tasksOf(agent, 'assignee=all')).data.map((x) => x.id)).not.toContain(task.id);

    const again = await reschedule(agent, task.id, { dueAt: inDays(2) });
    expect([again.statusCode, problemOf(again).code]).toEqual([409, 'TASK_CLOSED']);
    const same = await reschedule(agent, replacement.id, { assigneeId: manager.user.id });
    expect([same.statusCode, problemOf(same).code]).toEqual([422, 'NOTHING_TO_CHANGE']);
    const note = await logActivity(t, agent, { type: 'NOTE', content: 'RAS', dossierId: dossier.id });
    const notTask = await reschedule(agent, note.id, { dueAt: inDays(2) });
    expect([notTask.statusCode, problemOf(notTask).code]).toEqual([422, 'NOT_A_TASK']);
    const unknown = await reschedule(agent, '00000000-0000-4000-8000-000000000000', { dueAt: inDays(2) });
    expect([unknown.statusCode, problemOf(unknown).code]).toEqual([404, 'TASK_NOT_FOUND']);
    expect((await reschedule(readonly, replacement.id, { dueAt: inDays(2) })).statusCode).toBe(403);
    expect((await reschedule(agent, replacement.id, {})).statusCode).toBe(400);
  });
});

describe('the reminder at the due time', () => {
  const unreadDue = async (s: Session, taskId: string) => {
    const inbox = await getJson<{
      data: { kind: string; entityId: string | null; title: string; body: string }[];
    }>(t, s, '/api/v1/notifications?unread=true&pageSize=200');
    return inbox.data.filter((n) => n.kind === 'TASK_DUE' && n.entityId === taskId);
  };

  it('tells the assignee once when it is due; a task moved or completed before its time stays silent', async () => {
    const dossier = await createDossier(t.app, agent.headers);
    const due = new Date(Date.now() + 4_000).toISOString();
    const ringing = await logActivity(t, agent, {
      type: 'TASK',
      subject: 'Appeler le notaire',
      dossierId: dossier.id,
      dueAt: due,
      assigneeId: agent.user.id,
    });
    const moving = await logActivity(t, agent, {
      type: 'TASK',
      subject: 'Déplacée',
      dossierId: dossier.id,
      dueAt: due,
      assigneeId: agent.user.id,
    });
    const done = await logActivity(t, agent, {
      type: 'TASK',
      subject: 'Faite avant',
      dossierId: dossier.id,
      dueAt: due,
      assigneeId: agent.user.id,
    });
    expect((await reschedule(agent, moving.id, { dueAt: inDays(2) })).statusCode).toBe(201);
    const completed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/activities/${done.id}/complete`,
      headers: agent.headers,
      payload: {},
    });
    expect(completed.statusCode).toBe(200);

    const result = (id: string) =>
      t.temporal.workflow.getHandle(taskReminderWorkflowId(id)).result() as Promise<{ notified: boolean }>;
    expect(await result(ringing.id)).toEqual({ notified: true });
    expect(await result(moving.id)).toEqual({ notified: false });
    expect(await result(done.id)).toEqual({ notified: false });

    const notes = await unreadDue(agent, ringing.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: 'Appeler le notaire', body: new Date(due).toISOString() });
    expect(await unreadDue(agent, moving.id)).toHaveLength(0);
    expect(await unreadDue(agent, done.id)).toHaveLength(0);

    // Once: a second run of the same reminder (a retry, a replayed start) writes nothing more.
    const rerun = await t.temporal.workflow.execute('taskReminder', {
      taskQueue: t.env.TEMPORAL_TASK_QUEUE,
      workflowId: `${taskReminderWorkflowId(ringing.id)}-rerun`,
      args: [{ orgId: agent.user.orgId, activityId: ringing.id, dueAt: due }],
    });
    expect(rerun).toEqual({ notified: false });
    expect(await unreadDue(agent, ringing.id)).toHaveLength(1);
  }, 60_000);
});
