import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonTooDeep } from '../../lib/json-depth.js';
import { problems } from '../../problem.js';

/**
 * Fastify's JSON body parser behind a nesting-depth check (JSON_MAX_DEPTH): a body nested deeper is
 * a 400 naming the field, before anything recursive (validation, ORM, serialisers) sees it.
 */
export default fp(async function jsonBody(app: FastifyInstance) {
  const maxDepth = app.env.JSON_MAX_DEPTH;
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString(); // a string: parseAs
    const field = jsonTooDeep(text, maxDepth);
    if (field === undefined) return parseJson(request, text, done);
    done(
      problems.validation([
        {
          field,
          message: `nests deeper than ${maxDepth} levels`,
          code: 'MAX_DEPTH',
          params: { limit: maxDepth },
        },
      ]),
      undefined,
    );
  });
});
