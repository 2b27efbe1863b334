import { randomUUID } from 'node:crypto';
import type { FastifyServerOptions } from 'fastify';
import type { Env } from '../config/env.js';
import { frameworkErrors, parseQueryString } from './request-parsing.js';

/** Server options shared by server.ts, tests and benchmarks. */
export function fastifyOptions(
  env: Env,
  logger: FastifyServerOptions['logger'] = true,
): FastifyServerOptions {
  return {
    logger:
      logger === true
        ? { level: env.LOG_LEVEL, redact: ['req.headers.authorization', 'body.password'] }
        : logger,
    bodyLimit: 1024 * 1024,
    // The correlation id: the caller's X-Request-Id when sane, else a fresh UUID.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
    },
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        allErrors: true,
        useDefaults: true,
        allowUnionTypes: true,
      },
    },
    trustProxy: env.NODE_ENV === 'production',
    routerOptions: { querystringParser: parseQueryString },
    frameworkErrors,
  };
}
