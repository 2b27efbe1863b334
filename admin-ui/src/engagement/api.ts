import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../providers/data-provider';
import { request } from '../providers/http';
import { getUser } from '../providers/session';

export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const SEND_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

export interface ConsentState {
  /** CONTACT: the person's general choice; DOSSIER: their choice for one dossier only. */
  scope?: 'CONTACT' | 'DOSSIER';
  contactId?: string;
  dossierId?: string | null;
  status: 'OPT_IN' | 'OPT_OUT';
  source: string;
  proof: string | null;
  comment: string | null;
  decidedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
}
export type Consents = Record<ConsentChannel, ConsentState | null>;

export interface ConsentHistoryRow {
  at: string;
  actorId: string | null;
  actorType: string;
  before: (Partial<ConsentState> & { channel?: string }) | null;
  after: (Partial<ConsentState> & { channel?: string }) | null;
}

export interface MessageView {
  id: string;
  channel: string;
  deliveryStatus: string;
  failureReason: string | null;
  attempts: number;
  providerId: string | null;
}

export const FINAL_DELIVERY = new Set(['SENT', 'DELIVERED', 'READ', 'FAILED', 'RECEIVED']);

/** Per channel, for a dossier: what applies, the dossier's own choice and the general one. */
export interface DossierConsentChannel {
  status: 'OPT_IN' | 'OPT_OUT' | null;
  scope: 'CONTACT' | 'DOSSIER' | null;
  dossier: ConsentState | null;
  contact: ConsentState | null;
}
export interface DossierConsents {
  contactId: string;
  channels: Record<ConsentChannel, DossierConsentChannel>;
}

/** Keyed by contact first so invalidating ['consents', contactId] refreshes every dossier view too. */
export const consentsKey = (contactId: string) => ['consents', contactId];
const dossierConsentsKey = (contactId: string, dossierId: string) => [
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
    queryFn: () => request<DossierConsents>(`${API_URL}/dossiers/${dossierId}/consents`),
    enabled: !!contactId && !!dossierId,
  });
}

/**
 * Current consents of a contact; with a dossier, the choices that apply to messages about it (a
 * dossier's own choice overrides the general one there).
 */
export function useConsents(contactId: string | null | undefined, dossierId?: string) {
  const general = useQuery({
    queryKey: consentsKey(contactId ?? ''),
    queryFn: () => request<Consents>(`${API_URL}/contacts/${contactId}/consents`),
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
