/** RFC 9457 problem details; every error the API answers has this shape. */
import type { ProblemCode, ProblemType } from './problem-codes.js';

/**
 * One field's reason. `message` is English prose; `code` (UPPER_SNAKE: the JSON Schema keyword, e.g.
 * MINIMUM, MAX_LENGTH, or a business rule, e.g. UNKNOWN_CODE) and its `params` let a client say it in
 * its own language.
 */
export interface FieldError {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable code (UPPER_SNAKE; the type's slug unless more precise) and its params: what clients phrase. */
  code?: string;
  params?: Record<string, unknown>;
  instance?: string;
  correlationId?: string;
  errors?: FieldError[];
  [extra: string]: unknown;
}

/** What a problem may carry beside its detail: a more precise code, field reasons, params, … */
export type ProblemExtra = { code?: ProblemCode; errors?: FieldError[]; [key: string]: unknown };

export const PROBLEM_BASE = 'https://atlas-crm.dev/problems/';

/** Throw from anywhere in a request: the error handler turns it into problem+json. */
export class HttpProblem extends Error {
  override name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly problemType: ProblemType,
    readonly title: string,
    readonly detail: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(detail);
  }
}

export const problems = {
  validation: (errors: FieldError[], detail = 'The request is not valid; see errors for each field.') =>
    new HttpProblem(400, 'validation-error', 'Invalid request', detail, { errors }),
  unauthorized: (detail = 'Authentication is required.', extra: ProblemExtra = {}) =>
    new HttpProblem(401, 'unauthorized', 'Unauthorized', detail, extra),
  forbidden: (detail: string, extra: ProblemExtra = {}) =>
    new HttpProblem(403, 'forbidden', 'Forbidden', detail, extra),
  notFound: (what: string) =>
    new HttpProblem(404, 'not-found', 'Not found', `${what} was not found.`, { params: { entity: what } }),
  conflict: (detail: string, extra: ProblemExtra = {}) =>
    new HttpProblem(409, 'conflict', 'Conflict', detail, extra),
  staleVersion: (entity: string) =>
    new HttpProblem(
      409,
      'stale-version',
      'Stale version',
      `${entity} was changed by someone else; reload it and try again.`,
    ),
  passwordChangeRequired: () =>
    new HttpProblem(
      403,
      'password-change-required',
      'Password change required',
      'Your password was reset: choose a new one (POST /api/v1/auth/password) before anything else.',
      { code: 'PASSWORD_CHANGE_REQUIRED' },
    ),
  unprocessable: (type: ProblemType, title: string, detail: string, extra: ProblemExtra = {}) =>
    new HttpProblem(422, type, title, detail, extra),
};
