import type { FastifyInstance } from 'fastify';
import { idempotencyKeyOf, remember, replay, requestHash } from '../../../lib/idempotency.js';
import { errorResponses } from '../../../schemas/shared.js';
import {
  convertAccount,
  createAccount,
  deleteAccount,
  linkContact,
  loadAccount,
  unlinkContact,
  updateAccount,
  viewOf,
  type AccountFields,
  type LinkFlags,
} from '../../../../services/crm/contact-accounts.js';
import { listAccounts } from './queries.js';
import {
  accountSchema,
  createAccountBody,
  linkBody,
  listAccountsQuery,
  patchAccountBody,
  type ListAccountsQuery,
} from './schemas.js';

const tags = ['accounts'];
const accountRef = { $ref: 'Account#' } as const;
const idParams = { $ref: 'IdParams#' } as const;
const linkParams = {
  type: 'object',
  required: ['id', 'contactId'],
  additionalProperties: false,
  properties: { id: { type: 'string', format: 'uuid' }, contactId: { type: 'string', format: 'uuid' } },
} as const;

/** Accounts (customer companies) share the contact permissions, except deletion (ADMIN only). */
export default async function accountRoutes(app: FastifyInstance) {
  app.addSchema(accountSchema);

  app.get<{ Querystring: ListAccountsQuery }>(
    '/accounts',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: {
        tags,
        summary: 'List, filter, search and sort accounts',
        querystring: listAccountsQuery,
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: { data: { type: 'array', items: accountRef }, total: { type: 'integer' } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => request.tx((em) => listAccounts(em, request.tenant().orgId, request.query)),
  );

  app.post<{ Body: AccountFields & { code: string; name: string; primaryContactId?: string } }>(
    '/accounts',
    {
      config: { permission: 'CRM_CONTACTS_CREATE' },
      schema: {
        tags,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 200 } } },
        body: createAccountBody,
        response: { 201: accountRef, ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const ctx = request.tenant();
      const hash = requestHash(request.body);
      const scope = 'POST /accounts';
      const answer = await request.tx(async (em) => {
        const stored = key ? await replay(em, scope, key, hash) : undefined;
        if (stored) return stored;
        const created = { statusCode: 201, body: await createAccount(em, ctx, request.body) };
        if (key) remember(em, ctx.orgId, scope, key, hash, created);
        await em.flush();
        return created;
      });
      return reply.code(answer.statusCode).send(answer.body);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/accounts/:id',
    {
      config: { permission: 'CRM_CONTACTS_VIEW' },
      schema: { tags, params: idParams, response: { 200: accountRef, ...errorResponses(401, 403, 404) } },
    },
    async (request) => request.tx(async (em) => viewOf(em, await loadAccount(em, request.params.id))),
  );

  app.patch<{ Params: { id: string }; Body: AccountFields & { version: number } }>(
    '/accounts/:id',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        params: idParams,
        body: patchAccountBody,
        response: { 200: accountRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { version, ...changes } = request.body;
      return request.tx((em) => updateAccount(em, request.tenant(), request.params.id, version, changes));
    },
  );

  app.post<{ Params: { id: string }; Body: { version: number } }>(
    '/accounts/:id/convert',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Convert a prospect (or lead) account to a customer',
        params: idParams,
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: { version: { type: 'integer', minimum: 1 } },
        },
        response: { 200: accountRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx((em) => convertAccount(em, request.tenant(), request.params.id, request.body.version)),
  );

  app.delete<{ Params: { id: string } }>(
    '/accounts/:id',
    {
      config: { permission: 'CRM_ACCOUNTS_DELETE' },
      schema: {
        tags,
        summary: 'Delete an account (ADMIN only)',
        params: idParams,
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await request.tx((em) => deleteAccount(em, request.tenant(), request.params.id));
      return reply.code(204).send();
    },
  );

  app.put<{ Params: { id: string; contactId: string }; Body: LinkFlags }>(
    '/accounts/:id/contacts/:contactId',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: {
        tags,
        summary: 'Link a contact to the account or change its flags (one primary per account)',
        params: linkParams,
        body: linkBody,
        response: { 200: accountRef, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      request.tx((em) =>
        linkContact(em, request.tenant(), request.params.id, request.params.contactId, request.body),
      ),
  );

  app.delete<{ Params: { id: string; contactId: string } }>(
    '/accounts/:id/contacts/:contactId',
    {
      config: { permission: 'CRM_CONTACTS_EDIT' },
      schema: { tags, params: linkParams, response: { 200: accountRef, ...errorResponses(401, 403, 404) } },
    },
    async (request) =>
      request.tx((em) => unlinkContact(em, request.tenant(), request.params.id, request.params.contactId)),
  );
}
