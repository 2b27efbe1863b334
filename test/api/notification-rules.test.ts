import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { remindOverdueTasks } from '../../db/activities.js';
import { createOrm, withTenant } from '../../db/orm.js';
import { ensureOrganization, ensureUser } from '../../seed/demo-orgs.js';
import { buildTestApp, login, problemOf, type TestApp } from '../helpers/app.js';
import { TEST_TASK_QUEUE } from '../helpers/constants.js';
import { createDossier, transition } from '../helpers/dossiers.js';
import type { Received } from '../helpers/stand-ins.js';

type Session = Awaited<ReturnType<typeof login>>;
let t: TestApp;

let manager: Session;
let agent: Session;
const slug = `notify-${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await buildTestApp();
  // A throwaway organisation: its rules must not fire in other suites' flows.
  const ownerOrm = await createOrm(inject('ownerUrl'), 2);
  const orgId = await ensureOrganization(ownerOrm, slug, 'Notify Lab');
  for (const role of ['ADMIN', 'MANAGER', 'AGENT'])
    await ensureUser(ownerOrm, orgId, {
      email: `${role.toLowerCase()}@${slug}.test`,
      fullName: `${role[0]}${role.slice(1).toLowerCase()} Lab`,
      password: 'demo1234',
      roles: [role],
    });
  await ownerOrm.close(true);
  [manager, agent] = await Promise.all([
    login(t.app, `manager@${slug}.test`, slug),
    login(t.app, `agent@${slug}.test`, slug),
  ]);
});
afterAll(() => t.close());

const api = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
const notificationsOf = async (s: Session) =>
  (await api(s, 'GET', '/notifications?pageSize=50')).json().data as Array<{
    kind: string;
    title: string;
    body: string;
  }>;

describe('notification rules (F-7.3)', () => {
  it('are validated: only the variables of the event, a subject for emails, the contact for outbound channels', async () => {
    const badVar = await api(manager, 'POST', '/notification-rules', {
      name: 'x',
      event: 'NEW_LEAD',
      recipients: ['ASSIGNED_AGENT'],
      channel: 'IN_APP',
      template: { fr: { body: 'RDV le {{appointment.date}}' } },
    });
    expect(badVar.statusCode).toBe(400);
    expect(problemOf(badVar).errors?.[0]?.field).toBe('template/fr/body');
    const noContact = await api(manager, 'POST', '/notification-rules', {
      name: 'x',
      event: 'NEW_LEAD',
      recipients: ['MANAGERS'],
      channel: 'SMS',
      template: { fr: { body: 'x' } },
    });
    expect(problemOf(noContact).errors?.[0]?.field).toBe('channel');
    const preview = await api(manager, 'POST', '/notification-rules/preview', {
      event: 'STATUS_CHANGED',
      template: { fr: { body: '{{dossier.reference}} : {{dossier.previousStatus}} → {{dossier.status}}' } },
    });
    expect(preview.json().body).toBe('‹dossier.reference› : ‹dossier.previousStatus› → ‹dossier.status›');
    expect((await api(agent, 'GET', '/notification-rules')).statusCode).toBe(403);
    // The organisation's own rules only (the shared demo organisation may hold other suites' rules).
    const ours = (await api(manager, 'GET', '/notification-rules')).json().data as Array<{ id: string }>;
    const demo = await login(t.app, 'manager@demo.test', 'demo');
    const theirs = (await api(demo, 'GET', '/notification-rules')).json().data as Array<{ id: string }>;
    expect(theirs.filter((r) => ours.some((o) => o.id === r.id))).toEqual([]);
  });

  it('notify the agent and managers in the app on a new lead and on a status change into a given status', async () => {
    for (const rule of [
      {
        name: 'Nouveau lead',
        event: 'NEW_LEAD',
        recipients: ['ASSIGNED_AGENT', 'MANAGERS'],
        channel: 'IN_APP',
        template: {
          fr: {
            subject: 'Nouveau lead',
            body: '{{contact.firstName}} {{contact.lastName}} pour {{agent.name}}',
          },
        },
      },
      {
        name: 'Qualifié',
        event: 'STATUS_CHANGED',
        recipients: ['MANAGERS'],
        channel: 'IN_APP',
        caseType: 'ACHAT',
        statusCode: 'QUALIFIED',
        template: { fr: { body: '{{dossier.reference}} : {{dossier.previousStatus}} → {{dossier.status}}' } },
      },
    ]) {
      const res = await api(manager, 'POST', '/notification-rules', rule);
      expect(res.statusCode, res.body).toBe(201);
    }
    const contact = await api(manager, 'POST', '/contacts', {
      firstName: 'Inès',
      lastName: 'Lead',
      email: `ines.${randomUUID().slice(0, 6)}@example.test`,
      assignedAgentId: agent.user.id,
    });
    expect(contact.statusCode, contact.body).toBe(201);
    expect(await notificationsOf(agent)).toContainEqual(
      expect.objectContaining({
        kind: 'RULE_NEW_LEAD',
        title: 'Nouveau lead',
        body: 'Inès Lead pour Agent Lab',
      }),
    );
    expect((await notificationsOf(manager)).map((n) => n.kind)).toContain('RULE_NEW_LEAD');

    const d = await createDossier(t.app, agent.headers, { contactId: contact.json().id, budgetMax: 200000 });
    expect((await transition(t.app, agent.headers, d.id, { to: 'QUALIFIED' })).statusCode).toBe(200);
    expect((await transition(t.app, agent.headers, d.id, { to: 'APPOINTMENT' })).statusCode).toBe(200);
    const changes = (await notificationsOf(manager)).filter((n) => n.kind === 'RULE_STATUS_CHANGED');
    expect(changes.map((n) => n.body)).toEqual([`${d.reference} : NEW → QUALIFIED`]); // not for APPOINTMENT
  });

  it('send the contact a message through the outbox and the consent gate when an appointment is booked', async () => {
    const rule = await api(manager, 'POST', '/notification-rules', {
      name: 'Confirmation RDV',
      event: 'APPOINTMENT_BOOKED',
      recipients: ['CONTACT'],
      channel: 'SMS',
      template: {
        fr: { body: 'RDV « {{appointment.title}} » le {{appointment.date}} à {{appointment.time}}' },
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const phone = `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const contact = (
      await api(agent, 'POST', '/contacts', {
        firstName: 'Paul',
        lastName: 'Rdv',
        email: `paul.${randomUUID().slice(0, 6)}@example.test`,
        phone,
      })
    ).json();
    const silent = (
      await api(agent, 'POST', '/contacts', {
        firstName: 'Zoé',
        lastName: 'SansAccord',
        email: `zoe.${randomUUID().slice(0, 6)}@example.test`,
        phone: `+336${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
      })
    ).json();
    await api(agent, 'PUT', `/contacts/${contact.id}/consents/SMS`, { status: 'OPT_IN', source: 'FORM' });
    for (const c of [contact, silent]) {
      const booked = await api(agent, 'POST', '/appointments', {
        kind: 'RDV',
        title: 'Estimation',
        startAt: '2031-03-03T09:00:00Z',
        endAt: '2031-03-03T10:00:00Z',
        contactId: c.id,
      });
      expect(booked.statusCode, booked.body).toBe(201);
    }
    await t.temporal.workflow.execute('outboxSweep', {
      taskQueue: TEST_TASK_QUEUE,
      workflowId: `outbox-sweep-test-${randomUUID()}`,
      args: [{ olderThanSeconds: 0 }],
    });
    const deadline = Date.now() + 15_000;
    let sms: Received['sms'] = [];
    while (Date.now() < deadline && !sms.length) {
      const received = (await (
        await fetch(`${inject('standInUrl')}/__stand-in/received`)
      ).json()) as Received;
      sms = received.sms.filter((m) => m.to === phone);
      if (!sms.length) await new Promise((r) => setTimeout(r, 300));
    }
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toBe('RDV « Estimation » le lundi 3 mars 2031 à 10:00');
    const refused = await (async () => {
      for (let i = 0; i < 30; i++) {
        const events = (await api(agent, 'GET', `/contacts/${silent.id}/timeline?kind=MESSAGE_STATUS`)).json()
          .data;
        if (events.length) return events;
        await new Promise((r) => setTimeout(r, 300));
      }
      return [];
    })();
    expect(refused[0].title).toContain('never consented to SMS');
  });

  it('apply to overdue tasks found by the daily reminder job', async () => {
    const rule = await api(manager, 'POST', '/notification-rules', {
      name: 'Tâches en retard',
      event: 'TASK_OVERDUE',
      recipients: ['MANAGERS'],
      channel: 'IN_APP',
      template: {
        fr: { subject: 'Tâche en retard', body: '{{task.subject}} (due {{task.dueDate}}) — {{agent.name}}' },
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const d = await createDossier(t.app, agent.headers, { assignedAgentId: agent.user.id });
    const task = await api(agent, 'POST', '/activities', {
      type: 'FOLLOW_UP',
      subject: 'Rappeler le notaire',
      dossierId: d.id,
      dueAt: '2026-01-05T09:00:00Z',
    });
    expect(task.statusCode, task.body).toBe(201);
    // What the daily job runs for this organisation (the job itself is tested in activities-timeline).
    const orgId = agent.user.orgId;
    const reminded = await withTenant(t.orm, { orgId }, (em) =>
      remindOverdueTasks(em, orgId, '2031-01-01', new Date()),
    );
    expect(reminded).toBeGreaterThanOrEqual(1);
    expect(await notificationsOf(manager)).toContainEqual(
      expect.objectContaining({
        kind: 'RULE_TASK_OVERDUE',
        title: 'Tâche en retard',
        body: 'Rappeler le notaire (due 2026-01-05) — Agent Lab',
      }),
    );
  });
});
