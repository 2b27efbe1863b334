import { CommonErrorCode } from './common-error-codes.js';
import { CoopCycleErrorCode } from './coop/error-codes.js';
import { ContactErrorCode, ImportErrorCode, SearchErrorCode, TaskErrorCode } from './crm/error-codes.js';
import { DossierErrorCode } from './engine/error-codes.js';
import { AnnonceErrorCode } from './listings/error-codes.js';

/**
 * Every code a DomainError may carry, per bounded context: the API sends it as the problem's `code`
 * and the admin UI phrases each one in fr/en/ar (test/unit/problem-phrases.test.ts).
 */
export const DOMAIN_ERROR_CODES = {
  common: Object.values(CommonErrorCode),
  engine: Object.values(DossierErrorCode),
  crm: [
    ...Object.values(SearchErrorCode),
    ...Object.values(ContactErrorCode),
    ...Object.values(TaskErrorCode),
    ...Object.values(ImportErrorCode),
  ],
  listings: Object.values(AnnonceErrorCode),
  coop: Object.values(CoopCycleErrorCode),
} as const;

export type DomainErrorCode =
  | CommonErrorCode
  | DossierErrorCode
  | SearchErrorCode
  | ContactErrorCode
  | TaskErrorCode
  | ImportErrorCode
  | AnnonceErrorCode
  | CoopCycleErrorCode;
