import { ACTIVITY_DIRECTIONS, MESSAGE_CHANNELS, MESSAGE_DIRECTIONS } from '../../db/activities.js';
import { cursorQueryProperties } from './activity-cursor.js';
import { closed } from '../schemas/shared.js';

const nullableString = (maxLength?: number) =>
  maxLength ? { type: ['string', 'null'], maxLength } : { type: ['string', 'null'] };
const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
const nullableDate = { type: ['string', 'null'], format: 'date-time' } as const;
const code = { type: 'string', minLength: 1, maxLength: 32, pattern: '^[A-Z][A-Z0-9_]*$' } as const;

export const activitySchema = closed(
  {
    $id: 'Activity',
    type: 'object',
    properties: {
      id: { type: 'string' },
      type: { type: 'string' },
      direction: { type: 'string' },
      subject: nullableString(),
      content: nullableString(),
      outcome: nullableString(),
      occurredAt: { type: 'string', format: 'date-time' },
      authorId: { type: 'string' },
      assigneeId: nullableString(),
      contactId: nullableString(),
      dossierId: nullableString(),
      dueAt: nullableDate,
      correctsId: nullableString(),
      correctedById: nullableString(),
      completedAt: nullableDate,
      completedBy: nullableString(),
      completionOutcome: nullableString(),
      completionNote: nullableString(),
      open: { type: 'boolean', description: 'Has a due date, is not completed and was not corrected' },
      nextActionId: { type: 'string', description: 'Create only: the follow-up task logged with it' },
      overdue: { type: 'boolean', description: 'Open and due before now' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  } as const,
  ['nextActionId'],
);

export const createActivityBody = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { ...code, description: 'ACTIVITY_TYPE dictionary code (CALL, EMAIL, …, TASK, FOLLOW_UP)' },
    direction: { type: 'string', enum: [...ACTIVITY_DIRECTIONS], default: 'INTERNAL' },
    subject: nullableString(300),
    content: nullableString(20000),
    outcome: { ...code, type: ['string', 'null'], maxLength: 64 },
    occurredAt: { type: 'string', format: 'date-time' },
    contactId: nullableUuid,
    dossierId: nullableUuid,
    dueAt: { ...nullableDate, description: 'Due date; required for TASK and FOLLOW_UP' },
    assigneeId: {
      ...nullableUuid,
      description: 'Reminded when overdue (default: dossier agent, else author)',
    },
    correctsId: { ...nullableUuid, description: 'The activity this one corrects' },
    nextAction: {
      type: 'object',
      additionalProperties: false,
      required: ['dueAt'],
      description:
        'A next action logged with this activity: a FOLLOW_UP (or TASK) on the same dossier/contact',
      properties: {
        dueAt: { type: 'string', format: 'date-time' },
        type: { type: 'string', enum: ['FOLLOW_UP', 'TASK'], default: 'FOLLOW_UP' },
        subject: nullableString(300),
        assigneeId: nullableUuid,
      },
    },
  },
} as const;

