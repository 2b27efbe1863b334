import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  DOCUMENT_KINDS,
  DocumentIntegrityError,
  DocumentRejectedError,
  documentView,
  readDocumentBytes,
  storeDocument,
  type DocumentKind,
} from '../../../db/documents.js';
import { Document, type IDocument } from '../../../db/entities/index.js';
import type { Em } from '../../../db/orm.js';
import { openapiTransform } from '../../openapi.js';
import { attachmentDisposition } from '../../lib/attachment.js';
import { HttpProblem, problems } from '../../problem.js';
import { closed, errorResponses } from '../../schemas/shared.js';
import {
  DOCUMENT_OWNERS,
  DOCUMENT_OWNER_TYPES,
  DOCUMENT_PERMISSIONS,
} from '../../../services/platform/document-access.js';

const tags = ['documents'];
/**
 * The upload's multipart fields, for the OpenAPI document only: the handler reads the parts as a
 * stream (request.parts()), so there is no parsed body for Fastify to validate against it.
 */
const uploadBodyForDocs = {
  type: 'object',
  required: ['ownerType', 'ownerId', 'kind', 'file'],
  properties: {
    ownerType: { type: 'string', enum: DOCUMENT_OWNER_TYPES },
    ownerId: { type: 'string', format: 'uuid' },
    kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
    file: { type: 'string', format: 'binary', description: 'PDF, JPEG, PNG or WebP' },
  },
};
export const documentSchema = closed({
  $id: 'Document',
  type: 'object',
  properties: {
    id: { type: 'string' },
    ownerType: { type: 'string' },
    ownerId: { type: 'string' },
    kind: { type: 'string', enum: [...DOCUMENT_KINDS] },
    fileName: { type: 'string' },
    mimeType: { type: 'string', description: 'detected from the content (magic bytes)' },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string', description: 'checked on every download' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: ['string', 'null'] },
  },
} as const);

/** A readable document of this organisation, or 404 (also when the caller may not see it). */
export async function readableDocument(em: Em, request: FastifyRequest, id: string): Promise<IDocument> {
  const doc = await em.findOne(Document, { id });
  const policy = doc ? DOCUMENT_OWNERS[doc.ownerType] : undefined;
  if (!doc || !policy || !(await policy.canRead(em, request, doc.ownerId)))
    throw problems.notFound('Document');
  return doc;
}

function rejected(err: DocumentRejectedError): never {
  if (err.reason === 'TOO_LARGE')
    throw new HttpProblem(413, 'document-too-large', 'Document too large', err.message);
  if (err.reason === 'TYPE_NOT_ALLOWED')
    throw new HttpProblem(415, 'document-type-not-allowed', 'Unsupported document type', err.message);
  throw problems.validation([{ field: 'file', message: err.message }]);
}

/**
 * Documents shared by the product (F-10.1 statutes and minutes, payment proofs, KYC pieces; listing
 * photos later): multipart upload with size and type limits (type sniffed from the bytes), metadata,
 * and download with the sha256 checked before a byte is served.
 */
