import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Em, TenantContext } from '../../../db/orm.js';
import { withTenant } from '../../../db/orm.js';
import { requestContext } from '../../lib/request-context.js';
import { problems } from '../../problem.js';

/** Request-scoped tenant context and transactions, plus the correlation id echoed on every response. */
export default fp(async function context(app: FastifyInstance) {
  app.decorateRequest('correlationId', '');
  app.decorateRequest('principal', undefined);
  app.decorateRequest('tenant', function (this: FastifyRequest): TenantContext {
    if (!this.principal) throw problems.unauthorized();
    return { orgId: this.principal.orgId, userId: this.principal.userId, correlationId: this.correlationId };
  });
  app.decorateRequest('tx', function <T>(this: FastifyRequest, fn: (em: Em) => Promise<T>): Promise<T> {
    return withTenant(app.orm, this.tenant(), fn);
  });
  app.addHook('onRequest', async (request, reply) => {
    request.correlationId = request.id;
    reply.header('x-request-id', request.id);
  });
  // Everything the request starts runs in its context, so late failures still name the request.
  app.addHook('onRequest', (request, _reply, done) => requestContext.run({ requestId: request.id }, done));
});
