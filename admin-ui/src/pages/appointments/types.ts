import type { Schemas, Sent } from '../../api/client';
import type { AppointmentStatus } from '../../../../definitions/appointment.js';

export { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../../definitions/appointment.js';

type SentAppointment = Sent<Schemas['Appointment']>;
/** An appointment as the API sends it on a read (only booking and the actions add warnings). */
export type Appointment = Omit<SentAppointment, 'warnings'>;
export type AppointmentWarning = SentAppointment['warnings'][number];
/** What booking and the status actions answer: the appointment itself, with its warnings. */
export type WithWarnings = SentAppointment;

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
