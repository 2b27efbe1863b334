import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

import {
  APPOINTMENT_KINDS,
  APPOINTMENT_STATUSES,
  type AppointmentStatus,
} from '../../definitions/appointment.js';

export { APPOINTMENT_KINDS, APPOINTMENT_STATUSES, type AppointmentStatus };

/** A meeting or a visit (F-7.1); its reminders run in its own workflow (`appointment-<id>`). */
export const Appointment = defineEntity({
  name: 'Appointment',
  tableName: 'appointment',
  indexes: [
    { properties: ['orgId', 'agentId', 'startAt'] },
    { properties: ['orgId', 'startAt'] },
    { properties: ['orgId', 'dossierId'] },
    { properties: ['orgId', 'contactId'] },
    { properties: ['orgId', 'annonceId'] },
  ],
  properties: {
    ...tenantBaseProperties(),
    kind: p.string().length(16),
    title: p.string().length(300),
    startAt: p.datetime(),
    endAt: p.datetime(),
    place: p.string().length(500).nullable(),
    agentId: p.uuid(),
    contactId: p.uuid().nullable(),
    dossierId: p.uuid().nullable(),
    /** The listing visited (VISITE booked from a shortlist). */
    annonceId: p.uuid().nullable(),
    status: p.string().length(16),
    notes: p.text().nullable(),
    /** ISO 8601 durations before the start (PT24H, PT1H…), fixed when booked from the org's setting. */
    reminderOffsets: p.array().default([]),
    canceledReason: p.text().nullable(),
    workflowId: p.string().length(200),
  },
});
export type IAppointment = InferEntity<typeof Appointment>;
