import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Compression and caching of every answer. `@fastify/compress` negotiates brotli or gzip for API
 * answers above 1 KiB (streamed exports are compressed as they stream; its default types leave
 * `text/event-stream` and already-encoded bodies — the admin UI's precompressed files — alone).
 * API answers hold one user's data, and some a token: `no-store`, unless a route set its own.
 * The admin UI's files set theirs in routes/admin-ui.ts.
 */
export default fp(async function httpCaching(app: FastifyInstance) {
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
    return payload;
  });
});
