import { randomUUID } from 'node:crypto';
import { renderTemplate, type NotificationEvent } from '../definitions/notification-template.js';
import {
  Appointment,
  Contact,
  Dossier,
  Message,
  MessageOutbox,
  Notification,
  NotificationRule,
  User,
} from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

export interface NotifySubject {
  contactId?: string | null;
  dossierId?: string | null;
  appointmentId?: string | null;
  /** The agent concerned (the new assignee on LEAD_ASSIGNED); default: the record's agent. */
  agentId?: string | null;
  previousStatus?: string | null;
  /** Event-specific values (task.subject, timer.title…). */
  extra?: Record<string, string | null>;
  /** Makes the event unique (a transition's update id, an appointment version…): one send per rule and key. */
  key: string;
}

export interface QueuedRef {
  orgId: string;
  messageId: string;
}

function when(d: Date, timeZone = 'Europe/Paris') {
  return {
    date: new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full' }).format(d),
    time: new Intl.DateTimeFormat('fr-FR', { timeZone, timeStyle: 'short' }).format(d),
  };
}

async function valuesOf(em: Em, s: NotifySubject) {
  const dossier = s.dossierId ? await em.findOne(Dossier, { id: s.dossierId }) : null;
  const appointment = s.appointmentId ? await em.findOne(Appointment, { id: s.appointmentId }) : null;
  const contactId = s.contactId ?? appointment?.contactId ?? dossier?.contactId ?? null;
  const contact = contactId ? await em.findOne(Contact, { id: contactId }) : null;
  const agentId =
    s.agentId ?? appointment?.agentId ?? dossier?.assignedAgentId ?? contact?.assignedAgentId ?? null;
  const agent = agentId ? await em.findOne(User, { id: agentId }) : null;
  const at = appointment ? when(appointment.startAt) : null;
  const values: Record<string, string | null> = {
    'contact.firstName': contact?.firstName ?? null,
    'contact.lastName': contact?.lastName ?? null,
    'contact.source': contact?.source ?? null,
    'agent.name': agent?.fullName ?? null,
    'appointment.title': appointment?.title ?? null,
    'appointment.date': at?.date ?? null,
    'appointment.time': at?.time ?? null,
    'appointment.place': appointment?.place ?? null,
    'appointment.status': appointment?.status ?? null,
    'dossier.reference': dossier?.reference ?? null,
    'dossier.title': dossier?.title ?? null,
    'dossier.status': dossier?.statusCode ?? null,
    'dossier.previousStatus': s.previousStatus ?? null,
    ...s.extra,
  };
  return { values, dossier, contact, agentId };
}

/**
 * Applies the organisation's active rules for an event, in the caller's transaction (F-7.3): staff
 * recipients (assigned agent, managers) get an in-app notification; the contact gets a message on
 * the rule's channel through the outbox, where the consent gate decides at send time. Returns the
 * queued messages so an API caller can start their delivery after its commit (the sweep would too).
 */
export async function notifyEvent(
  em: Em,
  ctx: TenantContext,
  event: NotificationEvent,
  subject: NotifySubject,
): Promise<QueuedRef[]> {
  const rules = await em.find(NotificationRule, { event, isActive: true });
  if (!rules.length) return [];
  const { values, dossier, contact, agentId } = await valuesOf(em, subject);
  const queued: QueuedRef[] = [];
  for (const rule of rules) {
    if (rule.caseType && rule.caseType !== dossier?.caseType) continue;
    if (rule.statusCode && rule.statusCode !== dossier?.statusCode) continue;
    const staff = new Set<string>();
    if (rule.recipients.includes('ASSIGNED_AGENT') && agentId) staff.add(agentId);
    if (rule.recipients.includes('MANAGERS'))
      for (const m of await em.find(User, { roles: { $contains: ['MANAGER'] }, isActive: true }))
        staff.add(m.id);
    const text = renderTemplate(rule.template, 'fr', values);
    for (const recipientId of staff)
      em.create(Notification, {
        orgId: ctx.orgId,
        recipientId,
        kind: `RULE_${event}`,
        title: (text.subject ?? rule.name).slice(0, 255),
        body: text.body,
        entityType: subject.appointmentId ? 'Appointment' : subject.dossierId ? 'Dossier' : 'Contact',
        entityId: subject.appointmentId ?? subject.dossierId ?? subject.contactId ?? null,
      });
    if (!rule.recipients.includes('CONTACT') || rule.channel === 'IN_APP' || !contact) continue;
    const to = rule.channel === 'EMAIL' ? contact.email : (contact.phone ?? null);
    if (!to) continue;
    const dedupeKey = `rule:${rule.id}:${subject.key}`;
    if (await em.count(Message, { dedupeKey })) continue;
    const message = em.create(Message, {
      id: randomUUID(),
      orgId: ctx.orgId,
      dossierId: subject.dossierId ?? dossier?.id ?? null,
      contactId: contact.id,
      direction: 'OUTBOUND',
      channel: rule.channel,
      content: text.body,
      subject: rule.channel === 'EMAIL' ? (text.subject ?? rule.name) : null,
      // Outside a conversation WhatsApp takes approved templates only: one per event, the text as parameter.
      template:
        rule.channel === 'WHATSAPP'
          ? { name: `notification_${event.toLowerCase()}`, language: 'fr', parameters: [text.body] }
          : null,
      toAddress: to,
      timestamp: new Date(),
      deliveryStatus: 'PENDING',
      authorId: null,
      attempts: 0,
      dedupeKey,
    });
    await em.flush();
    em.create(MessageOutbox, { messageId: message.id, orgId: ctx.orgId });
    queued.push({ orgId: ctx.orgId, messageId: message.id });
  }
  await em.flush();
  return queued;
}
