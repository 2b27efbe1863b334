import { randomUUID } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { sanitiseFileName } from '../definitions/file-names.js';
import { recordAudit } from './audit.js';
import { sha256Hex, type DocumentStore } from './document-store.js';
import { Document, type IDocument } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

/** What may be uploaded, recognised by content (magic bytes), never by the name or the declared type. */
export const ALLOWED_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;

export const DOCUMENT_KINDS = [
  'STATUTES',
  'PV',
  'PAYMENT_PROOF',
  'KYC_PIECE',
  'CONTRACT',
  'PHOTO',
  'OTHER',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export class DocumentRejectedError extends Error {
  override name = 'DocumentRejectedError';
  constructor(
    readonly reason: 'EMPTY' | 'TOO_LARGE' | 'TYPE_NOT_ALLOWED',
    message: string,
  ) {
    super(message);
  }
}

/** The stored bytes do not match their sha256: never served. */
export class DocumentIntegrityError extends Error {
  override name = 'DocumentIntegrityError';
  constructor(readonly documentId: string) {
    super(`Document ${documentId} does not match its recorded sha256; it is not served.`);
  }
}

export function documentView(d: IDocument) {
  return {
    id: d.id,
    ownerType: d.ownerType,
    ownerId: d.ownerId,
    kind: d.kind,
    fileName: d.fileName,
    mimeType: d.mimeType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    createdAt: d.createdAt.toISOString(),
    createdBy: d.createdBy ?? null,
  };
}
export type DocumentView = ReturnType<typeof documentView>;

/** The MIME type the content really has, when it is one we accept. */
export async function sniffAllowedType(bytes: Buffer): Promise<string> {
  const type = await fileTypeFromBuffer(bytes);
  if (!type || !(ALLOWED_MIME_TYPES as readonly string[]).includes(type.mime))
    throw new DocumentRejectedError(
      'TYPE_NOT_ALLOWED',
      `Only ${ALLOWED_MIME_TYPES.join(', ')} are accepted; this file is ${type?.mime ?? 'of an unknown type'}.`,
    );
  return type.mime;
}

export interface NewDocument {
  ownerType: string;
  ownerId: string;
  kind: DocumentKind;
  fileName: string;
  bytes: Buffer;
}

/**
 * Checks (size, type by magic bytes), writes the bytes to the store, then records the document and
 * its audit event in the caller's transaction. Bytes whose transaction rolls back stay unreferenced.
 */
export async function storeDocument(
  em: Em,
  store: DocumentStore,
  ctx: TenantContext,
  input: NewDocument,
  maxBytes: number,
): Promise<IDocument> {
  if (!input.bytes.length) throw new DocumentRejectedError('EMPTY', 'The file is empty.');
  if (input.bytes.length > maxBytes)
    throw new DocumentRejectedError('TOO_LARGE', `The file is larger than ${maxBytes} bytes.`);
  const mimeType = await sniffAllowedType(input.bytes);
  const id = randomUUID();
  const storageKey = `${ctx.orgId}/${input.ownerType}/${id}`;
  await store.put(storageKey, input.bytes, mimeType);
  const doc = em.create(Document, {
    id,
    orgId: ctx.orgId,
    ownerType: input.ownerType,
    ownerId: input.ownerId,
    kind: input.kind,
    fileName: sanitiseFileName(input.fileName),
    mimeType,
    sizeBytes: input.bytes.length,
    sha256: sha256Hex(input.bytes),
    storage: store.kind,
    storageKey,
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  await recordAudit(em, ctx, {
    entityType: 'Document',
    entityId: doc.id,
    action: 'UPLOAD',
    after: documentView(doc),
  });
  return doc;
}

/** The document's bytes, after checking them against the recorded sha256 (and size). */
export async function readDocumentBytes(store: DocumentStore, doc: IDocument): Promise<Buffer> {
  const bytes = await store.get(doc.storageKey);
  if (bytes.length !== doc.sizeBytes || sha256Hex(bytes) !== doc.sha256)
    throw new DocumentIntegrityError(doc.id);
  return bytes;
}
