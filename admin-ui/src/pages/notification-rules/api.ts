import type { NotificationEvent } from '../../../../definitions/notification-template.js';
import { API_URL } from '../../providers/data-provider';

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

export interface LocalizedTemplate {
  subject?: string;
  body: string;
}

export interface NotificationRule {
  id: string;
  name: string;
  event: string;
  recipients: string[];
  channel: string;
  template: Partial<Record<Lang, LocalizedTemplate>>;
  caseType: string | null;
  statusCode: string | null;
  isActive: boolean;
  version: number;
}

export interface RulesPage {
  data: NotificationRule[];
  total: number;
}

/** Event → the variables its templates may use. */
export type EventVariables = Record<string, string[]>;

export const RULES_URL = `${API_URL}/notification-rules`;
export const RULES_KEY = ['notification-rules'];
export const VARIABLES_URL = `${RULES_URL}/variables`;
