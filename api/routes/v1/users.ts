import type { FastifyInstance } from 'fastify';
import { recordAudit, snapshot } from '../../../db/audit.js';
import { Role, User, type IUser } from '../../../db/entities/index.js';
import type { Em } from '../../../db/orm.js';
import { hashPassword } from '../../../db/passwords.js';
import { deactivateUser, UserAdminError } from '../../../db/users.js';
import { pagination, pageQueryProperties, parseSort, type PageQuery } from '../../lib/list.js';
import { PASSWORD_MAX_LENGTH } from '../../../definitions/password-policy.js';
import { problems, type FieldError } from '../../problem.js';
import { errorResponses, pageOf, userWith } from '../../schemas/shared.js';
import { passwordIssues } from '../../../services/platform/password-policy.js';
import userPasswordResetRoute from './user-password-reset.js';

const SORTABLE = ['email', 'fullName', 'createdAt', 'lastLoginAt'] as const;

function toPublic(u: IUser) {
  const { passwordHash: _omit, tokenVersion: _version, ...rest } = snapshot(u) as Record<string, unknown>;
  return rest;
}

/** Unknown roles refused, together with any other field reasons found before (`others`). */
async function assertRolesExist(em: Em, roles: string[], others: FieldError[] = []) {
  const found = await em.find(Role, { code: { $in: roles } });
  const missing = roles.filter((r) => !found.some((f) => f.code === r));
  const errors = [...others];
  if (missing.length) errors.push({ field: 'roles', message: `unknown role(s): ${missing.join(', ')}` });
  if (errors.length) throw problems.validation(errors);
}

