import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpProblem } from '../problem.js';

export const ADMIN_UI_DIST = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../admin-ui/dist',
);

/** Serves the built admin UI at `/`, with client-side routes falling back to index.html. */
export default async function adminUiRoutes(app: FastifyInstance) {
  if (!existsSync(path.join(ADMIN_UI_DIST, 'index.html'))) {
    app.log.warn(`admin UI not built (${ADMIN_UI_DIST}); run npm run build:ui`);
    return;
  }
  await app.register(fastifyStatic, { root: ADMIN_UI_DIST, wildcard: false, index: ['index.html'] });
  // Client-side routes (e.g. /dossiers/123) get the SPA; unknown API paths keep their 404 problem.
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/docs')) {
      throw new HttpProblem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url}.`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