export const completeActivityBody = {
  type: ['object', 'null'],
  additionalProperties: false,
  properties: {
    outcome: { ...code, type: ['string', 'null'], maxLength: 64 },
    note: nullableString(20000),
    completedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const csvOrArray = { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 20 } as const;

export const listActivitiesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...cursorQueryProperties,
    page: { type: 'integer', minimum: 1, maximum: 100000, default: 1 },
    type: csvOrArray,
    dossierId: { type: 'string', format: 'uuid' },
    contactId: { type: 'string', format: 'uuid' },
    authorId: { type: 'string', format: 'uuid' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
    overdue: { type: 'boolean' },
    open: { type: 'boolean', description: 'Only open tasks / next actions' },
  },
} as const;

export const messageSchema = closed({
  $id: 'Message',
  type: 'object',
  properties: {
    id: { type: 'string' },
    dossierId: nullableString(),
    contactId: nullableString(),
    direction: { type: 'string' },
    channel: { type: 'string' },
    content: { type: 'string' },
    timestamp: { type: 'string', format: 'date-time' },
    deliveryStatus: { type: 'string' },
    deliveryStatusAt: nullableDate,
    providerId: nullableString(),
    toAddress: nullableString(),
    subject: nullableString(),
    failureReason: {
      ...nullableString(),
      description: "The provider's (or the consent gate's) reason of a FAILED send",
    },
    attempts: { type: 'integer' },
    authorId: nullableString(),
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const);

export const DELIVERY_STATUSES = [
  'PENDING',
  'SENDING',
  'SENT',
  'DELIVERED',
  'READ',
  'FAILED',
  'RECEIVED',
] as const;

export const createMessageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['channel', 'content'],
  properties: {
    send: {
      type: 'boolean',
      default: false,
      description:
        'true: deliver it through the channel (EMAIL over SMTP, SMS, WhatsApp) — consent checked now and again at send time; answers 202 with the message PENDING. false: only record a message exchanged elsewhere.',
    },
    subject: { ...nullableString(300), description: 'Email subject (required to send an email)' },
    template: {
      type: ['object', 'null'],
      additionalProperties: false,
      required: ['name', 'language'],
      description: 'An approved WhatsApp template (required outside the 24-hour window)',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 512 },
        language: { type: 'string', minLength: 2, maxLength: 15 },
        parameters: { type: 'array', items: { type: 'string', maxLength: 1024 }, maxItems: 20 },
      },
    },
    direction: { type: 'string', enum: [...MESSAGE_DIRECTIONS], description: 'Required when recording' },
    channel: { type: 'string', enum: [...MESSAGE_CHANNELS] },
    content: { type: 'string', minLength: 1, maxLength: 20000 },
    timestamp: { type: 'string', format: 'date-time' },
    contactId: nullableUuid,
    deliveryStatus: { type: 'string', enum: [...DELIVERY_STATUSES] },
    providerId: nullableString(200),
  },
} as const;

export const listMessagesQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...cursorQueryProperties,
    channel: { type: 'string', enum: [...MESSAGE_CHANNELS] },
    direction: { type: 'string', enum: [...MESSAGE_DIRECTIONS] },
  },
} as const;

export const timelineQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...cursorQueryProperties,
    kind: csvOrArray,
    channel: csvOrArray,
    direction: csvOrArray,
    authorId: { type: 'string', format: 'uuid' },
    from: { type: 'string', format: 'date-time' },
    to: { type: 'string', format: 'date-time' },
  },
} as const;

/** The dossier timeline also takes the page number its callers used before the cursor. */
export const dossierTimelineQuery = {
  ...timelineQuery,
  properties: {
    ...timelineQuery.properties,
    page: {
      type: 'integer',
      minimum: 1,
      maximum: 100000,
      deprecated: true,
      description: 'Deprecated: follow `nextCursor` instead. Page number, without `cursor`',
    },
  },
} as const;

export const timelineEventSchema = closed({
  type: 'object',
  properties: {
    id: { type: 'string' },
    dossierId: nullableString(),
    contactId: nullableString(),
    kind: { type: 'string' },
    channel: nullableString(),
    direction: nullableString(),
    authorId: nullableString(),
    title: { type: 'string', description: 'English sentence, for API users; clients phrase `code`.' },
    code: {
      type: 'string',
      description:
        'Stable event code (DOSSIER_CREATED, STATUS_CHANGED, VISIT_BOOKED, SHORTLIST_ADDED, MATCHING_RAN, …)',
    },
    params: {
      type: 'object',
      description: 'The parameters of `code` (status codes, references, counts, ISO dates)',
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    },
    body: nullableString(),
    payload: { type: ['object', 'null'], additionalProperties: true },
    occurredAt: { type: 'string', format: 'date-time' },
  },
} as const);

/** `{ data, total, nextCursor }`: pass `nextCursor` back as `?cursor=` for the next page. */
export function cursorPageOf(items: object) {
  return {
    type: 'object',
    required: ['data', 'total', 'nextCursor'],
    properties: {
      data: { type: 'array', items },
      total: { type: 'integer' },
      nextCursor: { type: ['string', 'null'] },
    },
  } as const;
}
