import { useQuery } from '@tanstack/react-query';
import { API_URL } from '../providers/data-provider';
import { request } from '../providers/http';
import { getUser } from '../providers/session';

export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP', 'PHONE'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const SEND_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP'] as const;
export type SendChannel = (typeof SEND_CHANNELS)[number];

export interface ConsentState {
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

export const consentsKey = (contactId: string) => ['consents', contactId];

export function useConsents(contactId: string | null | undefined) {
  return useQuery({
    queryKey: consentsKey(contactId ?? ''),
    queryFn: () => request<Consents>(`${API_URL}/contacts/${contactId}/consents`),
    enabled: !!contactId,
  });
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
