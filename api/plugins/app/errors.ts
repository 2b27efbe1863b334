import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  ForeignKeyConstraintViolationException,
  OptimisticLockError,
  UniqueConstraintViolationException,
  ValidationError as OrmValidationError,
} from '@mikro-orm/core';
import { ConsentRequiredError } from '../../../db/consent.js';
import { DomainError, type DomainErrorKind } from '../../../services/domain-error.js';
import { isDatabaseUnavailable } from '../../lib/database-unavailable.js';
import { problemCode } from '../../problem-codes.js';
import { HttpProblem, PROBLEM_BASE, type FieldError, type ProblemBody } from '../../problem.js';

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turns ajv issues into `{ field, message }` pairs a form can show next to its inputs. */
export function fieldErrors(issues: AjvIssue[], context?: string): FieldError[] {
  return issues.map((issue) => {
    let field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = issue.message ?? 'is invalid';
    if (issue.keyword === 'required') {
      field = [field, String(issue.params.missingProperty)].filter(Boolean).join('.');
      message = 'is required';
    } else if (issue.keyword === 'additionalProperties') {
      field = [field, String(issue.params.additionalProperty)].filter(Boolean).join('.');
      message = 'is not an accepted field';
    } else if (issue.keyword === 'enum') {
      message = `must be one of: ${(issue.params.allowedValues as unknown[]).join(', ')}`;
    }
    if (!field) field = context && context !== 'body' ? context : '(body)';
    else if (context && context !== 'body') field = `${context}.${field}`;
    return { field, message, code: reasonCode(issue.keyword), params: issue.params };
  });
}

/** An ajv keyword as a reason code: maxLength → MAX_LENGTH. */
export function reasonCode(keyword: string): string {
  return keyword.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

type ProblemInput = Pick<ProblemBody, 'type' | 'title' | 'status' | 'detail'> & {
  errors?: FieldError[];
  [extra: string]: unknown;
};

/** The one place a domain refusal's kind becomes an HTTP status. */
const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, [status: number, title: string]> = {
  invalid: [422, 'Unprocessable request'],
  rejected: [422, 'Unprocessable request'],
  'not-found': [404, 'Not found'],
  forbidden: [403, 'Forbidden'],
  conflict: [409, 'Conflict'],
  unavailable: [503, 'Service unavailable'],
};

/** Codes more precise than their problem type: the type stays the generic one clients already know. */
const PRECISE_CODE_TYPE: Partial<Record<string, string>> = { CONTACT_EMAIL_TAKEN: 'conflict' };

/** Titles (English, for logs) of the types whose title is not their kind's. */
const TYPE_TITLE: Partial<Record<string, string>> = {
  'stale-version': 'Stale version',
  'validation-error': 'Invalid request',
  'reference-not-found': 'Unknown reference',
  'idempotency-key-reused': 'Idempotency key reused',
  'annonce-in-use': 'Listing in use',
  'definition-invalid': 'Invalid workflow definition',
  'scoring-rules-invalid': 'Invalid scoring rules',
  'rule-budget-exceeded': 'Rule too costly to evaluate',
  'transition-blocked': 'Transition not allowed',
  'kyc-incomplete': 'KYC incomplete',
  'pv-required': 'PV required',
  'invalid-lot-status': 'Status change not allowed',
};

/** A code as a problem type slug: TRANSITION_BLOCKED → transition-blocked. */
function problemType(code: string): string {
  return PRECISE_CODE_TYPE[code] ?? code.toLowerCase().replace(/_/g, '-');
}

function send(reply: FastifyReply, request: FastifyRequest, body: ProblemInput) {
  return reply
    .code(body.status)
    .type('application/problem+json')
    .send({
      // Every problem has a code (the type's, unless a more precise one is given) for clients to phrase.
      code: problemCode(body.type),
      ...body,
      type: body.type.startsWith('http') ? body.type : PROBLEM_BASE + body.type,
      instance: request.url,
      correlationId: request.correlationId,
    });
}

/**
 * One error handler for the whole API: client mistakes become precise 4xx problems, everything else a
 * 500 whose internals stay in the logs (found again by the correlation id).
 */
export default fp(async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return send(reply, request, {
        type: error.problemType,
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...error.extra,
      });
    }
    if (error instanceof DomainError) {
      const withFields = error.kind === 'invalid' && error.fieldErrors.length > 0;
      const [status, kindTitle] = DOMAIN_ERROR_STATUS[error.kind];
      const type = problemType(error.code);
      return send(reply, request, {
        ...error.extra,
        type,
        title: withFields ? 'Invalid request' : (TYPE_TITLE[type] ?? kindTitle),
        status: withFields ? 400 : status,
        detail: error.detail,
        code: error.code,
        params: error.params,
        context: error.context,
        ...(error.fieldErrors.length > 0 ? { errors: error.fieldErrors } : {}),
      });
    }
    if (error.validation) {
      const errors = fieldErrors(error.validation as AjvIssue[], error.validationContext);
      return send(reply, request, {
        type: 'validation-error',
        title: 'Invalid request',
        status: 400,
        detail: errors.map((e) => `${e.field} ${e.message}`).join('; '),
        errors,
      });
    }
    if (error instanceof ConsentRequiredError) {
      return send(reply, request, {
        type: 'consent-required',
        title: 'Consent required',
        status: 422,
        detail: error.message,
        channel: error.channel,
        reason: error.reason,
        decidedAt: error.decidedAt?.toISOString() ?? null,
        decidedBy: error.decidedBy,
        scope: error.scope,
      });
    }
    if (error instanceof OptimisticLockError) {
      return send(reply, request, {
        type: 'stale-version',
        title: 'Stale version',
        status: 409,
        detail: 'This record was changed by someone else; reload it and try again.',
      });
    }
    if (error instanceof UniqueConstraintViolationException) {
      return send(reply, request, {
        type: 'conflict',
        title: 'Conflict',
        status: 409,
        detail: 'A record with the same unique value already exists.',
      });
    }
    if (error instanceof ForeignKeyConstraintViolationException) {
      // Inputs are checked before writing: only a race gets here (e.g. a listing deleted meanwhile).
      return send(reply, request, {
        type: 'conflict',
        title: 'Conflict',
        status: 409,
        detail: 'A record this change refers to was deleted meanwhile; reload and try again.',
      });
    }
    if (error instanceof OrmValidationError) {
      request.log.error({ err: error }, 'ORM validation error');
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status < 500) {
      const detail =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'Unsupported content type; send application/json.'
          : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The JSON body is empty.'
            : error.message;
      const type = status === 429 ? 'rate-limited' : status === 413 ? 'payload-too-large' : 'bad-request';
      return send(reply, request, { type, title: httpTitle(status), status, detail });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      void reply.header('retry-after', '5');
      return send(reply, request, {
        type: 'service-unavailable',
        title: 'Service unavailable',
        status: 503,
        detail: 'The database cannot be reached right now; nothing was changed. Retry in a few seconds.',
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, request, {
      type: 'internal-error',
      title: 'Internal error',
      status: 500,
      detail: 'Something went wrong on our side. Quote the correlation id to support.',
    });
  });

  app.setNotFoundHandler((request, reply) =>
    send(reply, request, {
      type: 'not-found',
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${request.url}.`,
    }),
  );
});

function httpTitle(status: number): string {
  const titles: Record<number, string> = {
    400: 'Bad request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not found',
    405: 'Method not allowed',
    406: 'Not acceptable',
    413: 'Payload too large',
    415: 'Unsupported media type',
    429: 'Too many requests',
  };
  return titles[status] ?? 'Bad request';
}
