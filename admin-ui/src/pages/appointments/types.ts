import type { AppointmentStatus } from '../../../../definitions/appointment.js';

export { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../../definitions/appointment.js';

export interface Appointment {
  id: string;
  kind: 'RDV' | 'VISITE';
  title: string;
  startAt: string;
  endAt: string;
  place: string | null;
  agentId: string;
  contactId: string | null;
  dossierId: string | null;
  status: AppointmentStatus;
  notes: string | null;
  reminderOffsets: string[];
  canceledReason: string | null;
  workflowId: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentWarning {
  code: string;
  message: string;
  appointmentId: string;
}

/** What booking and the status actions answer: the appointment itself, with its warnings. */
export type WithWarnings = Appointment & { warnings: AppointmentWarning[] };

export const STATUS_COLOR: Record<AppointmentStatus, string> = {
  SCHEDULED: 'blue',
  CONFIRMED: 'green',
  DONE: 'default',
  NO_SHOW: 'orange',
  CANCELED: 'red',
};

/** Which actions each status allows (db/appointments.ts APPOINTMENT_ACTIONS). */
export const ACTIONS_FROM: Record<AppointmentStatus, ('confirm' | 'done' | 'no-show' | 'cancel')[]> = {
  SCHEDULED: ['confirm', 'done', 'no-show', 'cancel'],
  CONFIRMED: ['done', 'no-show', 'cancel'],
  DONE: [],
  NO_SHOW: [],
  CANCELED: [],
};

export const isOpen = (s: string) => s === 'SCHEDULED' || s === 'CONFIRMED';
