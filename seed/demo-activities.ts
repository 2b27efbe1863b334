/** Activity and message rows (with their timeline events) of the demo business data. */
import { randomUUID } from 'node:crypto';
import { timelineChannelOf, timelineDirectionOf } from '../db/activities.js';
import * as F from './demo-fixtures.js';
import type { DemoTables } from './demo-types.js';

type Row = Record<string, unknown>;
const OUTCOMES = ['REACHED', 'NO_ANSWER', 'VOICEMAIL', 'INTERESTED', 'CALLBACK_REQUESTED', 'APPOINTMENT_SET'];
const MESSAGES = [
  'Bonjour, le bien est-il toujours disponible ?',
  'Je vous envoie les photos et le diagnostic énergétique.',
  'Pouvons-nous décaler la visite à jeudi 18 h ?',
  'Merci pour la visite, nous réfléchissons à une offre.',
  'Votre dossier de financement est complet, merci.',
  "L'offre a été transmise au propriétaire.",
];

export interface ActivityInput {
  type: string;
  at: Date;
  agent: string;
  contact: Row;
  dossierId: string;
  rnd: F.Rnd;
  subject: string;
  dueAt?: Date;
}

export function addActivity(t: DemoTables, orgId: string, a: ActivityInput) {
  const id = randomUUID();
  const direction = a.type === 'NOTE' || a.type === 'FOLLOW_UP' ? 'INTERNAL' : 'OUT';
  const outcome = a.type === 'CALL' ? F.pick(a.rnd, OUTCOMES) : a.type === 'VISIT' ? 'DONE' : null;
  const content = a.type === 'NOTE' ? 'Client motivé, financement en cours.' : null;
  t.activity.push({
    id,
    org_id: orgId,
    type: a.type,
    direction,
    subject: a.subject,
    content,
    outcome,
    occurred_at: a.at,
    author_id: a.agent,
    assignee_id: a.dueAt ? a.agent : null,
    contact_id: a.contact.id,
    dossier_id: a.dossierId,
    due_at: a.dueAt ?? null,
    created_at: a.at,
  });
  t.timeline_event.push({
    id: randomUUID(),
    org_id: orgId,
    dossier_id: a.dossierId,
    contact_id: a.contact.id,
    kind: a.type === 'NOTE' ? 'NOTE' : 'ACTIVITY',
    channel: timelineChannelOf(a.type),
    direction: timelineDirectionOf(direction),
    author_id: a.agent,
    title: a.subject,
    body: content,
    payload: {
      type: a.type,
      activityId: id,
      outcome,
      dueAt: a.dueAt?.toISOString() ?? null,
      correctsId: null,
    },
    occurred_at: a.at,
    source_key: `activity:${id}`,
  });
}

export function addMessage(t: DemoTables, orgId: string, m: Omit<ActivityInput, 'type' | 'subject'>) {
  const id = randomUUID();
  const direction = m.rnd() < 0.5 ? 'INBOUND' : 'OUTBOUND';
  const channel = F.pick(m.rnd, ['EMAIL', 'SMS', 'WHATSAPP']);
  const content = F.pick(m.rnd, MESSAGES);
  const status = direction === 'INBOUND' ? 'RECEIVED' : 'DELIVERED';
  t.message.push({
    id,
    org_id: orgId,
    dossier_id: m.dossierId,
    contact_id: m.contact.id,
    direction,
    channel,
    content,
    timestamp: m.at,
    delivery_status: status,
    author_id: direction === 'OUTBOUND' ? m.agent : null,
    version: 1,
    created_at: m.at,
    updated_at: m.at,
  });
  t.timeline_event.push({
    id: randomUUID(),
    org_id: orgId,
    dossier_id: m.dossierId,
    contact_id: m.contact.id,
    kind: 'MESSAGE',
    channel,
    direction,
    author_id: direction === 'OUTBOUND' ? m.agent : null,
    title: content.slice(0, 120),
    body: content,
    payload: { messageId: id, deliveryStatus: status },
    occurred_at: m.at,
    source_key: `message:${id}`,
  });
}