export default async function userRoutes(app: FastifyInstance) {
  const tags = ['users'];
  await app.register(userPasswordResetRoute);

  app.get<{ Querystring: PageQuery & { q?: string; role?: string; isActive?: boolean } }>(
    '/users',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...pageQueryProperties,
            q: { type: 'string', maxLength: 100 },
            role: { type: 'string', maxLength: 64 },
            isActive: { type: 'boolean' },
          },
        },
        response: { 200: pageOf('UserPublic'), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const { q, role, isActive, sort } = request.query;
      const where: Record<string, unknown> = {};
      if (q) where.$or = [{ email: { $ilike: `%${q}%` } }, { fullName: { $ilike: `%${q}%` } }];
      if (role) where.roles = { $contains: [role] };
      if (isActive !== undefined) where.isActive = isActive;
      const orderBy = parseSort(sort, SORTABLE, { fullName: 'asc' });
      const [rows, total] = await request.tx((em) =>
        em.findAndCount(User, where, { orderBy, ...pagination(request.query) }),
      );
      return { data: rows.map(toPublic), total };
    },
  );

  app.get(
    '/users/directory',
    {
      config: { permission: 'CRM_CONTACTS_VIEW', list: { sort: ['fullName'] } },
      schema: {
        tags,
        summary: "Active users' names and roles, for showing authors and agents and filtering by them",
        description: 'No emails and no inactive users; sorted by name. Open to every CRM reader.',
        response: {
          200: {
            type: 'object',
            required: ['data', 'total'],
            properties: {
              data: { type: 'array', items: { $ref: 'UserDirectoryEntry#' } },
              total: { type: 'integer' },
            },
          },
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const rows = await request.tx((em) =>
        em.find(User, { isActive: true }, { orderBy: { fullName: 'asc', id: 'asc' } }),
      );
      return {
        data: rows.map((u) => ({ id: u.id, fullName: u.fullName, roles: u.roles })),
        total: rows.length,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/users/:id',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        params: { $ref: 'IdParams#' },
        response: { 200: { $ref: 'UserPublic#' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const user = await request.tx((em) => em.findOne(User, { id: request.params.id }));
      if (!user) throw problems.notFound('User');
      return toPublic(user);
    },
  );

  app.post<{ Body: { email: string; fullName: string; password: string; roles: string[] } }>(
    '/users',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        body: {
          type: 'object',
          required: ['email', 'fullName', 'password', 'roles'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            fullName: { type: 'string', minLength: 1, maxLength: 200 },
            password: {
              type: 'string',
              minLength: 1,
              maxLength: PASSWORD_MAX_LENGTH,
              description: 'Obeys the password policy (see POST /auth/password)',
            },
            roles: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 64 },
            },
          },
        },
        response: { 201: { $ref: 'UserPublic#' }, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const ctx = request.tenant();
      const body = request.body;
      const email = body.email.toLowerCase();
      const weak = await passwordIssues(body.password, 'password', {
        email,
        fullName: body.fullName,
        orgSlug: request.principal!.orgSlug,
      });
      const user = await request.tx(async (em) => {
        await assertRolesExist(em, body.roles, weak);
        const existing = await em.findOne(User, { email });
        if (existing) {
          throw problems.conflict(`A user with email ${email} already exists.`, {
            errors: [{ field: 'email', message: 'is already used by another user' }],
            existingId: existing.id,
          });
        }
        const created = em.create(User, {
          orgId: ctx.orgId,
          email,
          fullName: body.fullName,
          passwordHash: await hashPassword(body.password),
          roles: body.roles,
          createdBy: ctx.userId,
        });
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'User',
          entityId: created.id,
          action: 'CREATE',
          after: created,
        });
        return created;
      });
      return reply.code(201).send(toPublic(user));
    },
  );

  app.patch<{ Params: { id: string }; Body: { version: number; fullName?: string; roles?: string[] } }>(
    '/users/:id',
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
            fullName: { type: 'string', minLength: 1, maxLength: 200 },
            roles: {
              type: 'array',
              minItems: 1,
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 64 },
            },
          },
        },
        response: { 200: { $ref: 'UserPublic#' }, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      const { version, ...changes } = request.body;
      return request.tx(async (em) => {
        const user = await em.findOne(User, { id: request.params.id });
        if (!user) throw problems.notFound('User');
        if (user.version !== version) throw problems.staleVersion('This user');
        if (changes.roles) await assertRolesExist(em, changes.roles);
        const before = snapshot(user);
        em.assign(user, changes);
        await em.flush();
        await recordAudit(em, ctx, {
          entityType: 'User',
          entityId: user.id,
          action: 'UPDATE',
          before,
          after: user,
        });
        return toPublic(user);
      });
    },
  );

  app.post<{ Params: { id: string }; Body: { reassignTo?: string | null } }>(
    '/users/:id/deactivate',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags,
        summary: 'Deactivate a user and reassign their records (F-1.4)',
        description:
          'Records assigned to the user move to `reassignTo` (an active user of the organisation), or to the first active manager when omitted; `null` unassigns them. Every reassignment is audited and the admins are notified.',
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { reassignTo: { type: ['string', 'null'], format: 'uuid' } },
        },
        response: {
          200: userWith(
            {
              reassignedTo: {
                type: ['string', 'null'],
                description: 'Who took their records (null: unassigned)',
              },
              reassigned: {
                type: 'object',
                description: 'Records moved, per entity type',
                additionalProperties: { type: 'integer' },
              },
            },
            ['reassignedTo', 'reassigned'],
          ),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      if (request.params.id === ctx.userId)
        throw problems.conflict('You cannot deactivate your own account.');
      const result = await request
        .tx((em) => deactivateUser(em, ctx, request.params.id, request.body?.reassignTo))
        .catch((err: unknown) => {
          if (!(err instanceof UserAdminError)) throw err;
          if (err.code === 'USER_NOT_FOUND') throw problems.notFound('User');
          if (err.code === 'TARGET_INVALID')
            throw problems.validation([{ field: 'reassignTo', message: err.message }]);
          throw problems.conflict(err.message);
        });
      const { user, ...moves } = result;
      return { ...toPublic(user), ...moves };
    },
  );
}
