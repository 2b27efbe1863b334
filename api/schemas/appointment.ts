import { APPOINTMENT_KINDS, APPOINTMENT_STATUSES } from '../../db/entities/appointment.js';

const nullableString = { type: ['string', 'null'] } as const;

/** An appointment or visit as the API returns it (shared: visits are also booked from shortlists). */
export const appointmentSchema = {
  $id: 'Appointment',
  type: 'object',
  required: [
    'id',
    'kind',
    'title',
    'startAt',
    'endAt',
    'place',
    'agentId',
    'contactId',
    'dossierId',
    'annonceId',
    'status',
    'notes',
    'reminderOffsets',
    'canceledReason',
    'workflowId',
    'version',
    'createdAt',
    'updatedAt',
  ],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...APPOINTMENT_KINDS] },
    title: { type: 'string' },
    startAt: { type: 'string', format: 'date-time' },
    endAt: { type: 'string', format: 'date-time' },
    place: nullableString,
    agentId: { type: 'string' },
    contactId: nullableString,
    dossierId: nullableString,
    annonceId: { ...nullableString, description: 'The listing visited' },
    status: { type: 'string', enum: [...APPOINTMENT_STATUSES] },
    notes: nullableString,
    reminderOffsets: { type: 'array', items: { type: 'string' } },
    canceledReason: nullableString,
    workflowId: { type: 'string', description: 'The reminder workflow, visible in the Temporal UI' },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    warnings: {
      type: 'array',
      description:
        'Only in the answers of booking and of the status actions (empty when none): AGENT_BUSY when the agent already has an open appointment overlapping this one',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message', 'appointmentId'],
        properties: {
          code: { type: 'string', enum: ['AGENT_BUSY'] },
          message: { type: 'string', description: 'English, for logs; clients phrase `code`' },
          appointmentId: { type: 'string', description: 'The overlapping appointment' },
        },
      },
    },
  },
} as const;
