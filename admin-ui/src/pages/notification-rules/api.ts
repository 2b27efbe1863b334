import type { NotificationEvent } from '../../../../definitions/notification-template.js';
import type { RequestBody, Schemas, Sent } from '../../api/client';

/** The events the rule form offers (a subset of definitions' NOTIFICATION_EVENTS, checked by the type). */
export const EVENTS = [
  'NEW_LEAD',
  'LEAD_ASSIGNED',
  'APPOINTMENT_BOOKED',
  'APPOINTMENT_CHANGED',
  'STATUS_CHANGED',
] as const satisfies readonly NotificationEvent[];
export {
  NOTIFICATION_RECIPIENTS as RECIPIENTS,
  NOTIFICATION_CHANNELS as CHANNELS,
} from '../../../../definitions/notification-template.js';
export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];

type RuleBody = RequestBody<'/api/v1/notification-rules/{id}', 'put'>;
export type LocalizedTemplate = NonNullable<RuleBody['template'][Lang]>;

/** A rule as sent, its event, recipients, channel and template typed as the API accepts them on write. */
export type NotificationRule = Omit<
  Sent<Schemas['NotificationRule']>,
  'event' | 'recipients' | 'channel' | 'template'
> &
  Pick<RuleBody, 'event' | 'recipients' | 'channel' | 'template'>;
/** Rules as sent (the API checks those fields on write, so they hold the shapes it accepts). */
export const rulesOf = (rows: Sent<Schemas['NotificationRule']>[]) => rows as unknown as NotificationRule[];

export const RULES_KEY = ['notification-rules'];
