import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiPath, ok, type Answer } from '../api/client';
import i18n from '../i18n';
import { ApiError, problemError, type ProblemDetails } from '../providers/http';
import { getToken } from '../providers/session';
import type { DocumentView } from './types';

/**
 * A coop read through the typed client: `key` names it under 'coop' (null: not yet), `load` is the
 * `api.GET(…)` call, whose 2xx body is the data. Every coop query key starts with 'coop', so one
 * invalidation refreshes a screen after a decision.
 */
export function useCoopQuery<D>(
  key: readonly unknown[] | null,
  load: () => Promise<Answer<D>>,
  opts: { refetchInterval?: number } = {},
) {
  return useQuery({
    queryKey: ['coop', ...(key ?? []), i18n.language],
    queryFn: () => ok(load()),
    enabled: key !== null,
    ...opts,
  });
}

/** A group's members, in FIFO rank order (the API's default page, as the screens always read it). */
export function useCoopMembers(groupId: string) {
  return useCoopQuery(['members', groupId], () =>
    api.GET('/api/v1/coop/groups/{id}/members', { params: { path: { id: groupId } } }),
  );
}

export function useRefreshCoop() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['coop'] });
}

/** Uploads a file into the shared document store (multipart), owned by a coop record. */
export async function uploadDocument(
  ownerType: string,
  ownerId: string,
  kind: string,
  file: File,
): Promise<DocumentView> {
  const form = new FormData();
  form.append('ownerType', ownerType);
  form.append('ownerId', ownerId);
  form.append('kind', kind);
  form.append('file', file, file.name);
  const token = getToken();
  // A plain fetch: openapi-fetch's body typing is JSON's; apiPath still checks the path.
  const res = await fetch(apiPath('/api/v1/documents'), {
    method: 'POST',
    headers: token ? { Authorization: `Bearer ${token}`, Accept: 'application/json' } : {},
    body: form,
  });
  const body = (await res.json().catch(() => ({}))) as DocumentView & ProblemDetails;
  if (!res.ok) throw new ApiError(body.detail ?? body.title ?? res.statusText, res.status, body);
  return body;
}

/** The document's bytes (checked against their sha256 by the API) as a blob, with the bearer token. */
export async function documentBlob(id: string): Promise<Blob> {
  const { data, error, response } = await api.GET('/api/v1/documents/{id}/content', {
    params: { path: { id } },
    headers: { Accept: '*/*' },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw problemError(response, error);
  return data;
}

/** Saves a blob under a file name (a plain link cannot send the bearer token). */
export function saveBlob(blob: Blob, fileName: string) {
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}

export const ACCEPTED_DOCUMENTS = 'application/pdf,image/jpeg,image/png,image/webp';
