/** Why a listing move was refused (listings context): stable codes a client phrases. */
export const AnnonceErrorCode = {
  STALE_VERSION: 'STALE_VERSION',
  /** params: `status`, the listing's status now */
  STALE_STATE: 'STALE_STATE',
  TRANSITION_FORBIDDEN: 'TRANSITION_FORBIDDEN',
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  GUARD_BLOCKED: 'GUARD_BLOCKED',
  /** a listing still referenced (dossier, shortlist, visit, photo) cannot be deleted */
  ANNONCE_IN_USE: 'ANNONCE_IN_USE',
} as const;
export type AnnonceErrorCode = (typeof AnnonceErrorCode)[keyof typeof AnnonceErrorCode];
