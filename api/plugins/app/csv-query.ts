import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';

interface QuerySchema {
  properties?: Record<string, { type?: string | string[] }>;
}

/**
 * List filters that take several values accept them repeated (`?kind=A&kind=B`) or comma-separated
 * (`?kind=A,B`, what a URL a person types or shares looks like). Fastify's query parser only knows the
 * first form, so for every query parameter a route declares as an array, a comma list is split
 * before validation.
 */
export default fp(async function csvQuery(app: FastifyInstance) {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema?.querystring as QuerySchema | undefined;
    const arrays = Object.entries(schema?.properties ?? {})
      .filter(([, p]) => p.type === 'array')
      .map(([name]) => name);
    if (!arrays.length) return;
    const split = async (request: { query: unknown }) => {
      const query = request.query as Record<string, unknown>;
      for (const name of arrays) {
        const value = query[name];
        const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value : null;
        if (!values) continue;
        query[name] = values.flatMap((v) =>
          typeof v === 'string'
            ? v
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : [v],
        );
      }
    };
    const existing = route.preValidation;
    route.preValidation = existing ? [split, ...(Array.isArray(existing) ? existing : [existing])] : [split];
  });
});
