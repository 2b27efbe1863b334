import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import {
  Activity,
  Annonce,
  Appointment,
  Contact,
  Dossier,
  User,
  type IAppointment,
} from '../../db/entities/index.js';
import {
  agentConflicts,
  appointmentEvent,
  appointmentView,
  applyAppointmentAction,
  reminderOffsetsOf,
  type AppointmentAction,
} from '../../db/appointments.js';
import { addTimelineEvent } from '../../db/activities.js';
import { recordAudit } from '../../db/audit.js';
import { notifyEvent } from '../../db/notify.js';
import type { Em } from '../../db/orm.js';
import {
  appointmentReminders,
  appointmentWorkflowId,
  closedSignal,
  rescheduledSignal,
} from '../../workflows/appointment-reminders.js';
import { problems, type FieldError } from '../problem.js';
import type { Actor } from './activity-records.js';
import { invalidInput, referenceNotFound } from '../../services/tenant-references.js';

export interface AppointmentInput {
  kind: 'RDV' | 'VISITE';
  title: string;
  startAt: string;
  endAt: string;
  place?: string | null;
  agentId?: string;
  contactId?: string | null;
  dossierId?: string | null;
  /** The listing visited (a VISITE booked from a shortlist). */
  annonceId?: string | null;
  notes?: string | null;
}

/** Booking checks: period, and that the agent, contact and dossier exist in this organisation. */
async function checkInput(em: Em, input: AppointmentInput, agentId: string) {
  const errors: FieldError[] = [];
  if (Date.parse(input.endAt) <= Date.parse(input.startAt))
    errors.push({ field: 'endAt', message: 'must be after startAt' });
  if (!(await em.count(User, { id: agentId, isActive: true })))
    errors.push({
      field: 'agentId',
      message: 'no such active user in this organisation',
      code: 'UNKNOWN_USER',
    });
  if (input.contactId && !(await em.count(Contact, { id: input.contactId })))
    errors.push(referenceNotFound('contactId', 'contact'));
  const dossier = input.dossierId ? await em.findOne(Dossier, { id: input.dossierId }) : null;
  if (input.dossierId && !dossier) errors.push(referenceNotFound('dossierId', 'dossier'));
  if (input.annonceId && !(await em.count(Annonce, { id: input.annonceId })))
    errors.push({
      field: 'annonceId',
      message: 'no such listing in this organisation',
      code: 'UNKNOWN_LISTING',
    });
  if (errors.length) throw invalidInput(errors);
  return dossier;
}

const warningsOf = (conflicts: IAppointment[]) =>
  conflicts.map((c) => ({
    code: 'AGENT_BUSY',
    message: `The agent already has "${c.title}" from ${c.startAt.toISOString()} to ${c.endAt.toISOString()}.`,
    appointmentId: c.id,
  }));

/** Books an appointment in the caller's transaction; the reminder workflow starts after the commit. */
export async function bookAppointment(em: Em, actor: Actor, input: AppointmentInput) {
  const agentId = input.agentId ?? actor.userId;
  const dossier = await checkInput(em, input, agentId);
  const start = new Date(input.startAt);
  const end = new Date(input.endAt);
  const conflicts = await agentConflicts(em, agentId, start, end);
  const id = randomUUID();
  const a = em.create(Appointment, {
    id,
    orgId: actor.orgId,
    kind: input.kind,
    title: input.title,
    startAt: start,
    endAt: end,
    place: input.place ?? null,
    agentId,
    contactId: input.contactId ?? dossier?.contactId ?? null,
    dossierId: input.dossierId ?? null,
    annonceId: input.annonceId ?? null,
    status: 'SCHEDULED',
    notes: input.notes ?? null,
    reminderOffsets: await reminderOffsetsOf(em, actor.orgId),
    workflowId: appointmentWorkflowId(id),
    createdBy: actor.userId,
  });
  await em.flush();
  appointmentEvent(
    em,
    a,
    `${a.kind === 'VISITE' ? 'Visit' : 'Appointment'} booked: ${a.title}`,
    actor.userId,
    { code: 'BOOKED' },
  );
  await recordAudit(em, actor, {
    entityType: 'Appointment',
    entityId: a.id,
    action: 'CREATE',
    after: appointmentView(a),
  });
  await em.flush();
  await notifyEvent(em, actor, 'APPOINTMENT_BOOKED', { appointmentId: a.id, key: a.id });
  return { ...appointmentView(a), warnings: warningsOf(conflicts) };
}

