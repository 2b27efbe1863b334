import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** In-app notification for a user (channel delivery by email/SMS comes through the outbox). */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [{ properties: ['orgId', 'recipientId', 'createdAt'] }],
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    orgId: p.uuid(),
    recipientId: p.uuid(),
    kind: p.string().length(64),
    title: p.string(),
    body: p.text().nullable(),
    entityType: p.string().length(64).nullable(),
    entityId: p.string().length(128).nullable(),
    readAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
export type INotification = InferEntity<typeof Notification>;
