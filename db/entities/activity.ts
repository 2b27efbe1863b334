import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/**
 * A logged interaction or task (F-5.1). Immutable: no version/updatedAt, and the database refuses
 * UPDATE/DELETE (trigger + revoked privileges); a correction is a new row pointing at `correctsId`.
 */
export const Activity = defineEntity({
  name: 'Activity',
  tableName: 'activity',
  indexes: [
    { properties: ['orgId', 'dossierId', 'occurredAt'] },
    { properties: ['orgId', 'contactId', 'occurredAt'] },
    { properties: ['orgId', 'authorId', 'occurredAt'] },
    { properties: ['orgId', 'occurredAt'] },
    { properties: ['correctsId'] },
    {
      name: 'activity_open_due_index',
      expression:
        'create index "activity_open_due_index" on "activity" ("org_id", "due_at") where "due_at" is not null',
    },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    type: p.string().length(32),
    direction: p.string().length(16),
    subject: p.string().length(300).nullable(),
    content: p.text().nullable(),
    outcome: p.string().length(64).nullable(),
    occurredAt: p.datetime(),
    authorId: p.uuid(),
    /** Who is reminded of an overdue task; null = the dossier's agent, else the author. */
    assigneeId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    dossierId: p.uuid().nullable(),
    /** Due date of a task / next action; open until an ActivityCompletion exists. */
    dueAt: p.datetime().nullable(),
    correctsId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IActivity = InferEntity<typeof Activity>;

/** Completion of a task: its own append-only row, so the task stays untouched and completes once. */
export const ActivityCompletion = defineEntity({
  name: 'ActivityCompletion',
  tableName: 'activity_completion',
  uniques: [{ properties: ['orgId', 'activityId'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    activityId: p.uuid(),
    completedBy: p.uuid(),
    completedAt: p.datetime(),
    outcome: p.string().length(64).nullable(),
    note: p.text().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type IActivityCompletion = InferEntity<typeof ActivityCompletion>;

/** One row per overdue task and day reminded: what makes the daily reminder job idempotent. */
export const ActivityReminder = defineEntity({
  name: 'ActivityReminder',
  tableName: 'activity_reminder',
  properties: {
    orgId: p.uuid().primary(),
    activityId: p.uuid().primary(),
    remindOn: p.date().primary(),
    recipientId: p.uuid(),
    notificationId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  primaryKeys: ['orgId', 'activityId', 'remindOn'],
});
export type IActivityReminder = InferEntity<typeof ActivityReminder>;

/** A message exchanged on a dossier (F-5.2); only its delivery status may change after insert. */
export const Message = defineEntity({
  name: 'Message',
  tableName: 'message',
  indexes: [
    {
      name: 'message_org_dossier_timestamp_index',
      expression:
        'create index "message_org_dossier_timestamp_index" on "message" ("org_id", "dossier_id", "timestamp" desc)',
    },
    { properties: ['orgId', 'channel', 'timestamp'] },
  ],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    /** Null for a message to a contact outside any dossier. */
    dossierId: p.uuid().nullable(),
    contactId: p.uuid().nullable(),
    direction: p.string().length(16),
    channel: p.string().length(16),
    content: p.text(),
    timestamp: p.datetime(),
    deliveryStatus: p.string().length(32),
    deliveryStatusAt: p.datetime().nullable(),
    providerId: p.string().length(200).nullable(),
    /** Sent messages: where to (email or E.164), the email subject, the WhatsApp template. */
    toAddress: p.string().length(320).nullable(),
    subject: p.string().length(300).nullable(),
    template: p.json<{ name: string; language: string; parameters: string[] }>().nullable(),
    failureReason: p.text().nullable(),
    attempts: p.integer().default(0),
    /** Automatic sends (reminders) are stored once per key: a retried activity finds its message. */
    dedupeKey: p.string().length(200).nullable(),
    authorId: p.uuid().nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
export type IMessage = InferEntity<typeof Message>;

/**
 * The transactional outbox of outbound messages: written in the request's transaction with the
 * message; the delivery workflow clears it. A sweep restarts deliveries whose start was lost.
 */
export const MessageOutbox = defineEntity({
  name: 'MessageOutbox',
  tableName: 'message_outbox',
  properties: {
    messageId: p.uuid().primary(),
    orgId: p.uuid(),
    createdAt: p.datetime().onCreate(() => new Date()),
    dispatchedAt: p.datetime().nullable(),
  },
});
export type IMessageOutbox = InferEntity<typeof MessageOutbox>;
