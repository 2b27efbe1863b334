import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/** A contact's part in a dossier (buyer, seller, guarantor… from PARTY_ROLE); guard facts read them. */
export const DossierParty = defineEntity({
  name: 'DossierParty',
  tableName: 'dossier_party',
  uniques: [{ properties: ['dossierId', 'contactId', 'role'] }],
  indexes: [{ properties: ['orgId', 'contactId'] }],
  properties: {
    ...tenantBaseProperties(),
    dossierId: p.uuid(),
    contactId: p.uuid(),
    role: p.string().length(64),
  },
});
export type IDossierParty = InferEntity<typeof DossierParty>;
