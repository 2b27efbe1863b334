/** Why a contribution cycle refused a decision (coop context): stable codes a client phrases. */
export const CoopCycleErrorCode = {
  /** params: `status` of the line and the refused `action` (when known) */
  CONTRIBUTION_CONFLICT: 'CONTRIBUTION_CONFLICT',
  CYCLE_ENDED: 'CYCLE_ENDED',
  /** a decision without its reason or proof; field errors say which */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
  KYC_INCOMPLETE: 'KYC_INCOMPLETE',
  PV_REQUIRED: 'PV_REQUIRED',
  INVALID_LOT_STATUS: 'INVALID_LOT_STATUS',
  /** a group's move refused by its pipeline */
  TRANSITION_BLOCKED: 'TRANSITION_BLOCKED',
} as const;
export type CoopCycleErrorCode = (typeof CoopCycleErrorCode)[keyof typeof CoopCycleErrorCode];
