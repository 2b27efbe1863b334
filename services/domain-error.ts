/**
 * The one error family of the domain services. A service says *what* went wrong (a stable code of its
 * bounded context, with params a client can phrase) and *which kind* of refusal it is; only `api/` turns
 * kinds into HTTP statuses (api/plugins/app/errors.ts), so services never know HTTP.
 */
import type { DomainErrorCode } from './error-codes.js';

export type BoundedContext = 'engine' | 'crm' | 'messaging' | 'listings' | 'coop' | 'platform';

/** What kind of refusal: the API maps each kind to one status (see DOMAIN_ERROR_STATUS there). */
export type DomainErrorKind =
  | 'invalid' // the input breaks a rule (→ 422, or 400 with field errors)
  | 'rejected' // well-formed input that does not fit (an unknown reference, a refused listing): 422 even with field errors
  | 'not-found' // the record does not exist for this organisation (→ 404)
  | 'forbidden' // the caller may not do this (→ 403)
  | 'conflict' // the record's state forbids it now (→ 409)
  | 'unavailable'; // a dependency is down or not configured; nothing was changed (→ 503)

export interface DomainFieldError {
  field: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

export class DomainError<Code extends DomainErrorCode = DomainErrorCode> extends Error {
  override name = 'DomainError';
  constructor(
    readonly context: BoundedContext,
    readonly kind: DomainErrorKind,
    /** UPPER_SNAKE, stable: what clients phrase (a per-context enum, e.g. CoopErrorCode). */
    readonly code: Code,
    /** English, for logs and API users; the UI phrases `code` + `params` instead. */
    readonly detail: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors: DomainFieldError[] = [],
    /** Values a client reads beside the code, at the top of the problem (`existingId`…). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
