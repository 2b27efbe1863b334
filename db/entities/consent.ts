import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';
import {
  CONSENT_CHANNELS,
  CONSENT_STATUSES,
  type ConsentChannel,
  type ConsentStatus,
} from '../../definitions/consent.js';

export { CONSENT_CHANNELS, CONSENT_STATUSES, type ConsentChannel, type ConsentStatus };

/**
 * The current consent of a contact for one channel (F-6.1): one row per (organisation, contact,
 * channel), plus one per dossier where the choice was made for that dossier only; each new choice
 * replaces the current one and the history is the audit trail (before/after per change).
 */
export const ContactConsent = defineEntity({
  name: 'ContactConsent',
  tableName: 'contact_consent',
  // Partial unique indexes (see the dossier_consent migration): one general choice per channel, and
  // one per dossier where the person decided for that dossier only.
  indexes: [
    {
      name: 'contact_consent_contact_scope_unique',
      expression:
        'create unique index "contact_consent_contact_scope_unique" on "contact_consent" ("org_id", "contact_id", "channel") where "dossier_id" is null',
    },
    {
      name: 'contact_consent_dossier_scope_unique',
      expression:
        'create unique index "contact_consent_dossier_scope_unique" on "contact_consent" ("org_id", "dossier_id", "contact_id", "channel") where "dossier_id" is not null',
    },
  ],
  properties: {
    ...tenantBaseProperties(),
    contactId: p.uuid(),
    /** Null: the person's general choice; set: their choice for messages about this dossier only. */
    dossierId: p.uuid().nullable(),
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
