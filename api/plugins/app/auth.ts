import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { withTenant } from '../../../db/orm.js';
import { loadIdentity } from '../../../db/users.js';
import { acceptedPermissions, describeRequirement, grantsAnyOf } from '../../lib/route-permission.js';
import { problems } from '../../problem.js';
import type { Principal } from '../../types.js';

export interface TokenClaims {
  sub: string;
  org: string;
  orgSlug: string;
  /** The account's token version when issued (absent: 0, tokens from before versions existed). */
  ver?: number;
}

/** What an account whose password was reset may still call, until it has chosen a new one. */
const DURING_FORCED_CHANGE = new Set(['POST /api/v1/auth/password', 'GET /api/v1/auth/me']);

/** Loads the caller's live identity (active flag, roles, permissions) so role edits apply at once. */
async function loadPrincipal(app: FastifyInstance, claims: TokenClaims): Promise<Principal | undefined> {
  const identity = await withTenant(app.orm, { orgId: claims.org }, (em) => loadIdentity(em, claims.sub));
  if (!identity?.isActive) return undefined;
  // A password change or reset bumps the version: every token issued before it is refused.
  if ((claims.ver ?? 0) !== identity.tokenVersion) return undefined;
  return {
    userId: claims.sub,
    orgId: claims.org,
    orgSlug: claims.orgSlug,
    email: identity.email,
    fullName: identity.fullName,
    roles: identity.roles,
    permissions: new Set(identity.permissions),
    mustChangePassword: identity.mustChangePassword,
  };
}

/**
 * Every /api route is authenticated and checks the permission it declares in `config.permission`
 * (a list means any one of them suffices); a route that declares neither a permission nor
 * `authOnly` / `public: true` refuses to register.
 */
export default fp(async function auth(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const config = route.config;
    const accepted = acceptedPermissions(config?.permission);
    if (!accepted.length && !config?.public && !config?.authOnly) {
      throw new Error(
        `Route ${route.method} ${route.url} declares no permission (config.permission, authOnly or public).`,
      );
    }
    // In the OpenAPI document too, so clients, docs and the access-probing tests read one source.
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    schema['x-permission'] = config?.public ? 'public' : accepted.length ? [...accepted] : 'authenticated';
  });

  app.decorate('authenticate', async (request: FastifyRequest) => {
    let claims: TokenClaims;
    try {
      claims = await request.jwtVerify<TokenClaims>();
    } catch {
      throw problems.unauthorized('A valid bearer token is required; sign in again.');
    }
    const tenantHeader = request.headers['x-tenant-id'];
    if (tenantHeader !== undefined && tenantHeader !== claims.org && tenantHeader !== claims.orgSlug) {
      throw problems.forbidden('X-Tenant-ID does not match the organisation of your token.');
    }
    const principal = await loadPrincipal(app, claims);
    if (!principal) {
      throw problems.unauthorized(
        'This session has ended (password changed, account inactive or removed); sign in again.',
      );
    }
    request.principal = principal;
  });

  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config;
    if (!request.url.startsWith('/api/') || config.public) return;
    await app.authenticate(request);
    if (
      request.principal!.mustChangePassword &&
      !DURING_FORCED_CHANGE.has(`${request.method} ${request.routeOptions.url ?? ''}`)
    ) {
      throw problems.passwordChangeRequired();
    }
    if (config.permission && !grantsAnyOf(request.principal!.permissions, config.permission)) {
      throw problems.forbidden(
        `This action needs ${describeRequirement(config.permission)}, which your roles do not grant.`,
        { code: 'PERMISSION_REQUIRED', params: { permissions: acceptedPermissions(config.permission) } },
      );
    }
  });
});
