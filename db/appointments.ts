import { addTimelineEvent } from './activities.js';
import { Appointment, type AppointmentStatus, type IAppointment } from './entities/appointment.js';
import type { Em } from './orm.js';

export const DEFAULT_REMINDER_OFFSETS = ['PT24H', 'PT1H'];

/** Actions on an appointment and the statuses they may start from (F-7.1); CANCELED from any open one. */
export const APPOINTMENT_ACTIONS = {
  confirm: { from: ['SCHEDULED'], to: 'CONFIRMED' },
  done: { from: ['SCHEDULED', 'CONFIRMED'], to: 'DONE' },
  'no-show': { from: ['SCHEDULED', 'CONFIRMED'], to: 'NO_SHOW' },
  cancel: { from: ['SCHEDULED', 'CONFIRMED'], to: 'CANCELED' },
  reschedule: { from: ['SCHEDULED', 'CONFIRMED'], to: 'SCHEDULED' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus }>;
export type AppointmentAction = keyof typeof APPOINTMENT_ACTIONS;

export function isOpenAppointment(status: string): boolean {
  return status === 'SCHEDULED' || status === 'CONFIRMED';
}

/** Pure: the status an action leads to, or why it cannot be applied. */
export function applyAppointmentAction(
  status: string,
  action: AppointmentAction,
): { ok: true; to: AppointmentStatus } | { ok: false; reason: string } {
  const rule = APPOINTMENT_ACTIONS[action];
  if ((rule.from as readonly string[]).includes(status)) return { ok: true, to: rule.to };
  return { ok: false, reason: `cannot ${action} an appointment that is ${status}` };
}

export function appointmentView(a: IAppointment) {
  return {
    id: a.id,
    kind: a.kind,
    title: a.title,
    startAt: a.startAt.toISOString(),
    endAt: a.endAt.toISOString(),
    place: a.place ?? null,
    agentId: a.agentId,
    contactId: a.contactId ?? null,
    dossierId: a.dossierId ?? null,
    annonceId: a.annonceId ?? null,
    status: a.status,
    notes: a.notes ?? null,
    reminderOffsets: a.reminderOffsets,
    canceledReason: a.canceledReason ?? null,
    workflowId: a.workflowId,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AppointmentView = ReturnType<typeof appointmentView>;

/** Other open appointments of the agent overlapping [start, end): the conflict warning. */
export async function agentConflicts(em: Em, agentId: string, start: Date, end: Date, exceptId?: string) {
  return em.find(
    Appointment,
    {
      agentId,
      status: { $in: ['SCHEDULED', 'CONFIRMED'] },
      startAt: { $lt: end },
      endAt: { $gt: start },
      ...(exceptId ? { id: { $ne: exceptId } } : {}),
    },
    { orderBy: { startAt: 'asc' }, limit: 10 },
  );
}

/** The organisation's reminder offsets (settings.appointmentReminderOffsets), else the defaults. */
export async function reminderOffsetsOf(em: Em, orgId: string): Promise<string[]> {
  const rows = await em.execute<{ offsets: string[] | null }[]>(
    `select settings->'appointmentReminderOffsets' as offsets from organization where id = ?`,
    [orgId],
  );
  const offsets = rows[0]?.offsets;
  return Array.isArray(offsets) && offsets.length ? offsets : DEFAULT_REMINDER_OFFSETS;
}

/** What happened to an appointment, as its timeline entry's code reads it (with a reason where refused). */
export type AppointmentEventCode = 'BOOKED' | 'MOVED' | 'STATUS' | 'REMINDER_NOT_SENT';

/** Puts an appointment event on the timeline of its dossier and contact (guard facts count appointments). */
export function appointmentEvent(
  em: Em,
  a: IAppointment,
  title: string,
  authorId: string | null,
  event: { code: AppointmentEventCode; reason?: string },
) {
  addTimelineEvent(em, {
    orgId: a.orgId,
    dossierId: a.dossierId ?? null,
    contactId: a.contactId ?? null,
    kind: 'APPOINTMENT',
    channel: null,
    direction: null,
    authorId,
    title,
    body: null,
    payload: {
      appointmentId: a.id,
      title: a.title,
      status: a.status,
      startAt: a.startAt.toISOString(),
      appointmentKind: a.kind,
      event: event.code,
      ...(event.reason ? { reason: event.reason } : {}),
    },
    occurredAt: new Date(),
    sourceKey: `appointment:${a.id}:${a.status}:${a.version}:${Date.now()}`,
  });
}
