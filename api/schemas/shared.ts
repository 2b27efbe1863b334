import type { FastifyInstance } from 'fastify';
import { guardFactsSchema } from '../../definitions/guard-facts.schema.js';
import { workflowDefinitionSchema } from '../../definitions/workflow-definition.schema.js';
import { annonceSchema } from '../routes/v1/annonces/schemas.js';
import { appointmentSchema } from './appointment.js';

export { closed } from './closed.js';

/** Shared JSON schemas, registered by `$id` so routes `$ref` them and OpenAPI lists them once. */
/** A user as admins see it (no password hash, no token version). */
export const userPublicSchema = {
  $id: 'UserPublic',
  type: 'object',
  required: ['id', 'email', 'fullName', 'roles', 'isActive', 'version'],
  properties: {
    id: { type: 'string' },
    orgId: { type: 'string' },
    email: { type: 'string' },
    fullName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    isActive: { type: 'boolean' },
    deactivatedAt: { type: ['string', 'null'], format: 'date-time' },
    lastLoginAt: { type: ['string', 'null'], format: 'date-time' },
    mustChangePassword: { type: 'boolean', description: 'Reset by an admin, not yet changed' },
    passwordChangedAt: { type: ['string', 'null'], format: 'date-time' },
    version: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

export const sharedSchemas = [
  {
    $id: 'Problem',
    type: 'object',
    description: 'RFC 9457 problem details',
    required: ['type', 'title', 'status', 'detail'],
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string', description: 'English; clients phrase `code`' },
      code: {
        type: 'string',
        description:
          'Stable code (UPPER_SNAKE): the type’s slug (NOT_FOUND, STALE_VERSION, TRANSITION_BLOCKED…) or a more precise one (PERMISSION_REQUIRED, CONTACT_EMAIL_TAKEN…)',
      },
      params: {
        type: 'object',
        additionalProperties: true,
        description: 'Values the code refers to (permissions, entity, email…)',
      },
      instance: { type: 'string' },
      correlationId: { type: 'string' },
      errors: {
        type: 'array',
        items: {
          type: 'object',
          required: ['field', 'message'],
          properties: {
            field: { type: 'string' },
            message: { type: 'string', description: 'English' },
            code: {
              type: 'string',
              description:
                'Stable reason code (UPPER_SNAKE): the JSON Schema keyword that failed (REQUIRED, MINIMUM, MAX_LENGTH, PATTERN, ENUM…) or a business rule (UNKNOWN_CODE, MORE_THAN_ROOMS, ALREADY_USED…)',
            },
            params: {
              type: 'object',
              additionalProperties: true,
              description: 'Values the code refers to (limit, allowedValues, codes…)',
            },
          },
        },
      },
    },
    additionalProperties: true,
  },
  {
    $id: 'Uuid',
    type: 'string',
    format: 'uuid',
  },
  {
    $id: 'IdParams',
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', format: 'uuid' } },
    additionalProperties: false,
  },
  {
    $id: 'PageQuery',
    type: 'object',
    properties: {
      page: { type: 'integer', minimum: 1, default: 1 },
      pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 25 },
      sort: {
        type: 'string',
        maxLength: 200,
        description: 'Comma-separated fields, `-` prefix for descending',
      },
    },
  },
  userPublicSchema,
  {
    $id: 'UserDirectoryEntry',
    type: 'object',
    description: 'An active user as every CRM reader may see them: no email, no account state',
    required: ['id', 'fullName', 'roles'],
    additionalProperties: false,
    properties: {
      id: { type: 'string', format: 'uuid' },
      fullName: { type: 'string' },
      roles: { type: 'array', items: { type: 'string' } },
    },
  },
  {
    $id: 'Role',
    type: 'object',
    required: ['id', 'code', 'name', 'permissions', 'version'],
    properties: {
      id: { type: 'string' },
      code: { type: 'string' },
      name: { type: 'string' },
      permissions: { type: 'array', items: { type: 'string' } },
      isSystem: { type: 'boolean' },
      version: { type: 'integer' },
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  },
  {
    $id: 'AuditEvent',
    type: 'object',
    required: ['id', 'entityType', 'entityId', 'action', 'actorId', 'actorName', 'actorType', 'createdAt'],
    properties: {
      id: { type: 'string' },
      /** Null until the row is sealed into the chain (within about a second of its commit). */
      seq: { type: ['integer', 'null'] },
      entityType: { type: 'string' },
      entityId: { type: 'string' },
      action: { type: 'string' },
      actorId: { type: ['string', 'null'] },
      /** The acting user's name (null for the system or a deleted user). */
      actorName: { type: ['string', 'null'] },
      actorType: { type: 'string' },
      beforeJson: { type: ['object', 'null'], additionalProperties: true },
      afterJson: { type: ['object', 'null'], additionalProperties: true },
      diffJson: { type: ['object', 'null'], additionalProperties: true },
      correlationId: { type: ['string', 'null'] },
      createdAt: { type: 'string', format: 'date-time' },
      hash: { type: ['string', 'null'] },
      prevHash: { type: ['string', 'null'] },
    },
  },
] as const;

/** A definitions/ JSON Schema under a short `$id`, so the API docs list it as a component. */
function asComponent(id: string, schema: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _draft, $id: _url, ...rest } = schema;
  return { ...rest, $id: id };
}

export function registerSharedSchemas(app: FastifyInstance): void {
  for (const schema of sharedSchemas) app.addSchema(schema);
  // Read by several route plugins (listings in matches and shortlists, visits booked from a shortlist).
  app.addSchema(annonceSchema);
  app.addSchema(appointmentSchema);
  // Documented for managers and integrators: what a definition is, and what its guards can read.
  app.addSchema(asComponent('GuardFacts', guardFactsSchema as unknown as Record<string, unknown>));
  app.addSchema(
    asComponent('WorkflowDefinitionBody', workflowDefinitionSchema as unknown as Record<string, unknown>),
  );
}

/** Standard error responses for a route, all problem+json. */
export function errorResponses(...codes: number[]): Record<number, { $ref: string }> {
  return Object.fromEntries(codes.map((c) => [c, { $ref: 'Problem#' }]));
}

export function pageOf(itemRef: string) {
  return {
    type: 'object',
    required: ['data', 'total'],
    properties: { data: { type: 'array', items: { $ref: `${itemRef}#` } }, total: { type: 'integer' } },
  } as const;
}

/** The user a user action answers, with what the action adds (`temporaryPassword`, `reassigned`…). */
export function userWith<P extends Record<string, object>>(
  extra: P,
  required: readonly (keyof P & string)[] = [],
) {
  return {
    type: 'object',
    required: [...userPublicSchema.required, ...required],
    properties: { ...userPublicSchema.properties, ...extra },
  } as const;
}
