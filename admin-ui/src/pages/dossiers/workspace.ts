import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { ApiError } from '../../providers/http';
import { timelineFirstPage, timelineKey } from '../../components/timeline';
import { appointmentsOfKey } from '../../engagement/appointments-card';
import { dossierConsentsKey } from '../../engagement/api';
import { lang, transitionsKey } from './transition';
import type { DossierWorkspace } from './types';

export const workspaceKey = (dossierId: string, l: 'fr' | 'en') => ['dossier-workspace', dossierId, l];

/**
 * Puts each part of the workspace where the card that shows it reads it, so the cards mount with
 * their data instead of each asking the API (the page in ≤ 4 calls, issue 17). Later refreshes of a
 * card (after a move, a consent change…) go to its own endpoint.
 */
function seed(queryClient: QueryClient, ws: DossierWorkspace, l: 'fr' | 'en') {
  const { dossier } = ws;
  queryClient.setQueryData(transitionsKey(dossier.id, l), ws.transitions);
  if (ws.consents && dossier.contactId)
    queryClient.setQueryData(dossierConsentsKey(dossier.contactId, dossier.id), ws.consents);
  if (ws.appointments)
    queryClient.setQueryData(appointmentsOfKey({ dossierId: dossier.id }), ws.appointments);
  if (ws.timeline)
    queryClient.setQueryData(timelineKey({ dossierId: dossier.id }), timelineFirstPage(ws.timeline));
}

/** The dossier page's first screen in one read: GET /dossiers/{id}/workspace. */
export function useDossierWorkspace(dossierId: string | undefined) {
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const l = lang(i18n.language);
  return useQuery({
    queryKey: workspaceKey(dossierId ?? '', l),
    enabled: !!dossierId,
    // A refusal (404 of another organisation's dossier, 403) is the answer: say it at once.
    retry: (count, error) => !(error instanceof ApiError && error.statusCode < 500) && count < 2,
    queryFn: async () => {
      const ws = await ok(
        api.GET('/api/v1/dossiers/{id}/workspace', {
          params: { path: { id: dossierId ?? '' }, query: { lang: l } },
        }),
      );
      seed(queryClient, ws, l);
      return ws;
    },
  });
}
