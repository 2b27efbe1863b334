import type { FastifyInstance } from 'fastify';
import { assignmentView, roleView } from '../../../../db/contacts.js';
import { contactView } from '../../../../db/contacts.js';
import type { ContactRoleCode } from '../../../../db/entities/contact.js';
import { ContactAssignment, ContactRole } from '../../../../db/entities/index.js';
import { idempotencyKeyOf, remember, replay, requestHash } from '../../../lib/idempotency.js';
import { errorResponses } from '../../../schemas/shared.js';
import type { ContactFields } from '../../../../services/crm/contact-fields.js';
import {
  archiveContact,
  convertContact,
  createContact,
  deleteContact,
  loadContact,
  updateContact,
  type NewContact,
} from '../../../../services/crm/contact-lifecycle.js';
import { mergeContacts, planMerge } from '../../../../services/crm/contact-merge.js';
import { addRole, endRole, type RoleInput } from '../../../../services/crm/contact-roles.js';
import consentRoutes from './consents.js';
import privacyRoutes from './privacy.js';
import { listContacts } from './queries.js';
import {
  addRoleBody,
  contactDetailSchema,
  contactRoleSchema,
  contactSchema,
  convertBody,
  createContactBody,
  endRoleBody,
  listContactsQuery,
  mergeBody,
  patchContactBody,
  versionOnlyBody,
  type ListContactsQuery,
} from './schemas.js';

const tags = ['contacts'];
const contactRef = { $ref: 'Contact#' } as const;
const idParams = { $ref: 'IdParams#' } as const;

export default async function contactRoutes(app: FastifyInstance) {
  app.addSchema(contactSchema);
  app.addSchema(contactRoleSchema);
  await app.register(consentRoutes);
  await app.register(privacyRoutes);

  app.get<{ Querystring: ListContactsQuery }>(
    '/contacts',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary: 'List, filter, search (full-text on names, email, phone) and sort contacts',
        querystring: listContactsQuery,
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: { data: { type: 'array', items: contactRef }, total: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => request.tx((em) => listContacts(em, request.tenant().orgId, request.query)),
  );

  app.post<{ Body: NewContact }>(
    '/contacts',
    {
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        summary: 'Create a contact (a lead); a duplicate email answers 409 with existingId',
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: createContactBody,
        response: { 201: contactRef, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const ctx = request.tenant();
      const hash = requestHash(request.body);
      const scope = 'POST /contacts';
      const answer = await request.tx(async (em) => {
        const stored = key ? await replay(em, scope, key, hash) : undefined;
        if (stored) return stored;
        const created = { statusCode: 201, body: await createContact(em, ctx, request.body) };
        if (key) remember(em, ctx.orgId, scope, key, hash, created);
        await em.flush();
        return created;
      });
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.post<{ Body: { survivorId: string; duplicateId: string; dryRun: boolean } }>(
    '/contacts/merge',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Merge a duplicate into a survivor (dryRun previews what moves)',
        body: mergeBody,
        response: { ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { survivorId, duplicateId, dryRun } = request.body;
      return request.tx(async (em) => {
        if (dryRun) {
          const { plan } = await planMerge(em, ctx.orgId, survivorId, duplicateId);
          return { dryRun: true, ...plan };
        }
        const merged = await mergeContacts(em, ctx, survivorId, duplicateId);
        return { dryRun: false, ...merged.plan, survivor: merged.survivor, duplicate: merged.duplicate };
      });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/contacts/:id',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary: 'A contact with its roles (current and past) and assignment history',
        params: idParams,
        response: { 200: contactDetailSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        const contact = await loadContact(em, request.params.id);
        const roles = await em.find(
          ContactRole,
          { contactId: contact.id },
          { orderBy: { startDate: 'asc', createdAt: 'asc' } },
        );
        const assignments = await em.find(
          ContactAssignment,
          { contactId: contact.id },
          { orderBy: { at: 'asc', id: 'asc' } },
        );
        return {
          ...contactView(contact),
          roles: roles.map((r) => roleView(r)),
          assignments: assignments.map(assignmentView),
        };
      }),
  );

  app.patch<{ Params: { id: string }; Body: ContactFields & { version: number } }>(
    '/contacts/:id',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Edit a contact (optimistic locking: a stale version answers 409)',
        params: idParams,
        body: patchContactBody,
        response: { 200: contactRef, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return request.tx((em) => updateContact(em, request.tenant(), request.params.id, version, changes));
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number; role?: ContactRoleCode } }>(
    '/contacts/:id/convert',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Convert a lead to an active client, optionally with a role',
        params: idParams,
        body: convertBody,
        response: { 200: contactRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx((em) => convertContact(em, request.tenant(), request.params.id, request.body)),
  );

  app.post<{ Params: { id: string }; Body: { version?: number } }>(
    '/contacts/:id/archive',
    {
      config: { permission: 'CRM_CONTACTS_ARCHIVE' },
      schema: {
        tags,
        params: idParams,
        body: versionOnlyBody,
        response: { 200: contactRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx((em) => archiveContact(em, request.tenant(), request.params.id, request.body?.version)),
  );

  app.delete<{ Params: { id: string } }>(
    '/contacts/:id',
    {
      config: { permission: 'CRM_CONTACTS_DELETE' },
      schema: {
        tags,
        summary: 'Delete a contact; refused (409) while it has open dossiers or recent activity',
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await request.tx((em) => deleteContact(em, request.tenant(), request.params.id));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: RoleInput }>(
    '/contacts/:id/roles',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Add a role (roles are additive)',
        params: idParams,
        body: addRoleBody,
        response: { 201: { $ref: 'ContactRole#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const role = await request.tx(async (em) =>
        addRole(em, ctx, await loadContact(em, request.params.id), request.body),
      );
      return reply.code(201).send(role);
    },
  );

  app.post<{ Params: { id: string; roleId: string }; Body: { endDate?: string; version?: number } }>(
    '/contacts/:id/roles/:roleId/end',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'End a role; the row stays in the history',
        params: {
          type: 'object',
          required: ['id', 'roleId'],
          additionalProperties: false,
          properties: { id: { type: 'string', format: 'uuid' }, roleId: { type: 'string', format: 'uuid' } },
        },
        body: endRoleBody,
        response: { 200: { $ref: 'ContactRole#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx(async (em) => {
        await loadContact(em, request.params.id);
        return endRole(em, request.tenant(), request.params.id, request.params.roleId, request.body ?? {});
      }),
  );
}
