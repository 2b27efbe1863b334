/** Why a contribution cycle refused a decision (coop context): stable codes a client phrases. */
export const CoopCycleErrorCode = {
  /** params: `status` of the line and the refused `action` (when known) */
  CONTRIBUTION_CONFLICT: 'CONTRIBUTION_CONFLICT',
  CYCLE_ENDED: 'CYCLE_ENDED',
  /** a decision without its reason or proof; field errors say which */
  VALIDATION_ERROR: 'VALIDATION_ERROR',
} as const;
export type CoopCycleErrorCode = (typeof CoopCycleErrorCode)[keyof typeof CoopCycleErrorCode];
