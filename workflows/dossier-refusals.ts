import { ApplicationFailure } from '@temporalio/workflow';

/** Why the dossier workflow refused a request; the API maps each to its HTTP status. */
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

export const REFUSAL_HTTP_STATUS: Record<DossierRefusal, number> = {
  DossierNotFound: 404,
  DossierClosed: 422,
  DossierStaleState: 409,
  IllegalTransition: 422,
  TransitionForbidden: 403,
  ReasonRequired: 422,
  GuardBlocked: 422,
};

export function refuse(type: DossierRefusal, message: string, details?: Record<string, unknown>): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true, details: details ? [details] : [] });
}
