import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { tenantBaseProperties } from './base.js';

/**
 * A stored file (shared by the product: coop statutes, minutes, payment proofs, KYC pieces, listing
 * photos). The bytes live in the document store (local filesystem or S3-compatible storage) under
 * `storageKey`; the sha256 is checked on every read. `ownerType`/`ownerId` name what it belongs to.
 */
export const Document = defineEntity({
  name: 'Document',
  tableName: 'document',
  indexes: [{ properties: ['orgId', 'ownerType', 'ownerId'] }],
  properties: {
    ...tenantBaseProperties(),
    ownerType: p.string().length(32),
    ownerId: p.uuid(),
    kind: p.string().length(32),
    fileName: p.string().length(255),
    mimeType: p.string().length(100),
    sizeBytes: p.bigint('number'),
    sha256: p.string().length(64),
    storage: p.string().length(8),
    storageKey: p.string().length(500),
  },
});
export type IDocument = InferEntity<typeof Document>;
