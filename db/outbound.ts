import { addTimelineEvent } from './activities.js';
import { assertConsent, ConsentRequiredError, type ConsentChannel } from './consent.js';
import { Message, MessageOutbox, type IMessage } from './entities/index.js';
import type { Em } from './orm.js';

/** Channels Atlas sends through; PHONE is logged, never sent. */
export const SENDABLE_CHANNELS = ['EMAIL', 'SMS', 'WHATSAPP'] as const;
export type SendableChannel = (typeof SENDABLE_CHANNELS)[number];
const FINAL = new Set(['SENT', 'DELIVERED', 'READ', 'FAILED']);
const WINDOW_MS = 24 * 3600 * 1000;

/** WhatsApp free text is only allowed within 24 h of the contact's last inbound WhatsApp message. */
export class WhatsAppWindowClosedError extends Error {
  override name = 'WhatsAppWindowClosedError';
  constructor() {
    super(
      'The last WhatsApp message from this contact is more than 24 hours old (or there is none): only an approved template may be sent.',
    );
  }
}

export async function whatsAppWindowOpen(em: Em, contactId: string, now: Date): Promise<boolean> {
  const rows = await em.execute<{ at: Date | null }[]>(
    `select max(timestamp) as at from message
      where contact_id = ? and channel = 'WHATSAPP' and direction = 'INBOUND'`,
    [contactId],
  );
  const at = rows[0]?.at;
  return !!at && now.getTime() - new Date(at).getTime() <= WINDOW_MS;
}

/** What the send-time checks decide about a queued message. */
export type Claim =
  | { kind: 'send'; message: IMessage }
  | { kind: 'final'; status: string }
  | { kind: 'refused'; reason: string };

/** The message's own timeline entry shows its current delivery status (the feed reads it there). */
export async function syncMessageEntry(em: Em, messageId: string, status: string): Promise<void> {
  await em.execute(
    `update timeline_event set payload = jsonb_set(coalesce(payload, '{}'::jsonb), '{deliveryStatus}', to_jsonb(?::text))
      where source_key = ?`,
    [status, `message:${messageId}`],
  );
}

function statusEvent(em: Em, m: IMessage, title: string, payload: Record<string, unknown>) {
  addTimelineEvent(em, {
    orgId: m.orgId,
    dossierId: m.dossierId ?? null,
    contactId: m.contactId ?? null,
    kind: 'MESSAGE_STATUS',
    channel: m.channel,
    direction: 'OUTBOUND',
    authorId: null,
    title,
    body: null,
    payload: { messageId: m.id, ...payload },
    occurredAt: new Date(),
    sourceKey: `message-status:${m.id}:${String(payload.deliveryStatus)}`,
  });
}

/**
 * Send-time checks, in the sending activity's transaction (F-6.2: a person who opted out after the
 * message was queued gets nothing): consent, the WhatsApp window; then the message is marked
 * SENDING with one more attempt, committed before the provider is called.
 */
export async function claimForSending(em: Em, messageId: string, now: Date): Promise<Claim> {
  const m = await em.findOne(Message, { id: messageId }, { refresh: true });
  if (!m) return { kind: 'final', status: 'MISSING' };
  if (FINAL.has(m.deliveryStatus)) return { kind: 'final', status: m.deliveryStatus };
  try {
    if (!m.contactId) throw new Error('no recipient');
    await assertConsent(em, m.contactId, m.channel as ConsentChannel, m.dossierId ?? null);
    if (m.channel === 'WHATSAPP' && !m.template && !(await whatsAppWindowOpen(em, m.contactId, now)))
      throw new WhatsAppWindowClosedError();
  } catch (err) {
    if (!(err instanceof ConsentRequiredError) && !(err instanceof WhatsAppWindowClosedError)) throw err;
    await markFailed(em, messageId, err.message, err instanceof ConsentRequiredError ? 'CONSENT' : 'WINDOW');
    return { kind: 'refused', reason: err.message };
  }
  m.deliveryStatus = 'SENDING';
  m.deliveryStatusAt = now;
  m.attempts += 1;
  await em.flush();
  return { kind: 'send', message: m };
}

export async function markSent(em: Em, messageId: string, providerId: string): Promise<void> {
  const m = await em.findOne(Message, { id: messageId }, { refresh: true });
  if (!m || FINAL.has(m.deliveryStatus)) return;
  m.deliveryStatus = 'SENT';
  m.deliveryStatusAt = new Date();
  m.providerId = providerId;
  m.failureReason = null;
  await em.flush();
  await em.nativeDelete(MessageOutbox, { messageId });
  statusEvent(em, m, `${m.channel} sent`, { deliveryStatus: 'SENT', providerId });
  await syncMessageEntry(em, messageId, 'SENT');
  await em.flush();
}

/** Ends a message FAILED with the reason (provider refusal, consent, retries exhausted); idempotent. */
export async function markFailed(
  em: Em,
  messageId: string,
  reason: string,
  cause = 'PROVIDER',
): Promise<void> {
  const m = await em.findOne(Message, { id: messageId }, { refresh: true });
  if (!m || FINAL.has(m.deliveryStatus)) return;
  m.deliveryStatus = 'FAILED';
  m.deliveryStatusAt = new Date();
  m.failureReason = reason.slice(0, 2000);
  await em.flush();
  await em.nativeDelete(MessageOutbox, { messageId });
  statusEvent(em, m, `${m.channel} not sent: ${reason}`.slice(0, 300), {
    deliveryStatus: 'FAILED',
    cause,
    reason,
  });
  await em.flush();
}
