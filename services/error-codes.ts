import { AnnonceErrorCode } from './listings/error-codes.js';

/**
 * Every code a DomainError may carry, per bounded context: the API sends it as the problem's `code`
 * and the admin UI phrases each one in fr/en/ar (test/unit/problem-phrases.test.ts).
 */
export const DOMAIN_ERROR_CODES = {
  listings: Object.values(AnnonceErrorCode),
} as const;

export type DomainErrorCode = AnnonceErrorCode;
