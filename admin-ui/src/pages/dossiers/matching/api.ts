import { useQuery } from '@tanstack/react-query';
import { api, ok, type Reply } from '../../../api/client';
import type { ShortlistStatus } from '../../../../../definitions/shortlist.js';

/** POST /dossiers/{id}/matches: the listings ranked for the dossier's search, explained. */
export type MatchItem = Reply<'/api/v1/dossiers/{id}/matches', 'post'>['data'][number];
export type Explanation = MatchItem['explanation'][number];
export type MatchStatus = Explanation['status'];

export { SHORTLIST_STATUSES, type ShortlistStatus } from '../../../../../definitions/shortlist.js';

export type ShortlistEntry = Reply<'/api/v1/dossiers/{id}/shortlist', 'get'>['data'][number];

/** The dossier's search as GET/PUT /dossiers/{id}/criteria reads it (budgets in euros). */
export type Criteria = Reply<'/api/v1/dossiers/{id}/criteria', 'get'>;

export const langOf = (language: string) => (language.startsWith('en') ? 'en' : 'fr');

export function useCriteria(dossierId: string) {
  return useQuery({
    queryKey: ['dossier-criteria', dossierId],
    queryFn: () => ok(api.GET('/api/v1/dossiers/{id}/criteria', { params: { path: { id: dossierId } } })),
  });
}

export function useShortlist(dossierId: string) {
  return useQuery({
    queryKey: ['dossier-shortlist', dossierId],
    queryFn: () => ok(api.GET('/api/v1/dossiers/{id}/shortlist', { params: { path: { id: dossierId } } })),
  });
}

export const STATUS_COLORS: Record<string, string> = { MATCH: 'green', PARTIAL: 'orange', MISS: 'red' };
export const SHORTLIST_COLORS: Record<string, string> = {
  SHORTLISTED: 'blue',
  PROPOSED: 'cyan',
  VISITED: 'geekblue',
  SELECTED: 'green',
  REJECTED: 'red',
} satisfies Record<ShortlistStatus, string>;
