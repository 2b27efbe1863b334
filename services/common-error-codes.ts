/** Refusals every bounded context has (a missing record, a stale version…): one code each. */
export const CommonErrorCode = {
  /** params: `entity`, what was looked for */
  NOT_FOUND: 'NOT_FOUND',
  STALE_VERSION: 'STALE_VERSION',
  CONFLICT: 'CONFLICT',
  FORBIDDEN: 'FORBIDDEN',
  /** field errors say which fields and why */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  /** an id the request links does not exist in the organisation; field errors name each */
  REFERENCE_NOT_FOUND: 'REFERENCE_NOT_FOUND',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];
