import { parse } from 'node:querystring';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_BASE } from './problem.js';

const NOT_FINITE = 'not-a-finite-number';

/**
 * Query strings as Fastify parses them, except that a number too large to be finite ("1e309",
 * "Infinity") becomes a marker string: coerced, it would be Infinity, which Fastify's validation
 * lets through range checks and PostgreSQL then refuses (a 500 for a client's mistake).
 */
export function parseQueryString(input: string): Record<string, string | string[]> {
  const query = parse(input) as Record<string, string | string[]>;
  for (const [key, value] of Object.entries(query))
    query[key] = Array.isArray(value) ? value.map(finiteOrMarker) : finiteOrMarker(value);
  return query;
}

function finiteOrMarker(value: string): string {
  const n = Number(value);
  return value.trim() !== '' && !Number.isNaN(n) && !Number.isFinite(n) ? NOT_FINITE : value;
}

/**
 * Errors Fastify raises before any hook runs (undecodable URL, a path parameter over the length
 * limit): answered as problem+json like every other client mistake.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const status = tooLong ? 414 : 400;
  void reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `${PROBLEM_BASE}${tooLong ? 'uri-too-long' : 'bad-request'}`,
      title: tooLong ? 'URI too long' : 'Bad request',
      status,
      detail: tooLong ? 'A path parameter is longer than allowed.' : 'The URL could not be decoded.',
      instance: request.url,
      correlationId: request.id,
    });
}