export default async function documentRoutes(app: FastifyInstance) {
  await app.register(multipart, {
    limits: { fileSize: app.env.DOCUMENTS_MAX_BYTES, files: 1, fields: 10, fieldSize: 1000 },
  });

  app.post(
    '/documents',
    {
      config: {
        permission: DOCUMENT_PERMISSIONS,
        swaggerTransform: (input: Parameters<typeof openapiTransform>[0]) =>
          openapiTransform({ ...input, schema: { ...input.schema, body: uploadBodyForDocs } }),
      },
      schema: {
        tags,
        summary: 'Upload a document (multipart/form-data: fields ownerType, ownerId, kind, then the file)',
        description: `ownerType: ${DOCUMENT_OWNER_TYPES.join(', ')}. Accepted: PDF, JPEG, PNG, WebP (detected from the content), at most DOCUMENTS_MAX_BYTES.`,
        consumes: ['multipart/form-data'],
        response: { 201: { $ref: 'Document#' }, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw problems.validation([{ field: 'file', message: 'send multipart/form-data' }]);
      const fields: Record<string, string> = {};
      let file: { fileName: string; bytes: Buffer } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            const bytes = await part.toBuffer();
            file = { fileName: part.filename, bytes };
          } else fields[part.fieldname] = String(part.value);
        }
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          throw new HttpProblem(
            413,
            'document-too-large',
            'Document too large',
            `The file is larger than ${app.env.DOCUMENTS_MAX_BYTES} bytes.`,
          );
        // Whatever else goes wrong while reading the parts is the body's fault: no boundary, a
        // truncated form, too many files or fields, an oversized field.
        throw problems.validation([
          { field: 'file', code: 'MULTIPART_INVALID', message: (err as Error).message },
        ]);
      }
      const errors = [];
      if (!fields.ownerType || !DOCUMENT_OWNERS[fields.ownerType])
        errors.push({ field: 'ownerType', message: `must be one of: ${DOCUMENT_OWNER_TYPES.join(', ')}` });
      if (!fields.ownerId || !/^[0-9a-f-]{36}$/i.test(fields.ownerId))
        errors.push({ field: 'ownerId', message: 'must be a uuid' });
      if (!fields.kind || !(DOCUMENT_KINDS as readonly string[]).includes(fields.kind))
        errors.push({ field: 'kind', message: `must be one of: ${DOCUMENT_KINDS.join(', ')}` });
      if (!file) errors.push({ field: 'file', message: 'is required' });
      if (errors.length) throw problems.validation(errors);
      const policy = DOCUMENT_OWNERS[fields.ownerType!]!;
      const ctx = { ...request.tenant(), userId: request.principal!.userId };
      const doc = await request.tx(async (em) => {
        if (!(await policy.canRead(em, request, fields.ownerId!))) throw problems.notFound(fields.ownerType!);
        if (!(await policy.canUpload(em, request, fields.ownerId!)))
          throw problems.forbidden(`You may not add documents to this ${fields.ownerType}.`);
        try {
          return documentView(
            await storeDocument(
              em,
              app.documents,
              ctx,
              {
                ownerType: fields.ownerType!,
                ownerId: fields.ownerId!,
                kind: fields.kind as DocumentKind,
                fileName: file!.fileName,
                bytes: file!.bytes,
              },
              app.env.DOCUMENTS_MAX_BYTES,
            ),
          );
        } catch (err) {
          if (err instanceof DocumentRejectedError) rejected(err);
          throw err;
        }
      });
      return reply.code(201).send(doc);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/documents/:id',
    {
      config: { permission: DOCUMENT_PERMISSIONS },
      schema: {
        tags,
        summary: 'Document metadata',
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Document#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => documentView(await readableDocument(em, request, request.params.id))),
  );

  app.get<{ Params: { id: string } }>(
    '/documents/:id/content',
    {
      config: { permission: DOCUMENT_PERMISSIONS },
      schema: {
        tags,
        summary: 'Download: the bytes, served only when they match the recorded sha256',
        params: { $ref: 'IdParams#' },
        produces: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'],
        response: { ...errorResponses(401, 403, 404, 500) },
      },
    },
    async (request, reply) => {
      const doc = await request.tx((em) => readableDocument(em, request, request.params.id));
      let bytes: Buffer;
      try {
        bytes = await readDocumentBytes(app.documents, doc);
      } catch (err) {
        if (err instanceof DocumentIntegrityError) {
          request.log.error({ documentId: doc.id }, err.message);
          throw new HttpProblem(500, 'document-integrity-error', 'Document corrupted', err.message);
        }
        throw err;
      }
      return reply
        .header('content-type', doc.mimeType)
        .header('content-length', String(bytes.length))
        .header('content-disposition', attachmentDisposition(doc.fileName))
        .header('etag', `"${doc.sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(bytes);
    },
  );
}