export async function startReminders(
  temporal: Client,
  taskQueue: string,
  a: ReturnType<typeof appointmentView>,
  org: { orgId: string; orgSlug: string },
) {
  await temporal.workflow.start(appointmentReminders, {
    taskQueue,
    workflowId: a.workflowId,
    args: [{ orgId: org.orgId, appointmentId: a.id, startAt: a.startAt, offsets: a.reminderOffsets }],
    searchAttributes: {
      OrgId: [org.orgId],
      OrgSlug: [org.orgSlug],
      CaseType: ['APPOINTMENT'],
      EntityId: [a.id],
    },
  });
}

/**
 * confirm / done / no-show / cancel / reschedule with optimistic locking. DONE logs a VISIT activity
 * on the timeline; NO_SHOW opens a follow-up task; reschedule re-checks the agent's agenda.
 */
export async function actOnAppointment(
  em: Em,
  actor: Actor,
  id: string,
  action: AppointmentAction,
  body: { version: number; startAt?: string; endAt?: string; reason?: string | null },
) {
  const a = await em.findOne(Appointment, { id });
  if (!a) throw problems.notFound('Appointment');
  if (a.version !== body.version)
    throw problems.conflict('This appointment was changed by someone else; reload it and try again.');
  const result = applyAppointmentAction(a.status, action);
  if (!result.ok) throw problems.conflict(result.reason);
  const before = appointmentView(a);
  let conflicts: IAppointment[] = [];
  if (action === 'reschedule') {
    if (!body.startAt || !body.endAt || Date.parse(body.endAt) <= Date.parse(body.startAt))
      throw problems.validation([
        { field: 'endAt', message: 'startAt and endAt are required, endAt after startAt' },
      ]);
    a.startAt = new Date(body.startAt);
    a.endAt = new Date(body.endAt);
    conflicts = await agentConflicts(em, a.agentId, a.startAt, a.endAt, a.id);
  }
  if (action === 'cancel') a.canceledReason = body.reason ?? null;
  a.status = result.to;
  await em.flush();
  appointmentEvent(
    em,
    a,
    `${a.title}: ${action === 'reschedule' ? `moved to ${a.startAt.toISOString()}` : a.status}`,
    actor.userId,
    { code: action === 'reschedule' ? 'MOVED' : 'STATUS' },
  );
  if (action === 'done') {
    const visit = em.create(Activity, {
      id: randomUUID(),
      orgId: actor.orgId,
      type: 'VISIT',
      direction: 'OUT',
      subject: a.title,
      content: a.notes ?? null,
      occurredAt: a.startAt,
      authorId: actor.userId,
      contactId: a.contactId ?? null,
      dossierId: a.dossierId ?? null,
    });
    addTimelineEvent(em, {
      orgId: actor.orgId,
      dossierId: a.dossierId ?? null,
      contactId: a.contactId ?? null,
      kind: 'ACTIVITY',
      channel: null,
      direction: 'OUT',
      authorId: actor.userId,
      title: a.title,
      body: a.notes ?? null,
      payload: { type: 'VISIT', activityId: visit.id, appointmentId: a.id },
      occurredAt: a.startAt,
      sourceKey: `activity:${visit.id}`,
    });
  }
  if (action === 'no-show')
    em.create(Activity, {
      id: randomUUID(),
      orgId: actor.orgId,
      type: 'FOLLOW_UP',
      direction: 'INTERNAL',
      subject: `Relancer après absence : ${a.title}`,
      occurredAt: new Date(),
      dueAt: new Date(Date.now() + 86_400_000),
      authorId: actor.userId,
      assigneeId: a.agentId,
      contactId: a.contactId ?? null,
      dossierId: a.dossierId ?? null,
    });
  await recordAudit(em, actor, {
    entityType: 'Appointment',
    entityId: a.id,
    action: action.toUpperCase(),
    before,
    after: appointmentView(a),
  });
  await em.flush();
  await notifyEvent(em, actor, 'APPOINTMENT_CHANGED', { appointmentId: a.id, key: `${a.id}:${a.version}` });
  return { ...appointmentView(a), warnings: warningsOf(conflicts) };
}

/** Tells the reminder workflow (after the commit): new start, or nothing more to remind. */
export async function signalReminders(temporal: Client, a: ReturnType<typeof appointmentView>) {
  const handle = temporal.workflow.getHandle(a.workflowId);
  try {
    if (a.status === 'SCHEDULED' || a.status === 'CONFIRMED')
      await handle.signal(rescheduledSignal, { startAt: a.startAt });
    else await handle.signal(closedSignal, { status: a.status });
  } catch (err) {
    // A workflow that already ended (its start passed) has nothing left to move.
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}
