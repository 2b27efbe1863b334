/** Why the dossier engine refused a request (engine context): stable codes a client phrases. */
export const DossierErrorCode = {
  DOSSIER_NOT_FOUND: 'DOSSIER_NOT_FOUND',
  DOSSIER_CLOSED: 'DOSSIER_CLOSED',
  /** params: `status`, the dossier's status now (when known) */
  DOSSIER_STALE_STATE: 'DOSSIER_STALE_STATE',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  TRANSITION_FORBIDDEN: 'TRANSITION_FORBIDDEN',
  REASON_REQUIRED: 'REASON_REQUIRED',
  GUARD_BLOCKED: 'GUARD_BLOCKED',
  /** the workflow engine is not reachable; nothing was changed */
  TEMPORAL_UNAVAILABLE: 'TEMPORAL_UNAVAILABLE',
  DEFINITION_INVALID: 'DEFINITION_INVALID',
  SCORING_RULES_INVALID: 'SCORING_RULES_INVALID',
  /** a rule spent its evaluation budget; field errors name each rule */
  RULE_BUDGET_EXCEEDED: 'RULE_BUDGET_EXCEEDED',
} as const;
export type DossierErrorCode = (typeof DossierErrorCode)[keyof typeof DossierErrorCode];
