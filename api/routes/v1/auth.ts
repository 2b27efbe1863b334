import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../../db/audit.js';
import { User } from '../../../db/entities/index.js';
import { withTenant } from '../../../db/orm.js';
import { dummyPasswordHash, verifyPassword } from '../../../db/passwords.js';
import { lockedPasswordHash, setPassword } from '../../../db/password-lifecycle.js';
import { loadIdentity } from '../../../db/users.js';
import { PASSWORD_CODES, PASSWORD_MAX_LENGTH } from '../../../definitions/password-policy.js';
import { problems, type FieldError } from '../../problem.js';
import { errorResponses } from '../../schemas/shared.js';
import { passwordIssues } from '../../../services/platform/password-policy.js';
import type { TokenClaims } from '../../plugins/app/auth.js';

interface LoginBody {
  email: string;
  password: string;
  org: string;
}

const sessionUser = {
  type: 'object',
  required: ['id', 'email', 'fullName', 'orgId', 'orgSlug', 'roles', 'permissions'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    fullName: { type: 'string' },
    orgId: { type: 'string' },
    orgSlug: { type: 'string' },
    orgName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    permissions: { type: 'array', items: { type: 'string' } },
    mustChangePassword: {
      type: 'boolean',
      description: 'After an admin reset: every route but POST /auth/password answers 403 until then',
    },
  },
} as const;

const session = {
  type: 'object',
  required: ['accessToken', 'user'],
  properties: { accessToken: { type: 'string' }, expiresIn: { type: 'string' }, user: sessionUser },
} as const;

export default async function authRoutes(app: FastifyInstance) {
  const invalid = () =>
    problems.unauthorized('Wrong organisation, email or password.', { code: 'INVALID_CREDENTIALS' });

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          // After body parsing, so the key can include the account being attacked.
          hook: 'preHandler',
          max: app.env.LOGIN_RATE_LIMIT_MAX,
          timeWindow: '1 minute',
          keyGenerator: (req) => {
            const body = (req.body ?? {}) as Partial<LoginBody>;
            return `${req.ip}|${String(body.org ?? '').toLowerCase()}|${String(body.email ?? '').toLowerCase()}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in to an organisation',
        security: [],
        body: {
          type: 'object',
          required: ['email', 'password', 'org'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: 254 },
            password: { type: 'string', minLength: 1, maxLength: 200 },
            org: { type: 'string', minLength: 1, maxLength: 63, description: 'Organisation slug' },
          },
        },
        response: { 200: session, ...errorResponses(400, 401, 429) },
      },
    },
    async (request) => {
      const { email, password, org } = request.body;
      const orgRows = await app.orm.em
        .fork()
        .execute<{ id: string; name: string }[]>('select id, name from app_org_by_slug(?)', [org]);
      const organisation = orgRows[0];
      if (!organisation) {
        await verifyPassword(password, await dummyPasswordHash());
        throw invalid();
      }
      const ctx = { orgId: organisation.id, correlationId: request.correlationId };
      const user = await withTenant(app.orm, ctx, async (em) => {
        const found = await em.findOne(User, { email: email.toLowerCase() });
        const ok = await verifyPassword(password, found?.passwordHash ?? (await dummyPasswordHash()));
        if (!found || !ok || !found.isActive) return undefined;
        // Not through the versioned entity: one person signing in on two devices at once must not
        // meet an optimistic-lock conflict (the row's version is for edits of the account).
        await em.execute('update app_user set last_login_at = now() where id = ?', [found.id]);
        await recordAudit(
          em,
          { ...ctx, userId: found.id },
          { entityType: 'User', entityId: found.id, action: 'LOGIN' },
        );
        return found;
      });
      if (!user) throw invalid();
      const claims: TokenClaims = {
        sub: user.id,
        org: organisation.id,
        orgSlug: org.toLowerCase(),
        ver: user.tokenVersion,
      };
      const accessToken = await app.jwt.sign(claims);
      const identity = await withTenant(app.orm, ctx, (em) => loadIdentity(em, user.id));
      const permissions = identity?.permissions ?? [];
      return {
        accessToken,
        expiresIn: app.env.JWT_EXPIRES_IN,
        user: {
          id: user.id,
          email: user.email,
          fullName: user.fullName,
          orgId: organisation.id,
          orgSlug: org.toLowerCase(),
          orgName: organisation.name,
          roles: user.roles,
          permissions,
          mustChangePassword: user.mustChangePassword,
        },
      };
    },
  );

  app.post<{ Body: { currentPassword: string; newPassword: string } }>(
    '/auth/password',
    {
      config: {
        authOnly: true,
        // Guessing the current password with a stolen token costs as much as guessing it at sign-in.
        rateLimit: {
          hook: 'preHandler',
          max: app.env.LOGIN_RATE_LIMIT_MAX,
          timeWindow: '1 minute',
          keyGenerator: (req) => `password|${req.principal?.userId ?? req.ip}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Change my password',
        description: `The new password needs at least 12 characters and must not be common, breached, a dictionary word, a repetition or sequence, or made of your own details (NIST SP 800-63B; no composition rules). Every other session of the account ends; the answer carries a new token for this one. Refusals are 400 with field codes ${Object.values(PASSWORD_CODES).join(', ')}.`,
        body: {
          type: 'object',
          required: ['currentPassword', 'newPassword'],
          additionalProperties: false,
          properties: {
            currentPassword: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
            newPassword: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
          },
        },
        response: { 200: session, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = request.principal!;
      const { currentPassword, newPassword } = request.body;
      const tokenVersion = await request.tx(async (em) => {
        const hash = await lockedPasswordHash(em, p.userId);
        if (!hash || !(await verifyPassword(currentPassword, hash))) {
          throw problems.validation([
            {
              field: 'currentPassword',
              code: PASSWORD_CODES.CURRENT_WRONG,
              message: 'is not your current password',
              params: {},
            },
          ]);
        }
        const issues: FieldError[] =
          newPassword === currentPassword
            ? [
                {
                  field: 'newPassword',
                  code: PASSWORD_CODES.REUSED,
                  message: 'must differ from the current password',
                  params: {},
                },
              ]
            : await passwordIssues(newPassword, 'newPassword', {
                email: p.email,
                fullName: p.fullName,
                orgSlug: p.orgSlug,
              });
        if (issues.length) throw problems.validation(issues);
        const set = await setPassword(em, request.tenant(), p.userId, newPassword, { forceChange: false });
        return set!.tokenVersion;
      });
      const claims: TokenClaims = { sub: p.userId, org: p.orgId, orgSlug: p.orgSlug, ver: tokenVersion };
      return {
        accessToken: await app.jwt.sign(claims),
        expiresIn: app.env.JWT_EXPIRES_IN,
        user: {
          id: p.userId,
          email: p.email,
          fullName: p.fullName,
          orgId: p.orgId,
          orgSlug: p.orgSlug,
          roles: p.roles,
          permissions: [...p.permissions].sort(),
          mustChangePassword: false,
        },
      };
    },
  );

  app.get(
    '/auth/me',
    {
      config: { authOnly: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user',
        response: { 200: sessionUser, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const p = request.principal!;
      return {
        id: p.userId,
        email: p.email,
        fullName: p.fullName,
        orgId: p.orgId,
        orgSlug: p.orgSlug,
        roles: p.roles,
        permissions: [...p.permissions].sort(),
        mustChangePassword: p.mustChangePassword,
      };
    },
  );
}
