/**
 * The API's problem types (RFC 9457 `type` slugs) and the codes it sends: a problem's `code` is its
 * type in UPPER_SNAKE (transition-blocked → TRANSITION_BLOCKED) unless a more precise one is given.
 * HttpProblem only accepts these, and the admin UI phrases every code in fr/en/ar
 * (test/unit/problem-phrases.test.ts), so a new refusal cannot reach a user as English.
 */
export const PROBLEM_TYPES = [
  // generic (api/problem.ts, api/plugins/app/errors.ts)
  'bad-request',
  'validation-error',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'stale-version',
  'password-change-required',
  'consent-required',
  'payload-too-large',
  'rate-limited',
  'service-unavailable',
  'internal-error',
  'not-configured',
  'temporal-unavailable',
  'idempotency-key-reused',
  'reference-not-found',
  // dossiers and their workflow's refusals (workflows/dossier-refusals.ts)
  'dossier-not-found',
  'dossier-closed',
  'dossier-stale-state',
  'illegal-transition',
  'transition-forbidden',
  'reason-required',
  'guard-blocked',
  'transition-blocked',
  'definition-invalid',
  'scoring-rules-invalid',
  'rule-budget-exceeded',
  'activity-not-completable',
  // listings and shortlists
  'annonce-in-use',
  'entry-closed',
  // messaging and channels
  'channel-not-configured',
  'whatsapp-template-required',
  'channel-secrets-required',
  'invalid-signature',
  'phone-number-mismatch',
  // documents and exports
  'document-too-large',
  'document-type-not-allowed',
  'document-integrity-error',
  'export-limit',
  'export-capacity',
  // cooperatives
  'invalid-lot-status',
  'kyc-incomplete',
  'pv-required',
  'contribution-conflict',
  'cycle-ended',
] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];

/** Codes more precise than their problem's type, given in the problem's `code`. */
export const PRECISE_PROBLEM_CODES = [
  'PERMISSION_REQUIRED',
  'CONTACT_EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'EXPORT_LIMIT_PER_ORG',
  'EXPORT_LIMIT_TOTAL',
] as const;

type Upper<S extends string> = S extends `${infer A}-${infer B}`
  ? `${Uppercase<A>}_${Upper<B>}`
  : Uppercase<S>;
/** The codes of the problem types, and the precise ones. */
export type ProblemCode = Upper<ProblemType> | (typeof PRECISE_PROBLEM_CODES)[number];

/** A problem type slug as its stable code: transition-blocked → TRANSITION_BLOCKED. */
export function problemCode(type: string): string {
  return (type.split('/').pop() ?? type).replace(/-/g, '_').toUpperCase();
}

/** Every code the API's HTTP problems may carry (DomainError codes: services/error-codes.ts). */
export const HTTP_PROBLEM_CODES: readonly string[] = [
  ...PROBLEM_TYPES.map(problemCode),
  ...PRECISE_PROBLEM_CODES,
];
