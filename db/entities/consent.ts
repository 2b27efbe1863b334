import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const CONSENT_STATUSES = ['OPT_IN', 'OPT_OUT'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/**
 * The current consent of a contact for one channel (F-6.1): one row per (organisation, contact,
 * channel), replaced by each new choice; the history is the audit trail (before/after per change).
 */
export const ContactConsent = defineEntity({
  name: 'ContactConsent',
  tableName: 'contact_consent',
  uniques: [{ properties: ['orgId', 'contactId', 'channel'] }],
  properties: {
    ...tenantBaseProperties(),
    contactId: p.uuid(),
    channel: p.string().length(16),
    status: p.string().length(16),
    /** Where the choice was made: FORM, PHONE_CALL, INBOUND_STOP, IMPORT… */
    source: p.string().length(64),
    proof: p.text().nullable(),
    comment: p.text().nullable(),
    /** Who recorded it: a user, or null for the system (inbound STOP). */
    actorId: p.uuid().nullable(),
    decidedAt: p.datetime(),
  },
});
export type IContactConsent = InferEntity<typeof ContactConsent>;
