import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { addTimelineEvent } from '../../db/activities.js';
import { recordAudit } from '../../db/audit.js';
import { assertConsent } from '../../db/consent.js';
import { Contact, Dossier, Message, MessageOutbox } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { whatsAppWindowOpen, type SendableChannel } from '../../db/outbound.js';
import { messageDelivery, messageWorkflowId } from '../../workflows/message-delivery.js';
import { problems } from '../problem.js';
import type { Actor } from './activity-records.js';
import { whatsAppConfigView } from '../../db/channel-config.js';

export interface SendInput {
  channel: SendableChannel;
  content: string;
  subject?: string | null;
  template?: { name: string; language: string; parameters?: string[] } | null;
}

export interface QueuedMessage {
  id: string;
  orgId: string;
  dossierId: string | null;
  contactId: string;
  channel: string;
  deliveryStatus: string;
  toAddress: string;
}

/**
 * Queues an outbound message in the caller's transaction (F-7.4): checks (recipient address, consent
 * — the same gate the sending activity runs again at send time —, WhatsApp's 24-hour window), then the
 * message PENDING, its outbox row, its timeline event and audit record, all or nothing.
 */
export async function queueOutbound(
  em: Em,
  actor: Actor,
  target: { dossierId: string | null; contactId: string | null },
  input: SendInput,
): Promise<QueuedMessage> {
  let contactId = target.contactId;
  if (target.dossierId) {
    const dossier = await em.findOne(Dossier, { id: target.dossierId });
    if (!dossier) throw problems.notFound('Dossier');
    contactId ??= dossier.contactId ?? null;
  }
  if (!contactId)
    throw problems.validation([{ field: 'contactId', message: 'the dossier has no contact to write to' }]);
  const contact = await em.findOne(Contact, { id: contactId });
  if (!contact) throw problems.notFound('Contact');
  const to = input.channel === 'EMAIL' ? contact.email : (contact.phone ?? null);
  if (!to)
    throw problems.validation([
      {
        field: 'channel',
        message: `the contact has no ${input.channel === 'EMAIL' ? 'email' : 'phone number'}`,
      },
    ]);
  if (input.channel === 'EMAIL' && !input.subject)
    throw problems.validation([{ field: 'subject', message: 'is required for an email' }]);
  await assertConsent(em, contact.id, input.channel, target.dossierId ?? null);
  // WhatsApp goes out from the organisation's own number only: none yet, nothing to queue.
  if (input.channel === 'WHATSAPP' && !(await whatsAppConfigView(em, actor.orgId)).configured)
    throw problems.unprocessable(
      'channel-not-configured',
      'Channel not configured',
      'The organisation has no WhatsApp number yet (an admin sets it in the settings).',
      {
        errors: [
          { field: 'channel', message: 'has no number in this organisation', code: 'CHANNEL_NOT_CONFIGURED' },
        ],
      },
    );
  const now = new Date();
  if (input.channel === 'WHATSAPP' && !input.template && !(await whatsAppWindowOpen(em, contact.id, now)))
    throw problems.unprocessable(
      'whatsapp-template-required',
      'Template required',
      'The contact has not written on WhatsApp in the last 24 hours: only an approved template message may be sent.',
      { errors: [{ field: 'template', message: 'required outside the 24-hour customer service window' }] },
    );
  const template = input.template
    ? {
        name: input.template.name,
        language: input.template.language,
        parameters: input.template.parameters ?? [],
      }
    : null;
  const message = em.create(Message, {
    id: randomUUID(),
    orgId: actor.orgId,
    dossierId: target.dossierId,
    contactId: contact.id,
    direction: 'OUTBOUND',
    channel: input.channel,
    content: input.content,
    subject: input.subject ?? null,
    template,
    toAddress: to,
    timestamp: now,
    deliveryStatus: 'PENDING',
    authorId: actor.userId,
    attempts: 0,
  });
  await em.flush(); // the outbox row references the message: the message goes first
  em.create(MessageOutbox, { messageId: message.id, orgId: actor.orgId });
  addTimelineEvent(em, {
    orgId: actor.orgId,
    dossierId: target.dossierId,
    contactId: contact.id,
    kind: 'MESSAGE',
    channel: input.channel,
    direction: 'OUTBOUND',
    authorId: actor.userId,
    title: (input.subject ?? input.content).slice(0, 120),
    body: input.content,
    payload: { messageId: message.id, deliveryStatus: 'PENDING' },
    occurredAt: now,
    sourceKey: `message:${message.id}`,
  });
  await em.flush();
  const queued: QueuedMessage = {
    id: message.id,
    orgId: actor.orgId,
    dossierId: target.dossierId,
    contactId: contact.id,
    channel: input.channel,
    deliveryStatus: 'PENDING',
    toAddress: to,
  };
  await recordAudit(em, actor, {
    entityType: 'Message',
    entityId: message.id,
    action: 'SEND',
    after: { ...queued },
  });
  return queued;
}

/**
 * Starts the delivery after the commit. A failure here loses nothing: the outbox row stays and the
 * sweep starts the delivery within a minute.
 */
export async function startDelivery(
  temporal: Client | undefined,
  taskQueue: string,
  q: Pick<QueuedMessage, 'id' | 'orgId'> & { orgSlug?: string },
  log: { warn: (o: object, m: string) => void },
): Promise<void> {
  if (!temporal) return;
  try {
    await temporal.workflow.start(messageDelivery, {
      taskQueue,
      workflowId: messageWorkflowId(q.id),
      args: [{ orgId: q.orgId, messageId: q.id }],
      searchAttributes: {
        OrgId: [q.orgId],
        ...(q.orgSlug ? { OrgSlug: [q.orgSlug] } : {}),
        CaseType: ['MESSAGE'],
        EntityId: [q.id],
      },
    });
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError))
      log.warn({ err, messageId: q.id }, 'delivery not started; the outbox sweep will');
  }
}
