/**
 * The password policy's numbers (NIST SP 800-63B): length is what counts, no composition rules.
 * Shared by the API, which enforces it, and the admin UI, which says it before the user types.
 */
export const PASSWORD_MIN_LENGTH = 12;
/** Generous, so passphrases fit (NIST asks for at least 64). */
export const PASSWORD_MAX_LENGTH = 200;

/** Field-level reason codes a refusal carries (problem+json `errors[].code`). */
export const PASSWORD_CODES = {
  TOO_SHORT: 'PASSWORD_TOO_SHORT',
  COMMON: 'PASSWORD_COMMON',
  GUESSABLE: 'PASSWORD_GUESSABLE',
  REUSED: 'PASSWORD_REUSED',
  CURRENT_WRONG: 'PASSWORD_CURRENT_WRONG',
} as const;

/** Length as NIST counts it: Unicode code points of the NFKC-normalised password. */
export function passwordLength(password: string): number {
  return [...password.normalize('NFKC')].length;
}
