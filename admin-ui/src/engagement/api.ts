import { useQuery } from '@tanstack/react-query';
import { CONSENT_CHANNELS, type ConsentChannel } from '../../../definitions/consent.js';
import { api, ok, type Reply, type RequestBody } from '../api/client';
import { getUser } from '../providers/session';

export { CONSENT_CHANNELS, type ConsentChannel } from '../../../definitions/consent.js';

/** What GET /contacts/{id}/consents answers: each channel's current choice, or null. */
export type Consents = Reply<'/api/v1/contacts/{id}/consents', 'get'>;
export type ConsentState = NonNullable<Consents[ConsentChannel]>;
export type ConsentHistoryRow = Reply<'/api/v1/contacts/{id}/consents/history', 'get'>['data'][number];

export type SendChannel = RequestBody<'/api/v1/contacts/{id}/messages', 'post'>['channel'];
export const SEND_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP'] as const satisfies readonly SendChannel[];

export type MessageView = Reply<'/api/v1/messages/{id}', 'get'>;

export const FINAL_DELIVERY = new Set(['SENT', 'DELIVERED', 'READ', 'FAILED', 'RECEIVED']);

/** Per channel, for a dossier: what applies, the dossier's own choice and the general one. */
export type DossierConsents = Reply<'/api/v1/dossiers/{id}/consents', 'get'>;
export type DossierConsentChannel = DossierConsents['channels'][ConsentChannel];

/** Keyed by contact first so invalidating ['consents', contactId] refreshes every dossier view too. */
export const consentsKey = (contactId: string) => ['consents', contactId];
export const dossierConsentsKey = (contactId: string, dossierId: string) => [
  'consents',
  contactId,
  'dossier',
  dossierId,
];

/** The choice that decides each channel: the decision the server's gate applies. */
export function effectiveConsents(d: DossierConsents): Consents {
  const pick = (c: DossierConsentChannel) =>
    c.scope === 'DOSSIER' ? c.dossier : c.scope === 'CONTACT' ? c.contact : null;
  return Object.fromEntries(CONSENT_CHANNELS.map((ch) => [ch, pick(d.channels[ch])])) as Consents;
}

export function useDossierConsents(contactId: string | null | undefined, dossierId: string | undefined) {
  return useQuery({
    queryKey: dossierConsentsKey(contactId ?? '', dossierId ?? ''),
    queryFn: () =>
      ok(api.GET('/api/v1/dossiers/{id}/consents', { params: { path: { id: dossierId ?? '' } } })),
    enabled: !!contactId && !!dossierId,
    // Seeded by the dossier workspace read; every consent change invalidates ['consents', contactId].
    staleTime: 30_000,
  });
}

/**
 * Current consents of a contact; with a dossier, the choices that apply to messages about it (a
 * dossier's own choice overrides the general one there).
 */
export function useConsents(contactId: string | null | undefined, dossierId?: string) {
  const general = useQuery({
    queryKey: consentsKey(contactId ?? ''),
    queryFn: () =>
      ok(api.GET('/api/v1/contacts/{id}/consents', { params: { path: { id: contactId ?? '' } } })),
    enabled: !!contactId && !dossierId,
  });
  const forDossier = useDossierConsents(contactId, dossierId);
  if (!dossierId) return general;
  return { ...forDossier, data: forDossier.data ? effectiveConsents(forDossier.data) : undefined };
}

/** Does the signed-in user hold `permission`? (The server stays the judge.) */
export function can(permission: string): boolean {
  return getUser()?.permissions.includes(permission) ?? false;
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
