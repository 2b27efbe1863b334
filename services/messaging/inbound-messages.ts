import { randomUUID } from 'node:crypto';
import { addTimelineEvent, touchContactInteraction } from '../../db/activities.js';
import { recordConsent } from '../../db/consent.js';
import { Contact, Dossier, Message } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { syncMessageEntry } from '../../db/outbound.js';
import { isE164 } from '../../definitions/e164.js';

/** Words that, alone in an inbound SMS/WhatsApp message, mean "stop writing to me" (F-6.3). */
export const DEFAULT_STOP_KEYWORDS = [
  'STOP',
  'ARRET',
  'ARRÊT',
  'STOP WHATSAPP',
  'STOP SMS',
  'UNSUBSCRIBE',
  'DESABONNER',
];

export function isStopMessage(text: string, keywords: readonly string[] = DEFAULT_STOP_KEYWORDS): boolean {
  const normalized = text
    .trim()
    .toUpperCase()
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');
  const plain = normalized.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return keywords.some((k) => {
    const key = k.toUpperCase();
    return normalized === key || plain === key.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  });
}

export interface InboundText {
  channel: 'WHATSAPP' | 'SMS';
  providerId: string;
  /** E.164 with its +. */
  from: string;
  profileName: string | null;
  text: string;
  at: Date;
}

/**
 * The sender's E.164 number, or null for anything else (an alphanumeric sender id, or text such as
 * `=cmd` that an unauthenticated webhook caller would otherwise turn into a contact's name).
 */
export function senderPhone(from: string): string | null {
  const phone = from.trim();
  return isE164(phone) ? phone : null;
}

/** The sender's contact: found by number, or a new lead; null for an unknown (non-number) sender. */
export async function senderContact(em: Em, orgId: string, msg: InboundText) {
  if (!senderPhone(msg.from)) return null;
  return (await findContactByPhone(em, msg.from)) ?? (await createContactFromSender(em, orgId, msg));
}

export async function findContactByPhone(em: Em, phone: string) {
  return em.findOne(Contact, { phone, mergedIntoId: null }, { orderBy: { createdAt: 'asc' } });
}

/** An unknown sender becomes a lead contact; `.invalid` (RFC 2606) marks the email as still to ask. */
export async function createContactFromSender(em: Em, orgId: string, msg: InboundText) {
  const digits = msg.from.replace(/\D/g, '');
  const [first, ...rest] = (msg.profileName ?? '').trim().split(/\s+/).filter(Boolean);
  const contact = em.create(Contact, {
    orgId,
    firstName: first ?? msg.channel,
    lastName: rest.join(' ') || msg.from,
    email: `${msg.channel.toLowerCase()}-${digits}@unknown.invalid`,
    phone: msg.from,
    status: 'lead',
    source: msg.channel,
    tags: [],
  });
  await em.flush();
  return contact;
}

export async function openDossierOf(em: Em, contactId: string) {
  return em.findOne(Dossier, { contactId, closedAt: null }, { orderBy: { createdAt: 'desc' } });
}

/**
 * Stores an inbound message once (the provider id is unique per channel, so a redelivered webhook
 * changes nothing) on the contact and its open dossier; a STOP message records the opt-out with the
 * message as proof. A null contact is an unknown sender: the message is kept, on no one. Returns
 * whether it was new.
 */
export async function storeInbound(
  em: Em,
  orgId: string,
  contactId: string | null,
  dossierId: string | null,
  msg: InboundText,
): Promise<boolean> {
  const id = randomUUID();
  const inserted = await em.execute<{ id: string }[]>(
    `insert into message (id, org_id, dossier_id, contact_id, direction, channel, content, timestamp,
       delivery_status, provider_id, attempts, version, created_at, updated_at)
     values (?, ?, ?, ?, 'INBOUND', ?, ?, ?, 'RECEIVED', ?, 0, 1, now(), now())
     on conflict (org_id, channel, provider_id) where provider_id is not null do nothing returning id`,
    [id, orgId, dossierId, contactId, msg.channel, msg.text, msg.at, msg.providerId],
  );
  if (!inserted.length) return false;
  addTimelineEvent(em, {
    orgId,
    dossierId,
    contactId,
    kind: 'MESSAGE',
    channel: msg.channel,
    direction: 'INBOUND',
    authorId: null,
    title: msg.text.slice(0, 120),
    body: msg.text,
    payload: { messageId: id, deliveryStatus: 'RECEIVED' },
    occurredAt: msg.at,
    sourceKey: `message:${id}`,
  });
  await em.flush();
  if (!contactId) return true;
  await touchContactInteraction(em, orgId, contactId, msg.at);
  if (isStopMessage(msg.text))
    await recordConsent(em, { orgId }, contactId, msg.channel, {
      status: 'OPT_OUT',
      source: 'INBOUND_STOP',
      proof: `${msg.channel} message ${msg.providerId}: "${msg.text.slice(0, 200)}"`,
    });
  return true;
}

const RANK: Record<string, number> = { PENDING: 0, SENDING: 1, SENT: 2, DELIVERED: 3, READ: 4, FAILED: 5 };

/** A provider's delivery callback moves the status forward only (READ never goes back to DELIVERED). */
export async function applyDeliveryStatus(
  em: Em,
  channel: string,
  providerId: string,
  status: 'SENT' | 'DELIVERED' | 'READ' | 'FAILED',
  reason: string | null,
): Promise<boolean> {
  const m = await em.findOne(Message, { channel, providerId });
  if (!m || (RANK[m.deliveryStatus] ?? 0) >= (RANK[status] ?? 0)) return false;
  m.deliveryStatus = status;
  m.deliveryStatusAt = new Date();
  if (reason) m.failureReason = reason;
  await em.flush();
  await syncMessageEntry(em, m.id, status);
  addTimelineEvent(em, {
    orgId: m.orgId,
    dossierId: m.dossierId ?? null,
    contactId: m.contactId ?? null,
    kind: 'MESSAGE_STATUS',
    channel,
    direction: 'OUTBOUND',
    authorId: null,
    title: `${channel} ${status.toLowerCase()}${reason ? `: ${reason}` : ''}`.slice(0, 300),
    body: null,
    payload: { messageId: m.id, deliveryStatus: status },
    occurredAt: new Date(),
    sourceKey: `message-status:${m.id}:${status}`,
  });
  await em.flush();
  return true;
}
