/**
 * The shortlist of a dossier (F-8.3): properties proposed to a client and how far each got. Pure.
 * SHORTLISTED → PROPOSED → VISITED → SELECTED | REJECTED; any open entry can be REJECTED, a proposed
 * one can be SELECTED without a visit, and a REJECTED one can be put back on the shortlist.
 */
export const SHORTLIST_STATUSES = ['SHORTLISTED', 'PROPOSED', 'VISITED', 'SELECTED', 'REJECTED'] as const;
export type ShortlistStatus = (typeof SHORTLIST_STATUSES)[number];

const NEXT: Record<ShortlistStatus, readonly ShortlistStatus[]> = {
  SHORTLISTED: ['PROPOSED', 'REJECTED'],
  PROPOSED: ['VISITED', 'SELECTED', 'REJECTED'],
  VISITED: ['SELECTED', 'REJECTED'],
  SELECTED: [],
  REJECTED: ['SHORTLISTED'],
};

export function shortlistNext(from: ShortlistStatus): readonly ShortlistStatus[] {
  return NEXT[from];
}

export function canMoveShortlist(from: ShortlistStatus, to: ShortlistStatus): boolean {
  return NEXT[from].includes(to);
}
