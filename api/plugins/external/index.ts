import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import jwt from '@fastify/jwt';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { OPENAPI_TAGS, openapiTransform } from '../../openapi.js';
import { HttpProblem } from '../../problem.js';

/** Third-party plugins, configured once: security headers, CORS, rate limits, JWT, OpenAPI. */
export default fp(async function external(app: FastifyInstance) {
  const env = app.env;
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // antd injects its CSS-in-JS at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
      },
    },
  });
  const allowed = new Set(
    env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
  );
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),
    exposedHeaders: ['x-request-id'],
  });
  await app.register(rateLimit, {
    global: false,
    // The builder's result is thrown, so our error handler renders it as problem+json.
    errorResponseBuilder: (_req, context) =>
      new HttpProblem(
        429,
        'rate-limited',
        'Too many requests',
        `Too many attempts; try again in ${Math.ceil(context.ttl / 1000)} s.`,
      ),
  });
  // One algorithm, pinned both ways: a token signed otherwise (HS512 with the same secret, none) is refused.
  await app.register(jwt, {
    secret: env.JWT_SECRET,
    sign: { algorithm: 'HS256', expiresIn: env.JWT_EXPIRES_IN },
    verify: { algorithms: ['HS256'] },
  });
  await app.register(swagger, {
    // 3.1: its schemas are JSON Schema, so the document says what ajv validates (numeric
    // exclusiveMinimum, if/then/else, propertyNames) without a translation that could drift.
    openapi: {
      openapi: '3.1.0',
      servers: [{ url: '/', description: 'This server' }],
      tags: OPENAPI_TAGS,
      info: {
        title: 'Atlas CRM API',
        description:
          'Multi-tenant CRM for real-estate agencies and housing cooperatives. Errors are application/problem+json (RFC 9457).',
        version: '1.0.0',
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    transform: openapiTransform,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
});
