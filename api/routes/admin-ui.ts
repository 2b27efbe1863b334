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

/**
 * Vite names every file under assets/ after its content hash, so a changed file is a new URL: cache it
 * for a year. index.html (and the other unhashed files) must be revalidated to pick up a new build.
 */
export function adminUiCacheControl(filePath: string): string {
  const relative = path.relative(ADMIN_UI_DIST, filePath).split(path.sep);
  return relative[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * Serves the built admin UI at `/`, with client-side routes falling back to index.html. The build
 * writes a .br and a .gz beside each text file (vite.config.ts), sent to whoever accepts them.
 */
export default async function adminUiRoutes(app: FastifyInstance) {
  if (!existsSync(path.join(ADMIN_UI_DIST, 'index.html'))) {
    app.log.warn(`admin UI not built (${ADMIN_UI_DIST}); run npm run build:ui`);
    return;
  }
  await app.register(fastifyStatic, {
    root: ADMIN_UI_DIST,
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, filePath) => res.setHeader('cache-control', adminUiCacheControl(filePath)),
  });
  // Client-side routes (e.g. /dossiers/123) get the SPA; unknown API paths keep their 404 problem.
  app.get('/*', { config: { public: true }, schema: { hide: true } }, (request, reply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/docs')) {
      throw new HttpProblem(404, 'not-found', 'Not found', `No route ${request.method} ${request.url}.`);
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
