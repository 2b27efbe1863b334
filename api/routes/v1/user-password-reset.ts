import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { snapshot } from '../../../db/audit.js';
import { setPassword } from '../../../db/password-lifecycle.js';
import { User } from '../../../db/entities/index.js';
import { PASSWORD_CODES, PASSWORD_MAX_LENGTH } from '../../../definitions/password-policy.js';
import { problems } from '../../problem.js';
import { errorResponses, userWith } from '../../schemas/shared.js';
import { passwordIssues } from '../../../services/platform/password-policy.js';

/** 96 random bits, URL-safe: typed once by the user, then replaced at their first sign-in. */
const generatedPassword = () => randomBytes(12).toString('base64url');

/** An admin's reset of someone else's password (F-1): temporary, ends their sessions, forces a change. */
export default async function userPasswordResetRoute(app: FastifyInstance) {
  app.post<{ Params: { id: string }; Body: { temporaryPassword?: string } | undefined }>(
    '/users/:id/password-reset',
    {
      config: { permission: 'USER_ADMIN' },
      schema: {
        tags: ['users'],
        summary: "Reset a user's password; they must choose a new one at their next sign-in",
        description: `Sets \`temporaryPassword\` (which must obey the password policy, field codes ${Object.values(PASSWORD_CODES).join(', ')}) or, when omitted, a generated one that this answer returns once. The user's sessions end at once; signing in with the temporary password gives a token that may only call POST /auth/password (other routes: 403, code PASSWORD_CHANGE_REQUIRED).`,
        params: { $ref: 'IdParams#' },
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            temporaryPassword: { type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH },
          },
        },
        response: {
          200: userWith({
            temporaryPassword: { type: 'string', description: 'Only when it was generated: shown once' },
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const ctx = request.tenant();
      if (request.params.id === ctx.userId)
        throw problems.conflict('Change your own password with POST /api/v1/auth/password.');
      const given = request.body?.temporaryPassword;
      const temporaryPassword = given ?? generatedPassword();
      const user = await request.tx(async (em) => {
        const target = await em.findOne(User, { id: request.params.id });
        if (!target) throw problems.notFound('User');
        if (given) {
          const issues = await passwordIssues(given, 'temporaryPassword', {
            email: target.email,
            fullName: target.fullName,
            orgSlug: request.principal!.orgSlug,
          });
          if (issues.length) throw problems.validation(issues);
        }
        await setPassword(em, ctx, target.id, temporaryPassword, { forceChange: true });
        await em.refresh(target);
        return target;
      });
      const {
        passwordHash: _hash,
        tokenVersion: _version,
        ...rest
      } = snapshot(user) as Record<string, unknown>;
      return { ...rest, ...(given ? {} : { temporaryPassword }) };
    },
  );
}
