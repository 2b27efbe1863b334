/** Appointments and visits (F-7.1): their kinds and statuses, as the API takes and sends them. */
export const APPOINTMENT_KINDS = ['RDV', 'VISITE'] as const;
export const APPOINTMENT_STATUSES = ['SCHEDULED', 'CONFIRMED', 'DONE', 'NO_SHOW', 'CANCELED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
