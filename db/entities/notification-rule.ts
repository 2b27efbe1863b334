import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { NotificationTemplate } from '../../definitions/notification-template.js';
import { tenantBaseProperties } from './base.js';

/** A tenant's rule (F-7.3): when `event` happens, tell `recipients` on `channel` with `template`. */
export const NotificationRule = defineEntity({
  name: 'NotificationRule',
  tableName: 'notification_rule',
  indexes: [{ properties: ['orgId', 'event'] }],
  properties: {
    ...tenantBaseProperties(),
    name: p.string().length(200),
    event: p.string().length(32),
    recipients: p.array(),
    channel: p.string().length(16),
    template: p.json<NotificationTemplate>(),
    /** Only dossiers of this case type (STATUS_CHANGED), and only entering this status; null = any. */
    caseType: p.string().length(64).nullable(),
    statusCode: p.string().length(64).nullable(),
    isActive: p.boolean().default(true),
  },
});
export type INotificationRule = InferEntity<typeof NotificationRule>;
