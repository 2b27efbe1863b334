import type { FastifyInstance } from 'fastify';
import { recordAudit, snapshot } from '../../../db/audit.js';
import { Role, User } from '../../../db/entities/index.js';
import { PERMISSIONS } from '../../../definitions/permissions.js';
import { problems } from '../../problem.js';
import { errorResponses, pageOf } from '../../schemas/shared.js';

const permissionsSchema = {
  type: 'array',
  uniqueItems: true,
  items: { type: 'string', enum: [...PERMISSIONS] },
} as const;

export default async function roleRoutes(app: FastifyInstance) {
  const tags = ['roles'];

  app.get(
    '/roles',
    {
      // Managers (WORKFLOW_ADMIN) read roles to restrict transitions to some; writes stay USER_ADMIN.
      config: { permission: ['USER_ADMIN', 'WORKFLOW_ADMIN'], list: { sort: ['code', 'name', 'createdAt'] } },
      schema: {
        tags,
        summary: 'Every role of the organisation (USER_ADMIN or WORKFLOW_ADMIN)',
        response: { 200: pageOf('Role'), ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const rows = await request.tx((em) => em.find(Role, {}, { orderBy: { code: 'asc' } }));
      return { data: rows.map(snapshot), total: rows.length };
    },
  );

  app.get(
    '/roles/permissions',
    {
      config: { permission: 'USER_ADMIN', list: { sort: ['value'] } },
      schema: {
        tags,
        summary: 'Every permission a role can grant',
        response: {
          200: { type: 'object', properties: { data: { type: 'array', items: { type: 'string' } } } },
        },
      },
    },
    async () => ({ data: [...PERMISSIONS] }),
  );

  app.get<{ Params: { id: string } }>(
    '/roles/:id',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'Role#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const role = await request.tx((em) => em.findOne(Role, { id: request.params.id }));
      if (!role) throw problems.notFound('Role');
      return snapshot(role);
    },
  );

  app.post<{ Body: { code: string; name: string; permissions: string[] } }>(
    '/roles',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        body: {
          type: 'object',
          required: ['code', 'name', 'permissions'],
          additionalProperties: false,
          properties: {
            code: { type: 'string', pattern: '^[A-Z][A-Z0-9_]{1,63}$' },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            permissions: permissionsSchema,
          },
        },
        response: { 201: { $ref: 'Role#' }, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const role = await request.tx(async (em) => {
        if (await em.count(Role, { code: request.body.code })) {
          throw problems.conflict(`A role with code ${request.body.code} already exists.`, {
            errors: [{ field: 'code', message: 'is already used' }],
          });
        }
        const created = em.create(Role, { ...request.body, orgId: ctx.orgId, createdBy: ctx.userId });
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'Role',
          entityId: created.id,
          action: 'CREATE',
          after: created,
        });
        return created;
      });
      return reply.code(201).send(snapshot(role));
    },
  );

  app.patch<{ Params: { id: string }; Body: { version: number; name?: string; permissions?: string[] } }>(
    '/roles/:id',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          required: ['version'],
          additionalProperties: false,
          properties: {
            version: { type: 'integer', minimum: 1 },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            permissions: permissionsSchema,
          },
        },
        response: { 200: { $ref: 'Role#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { version, ...changes } = request.body;
      return request.tx(async (em) => {
        const role = await em.findOne(Role, { id: request.params.id });
        if (!role) throw problems.notFound('Role');
        if (role.version !== version) throw problems.staleVersion('This role');
        if (role.code === 'ADMIN' && changes.permissions && !changes.permissions.includes('USER_ADMIN')) {
          throw problems.validation([
            {
              field: 'permissions',
              message: 'the ADMIN role must keep USER_ADMIN, or nobody could manage access',
            },
          ]);
        }
        const before = snapshot(role);
        em.assign(role, changes);
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'Role',
          entityId: role.id,
          action: 'UPDATE',
          before,
          after: role,
        });
        return snapshot(role);
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/roles/:id',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 204: { type: 'null' }, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      await request.tx(async (em) => {
        const role = await em.findOne(Role, { id: request.params.id });
        if (!role) throw problems.notFound('Role');
        if (role.isSystem)
          throw problems.conflict(
            `${role.code} is a default role; edit its permissions instead of deleting it.`,
          );
        const holders = await em.count(User, { roles: { $contains: [role.code] } });
        if (holders) throw problems.conflict(`${holders} user(s) still hold the role ${role.code}.`);
        const before = snapshot(role);
        em.remove(role);
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'Role',
          entityId: before!.id as string,
          action: 'DELETE',
          before,
        });
      });
      return reply.code(204).send();
    },
  );
}
