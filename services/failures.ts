import { DomainError, type BoundedContext, type DomainFieldError } from './domain-error.js';
import type { DomainErrorCode } from './error-codes.js';

interface FailureOptions {
  code?: DomainErrorCode;
  params?: Record<string, unknown>;
  fieldErrors?: DomainFieldError[];
  extra?: Record<string, unknown>;
}

/**
 * The common refusals of a bounded context as DomainErrors, so services say `fail.notFound('Contact')`
 * rather than repeat codes and wording (the API phrases them: api/plugins/app/errors.ts).
 */
export function failures(context: BoundedContext) {
  const make = (
    kind: DomainError['kind'],
    fallback: DomainErrorCode,
    detail: string,
    o: FailureOptions = {},
  ): DomainError =>
    new DomainError(context, kind, o.code ?? fallback, detail, o.params, o.fieldErrors, o.extra);
  return {
    notFound: (what: string) =>
      new DomainError(context, 'not-found', 'NOT_FOUND', `${what} was not found.`, { entity: what }),
    staleVersion: (entity: string) =>
      new DomainError(
        context,
        'conflict',
        'STALE_VERSION',
        `${entity} was changed by someone else; reload it and try again.`,
      ),
    conflict: (detail: string, o?: FailureOptions) => make('conflict', 'CONFLICT', detail, o),
    forbidden: (detail: string, o?: FailureOptions) => make('forbidden', 'FORBIDDEN', detail, o),
    /** Field-level reasons (→ 400 with `errors`). */
    validation: (
      fieldErrors: DomainFieldError[],
      detail = 'The request is not valid; see errors for each field.',
    ) => new DomainError(context, 'invalid', 'VALIDATION_ERROR', detail, {}, fieldErrors),
    /** Well-formed input the rules refuse (→ 422, with field errors when given). */
    rejected: (code: DomainErrorCode, detail: string, o: Omit<FailureOptions, 'code'> = {}) =>
      make('rejected', code, detail, { ...o, code }),
  };
}
