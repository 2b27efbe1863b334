/** A cooperative member's status (F-10.2) and the moves it allows; EXITED and EXCLUDED are final. */
export const COOP_MEMBER_STATUSES = ['PENDING_KYC', 'ACTIVE', 'SUSPENDED', 'EXITED', 'EXCLUDED'] as const;
export type CoopMemberStatus = (typeof COOP_MEMBER_STATUSES)[number];

/** Allowed member status moves: the API enforces them, the admin UI offers them. */
export const MEMBER_MOVES: Readonly<Record<CoopMemberStatus, readonly CoopMemberStatus[]>> = {
  PENDING_KYC: ['ACTIVE', 'EXITED', 'EXCLUDED'],
  ACTIVE: ['SUSPENDED', 'EXITED', 'EXCLUDED'],
  SUSPENDED: ['ACTIVE', 'EXITED', 'EXCLUDED'],
  EXITED: [],
  EXCLUDED: [],
};
