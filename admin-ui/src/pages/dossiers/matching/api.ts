import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../../../providers/data-provider';
import { request } from '../../../providers/http';
import type { ShortlistStatus } from '../../../../../definitions/shortlist.js';
import type { Annonce } from '../../annonces/types';

export type MatchStatus = 'MATCH' | 'PARTIAL' | 'MISS';
export interface Explanation {
  criterion: string;
  status: MatchStatus;
  detail: string;
  weight?: number;
}

export interface MatchItem {
  annonceId: string;
  score: number;
  explanation: Explanation[];
  shortlist: { entryId: string; status: ShortlistStatus } | null;
  annonce: Annonce;
}

export { SHORTLIST_STATUSES, type ShortlistStatus } from '../../../../../definitions/shortlist.js';

export interface ShortlistEntry {
  id: string;
  annonceId: string;
  status: ShortlistStatus;
  next: ShortlistStatus[];
  statusChangedAt: string;
  score: number | null;
  explanation: Explanation[] | null;
  comment: string | null;
  version: number;
  annonce: Annonce | null;
  history: Array<{ from: string | null; to: string; actorId: string | null; at: string }>;
}

/** The dossier's search as GET/PUT /dossiers/:id/criteria reads it (budgets in euros). */
export interface Criteria {
  version: number;
  transaction?: 'SALE' | 'RENT' | null;
  budgetMin: number | null;
  budgetMax: number | null;
  cities?: string[];
  zones?: string[];
  propertyTypes?: string[];
  roomsMin?: number | null;
  bedroomsMin?: number | null;
  surfaceMin?: number | null;
  requiredFeatures?: string[];
  niceFeatures?: string[];
  near?: { lat: number; lng: number; radiusKm: number } | null;
}

export const dossierUrl = (id: string) => `${API_URL}/dossiers/${id}`;
export const langOf = (language: string) => (language.startsWith('en') ? 'en' : 'fr');

export function useCriteria(dossierId: string) {
  return useQuery({
    queryKey: ['dossier-criteria', dossierId],
    queryFn: () => request<Criteria>(`${dossierUrl(dossierId)}/criteria`),
  });
}

export function useShortlist(dossierId: string) {
  return useQuery({
    queryKey: ['dossier-shortlist', dossierId],
    queryFn: () => request<{ data: ShortlistEntry[] }>(`${dossierUrl(dossierId)}/shortlist`),
  });
}

export const STATUS_COLORS: Record<MatchStatus, string> = { MATCH: 'green', PARTIAL: 'orange', MISS: 'red' };
export const SHORTLIST_COLORS: Record<ShortlistStatus, string> = {
  SHORTLISTED: 'blue',
  PROPOSED: 'cyan',
  VISITED: 'geekblue',
  SELECTED: 'green',
  REJECTED: 'red',
};
