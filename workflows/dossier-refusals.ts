import { ApplicationFailure } from '@temporalio/workflow';
import type { DomainErrorKind } from '../services/domain-error.js';
import type { DossierErrorCode } from '../services/engine/error-codes.js';

/** Why the dossier workflow refused a request (the failure type in its history). */
export const DossierRefusal = {
  NOT_FOUND: 'DossierNotFound',
  CLOSED: 'DossierClosed',
  STALE_STATE: 'DossierStaleState',
  ILLEGAL: 'IllegalTransition',
  FORBIDDEN: 'TransitionForbidden',
  REASON_REQUIRED: 'ReasonRequired',
  BLOCKED: 'GuardBlocked',
} as const;
export type DossierRefusal = (typeof DossierRefusal)[keyof typeof DossierRefusal];

/** The stable codes the API sends for each refusal (engine context), and what kind of refusal each is. */
export const DOSSIER_REFUSAL_CODE: Record<DossierRefusal, { code: DossierErrorCode; kind: DomainErrorKind }> =
  {
    DossierNotFound: { code: 'DOSSIER_NOT_FOUND', kind: 'not-found' },
    DossierClosed: { code: 'DOSSIER_CLOSED', kind: 'invalid' },
    DossierStaleState: { code: 'DOSSIER_STALE_STATE', kind: 'conflict' },
    IllegalTransition: { code: 'ILLEGAL_TRANSITION', kind: 'invalid' },
    TransitionForbidden: { code: 'TRANSITION_FORBIDDEN', kind: 'forbidden' },
    ReasonRequired: { code: 'REASON_REQUIRED', kind: 'invalid' },
    GuardBlocked: { code: 'GUARD_BLOCKED', kind: 'invalid' },
  };

export function refuse(type: DossierRefusal, message: string, details?: Record<string, unknown>): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : [] });
}
