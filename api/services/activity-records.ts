import { randomUUID } from 'node:crypto';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import {
  addTimelineEvent,
  contactKnown,
  TASK_TYPES,
  timelineChannelOf,
  timelineDirectionOf,
  touchContactInteraction,
} from '../../db/activities.js';
import { recordAudit } from '../../db/audit.js';
import { activeCodes } from '../../db/dictionaries.js';
import { Activity, ActivityCompletion, Dossier, Message, User } from '../../db/entities/index.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { recomputeDossierScore } from '../../db/scoring.js';
import { problems, type FieldError, type HttpProblem } from '../problem.js';
import { findActivity, type ActivityView } from './activity-queries.js';
import { messageView, type MessageView } from './activity-timeline.js';
import { invalidInput, referenceNotFound } from '../lib/tenant-references.js';

/** A signed-in user acting in their organisation. */
export type Actor = TenantContext & { userId: string };

export interface ActivityInput {
  type: string;
  direction?: 'IN' | 'OUT' | 'INTERNAL';
  subject?: string | null;
  content?: string | null;
  outcome?: string | null;
  occurredAt?: string;
  contactId?: string | null;
  dossierId?: string | null;
  dueAt?: string | null;
  assigneeId?: string | null;
  correctsId?: string | null;
  /** "Follow up in 3 days": a TASK or FOLLOW_UP logged with this activity, due then (seed 001 US3.1). */
  nextAction?: {
    dueAt: string;
    type?: 'TASK' | 'FOLLOW_UP';
    subject?: string | null;
    assigneeId?: string | null;
  };
}

/** A foreign or unknown dossier is 404, as if it did not exist (API conventions). */
async function requireDossier(em: Em, id: string) {
  const dossier = await em.findOne(Dossier, { id });
  if (!dossier) throw problems.notFound('Dossier');
  return dossier;
}

async function requireContact(em: Em, orgId: string, id: string): Promise<void> {
  if (!(await contactKnown(em, orgId, id))) throw problems.notFound('Contact');
}

/**
 * Logs an activity with its timeline event and audit record in the caller's transaction. A
 * correction inherits the corrected activity's dossier and contact unless it names its own.
 */
export async function createActivity(
  em: Em,
  actor: Actor,
  input: ActivityInput,
): Promise<ActivityView & { nextActionId?: string }> {
  const errors: FieldError[] = [];
  if (!(await activeCodes(em, 'ACTIVITY_TYPE')).has(input.type))
    errors.push({ field: 'type', message: `unknown ACTIVITY_TYPE code ${input.type}` });
  if (input.outcome && !(await activeCodes(em, 'ACTIVITY_OUTCOME')).has(input.outcome))
    errors.push({ field: 'outcome', message: `unknown ACTIVITY_OUTCOME code ${input.outcome}` });
  if (TASK_TYPES.has(input.type) && !input.dueAt)
    errors.push({ field: 'dueAt', message: `is required for ${input.type}` });
  const corrected = input.correctsId ? await em.findOne(Activity, { id: input.correctsId }) : null;
  if (input.correctsId && !corrected) errors.push(referenceNotFound('correctsId', 'activity'));
  if (input.assigneeId && !(await em.count(User, { id: input.assigneeId, isActive: true })))
    errors.push({
      field: 'assigneeId',
      message: 'no such active user in this organisation',
      code: 'UNKNOWN_USER',
    });
  let dossierId = input.dossierId ?? corrected?.dossierId ?? null;
  let contactId = input.contactId ?? corrected?.contactId ?? null;
  if (!dossierId && !contactId)
    errors.push({ field: 'dossierId', message: 'an activity concerns a dossier, a contact or both' });
  if (errors.length) throw invalidInput(errors);

  if (dossierId) {
    const dossier = await requireDossier(em, dossierId);
    dossierId = dossier.id;
    contactId ??= dossier.contactId ?? null;
  }
  if (contactId && input.contactId) await requireContact(em, actor.orgId, contactId);

  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : new Date();
  const activity = em.create(Activity, {
    id: randomUUID(),
    orgId: actor.orgId,
    type: input.type,
    direction: input.direction ?? 'INTERNAL',
    subject: input.subject ?? null,
    content: input.content ?? null,
    outcome: input.outcome ?? null,
    occurredAt,
    authorId: actor.userId,
    assigneeId: input.assigneeId ?? null,
    contactId,
    dossierId,
    dueAt: input.dueAt ? new Date(input.dueAt) : null,
    correctsId: input.correctsId ?? null,
  });
  addTimelineEvent(em, {
    orgId: actor.orgId,
    dossierId,
    contactId,
    kind: input.type === 'NOTE' ? 'NOTE' : 'ACTIVITY',
    channel: timelineChannelOf(input.type),
    direction: timelineDirectionOf(activity.direction),
    authorId: actor.userId,
    title: input.subject ?? input.type,
    body: input.content ?? null,
    payload: {
      type: input.type,
      activityId: activity.id,
      outcome: activity.outcome ?? null,
      dueAt: activity.dueAt?.toISOString() ?? null,
      correctsId: activity.correctsId ?? null,
    },
    occurredAt,
    sourceKey: `activity:${activity.id}`,
  });
  await em.flush();
  if (contactId) await touchContactInteraction(em, actor.orgId, contactId, occurredAt);
  // Activity counts are facts the score reads.
  if (dossierId) await recomputeDossierScore(em, actor.orgId, dossierId, new Date());
  const view = (await findActivity(em, actor.orgId, activity.id))!;
  await recordAudit(em, actor, {
    entityType: 'Activity',
    entityId: activity.id,
    action: 'CREATE',
    after: { ...view },
  });
  if (!input.nextAction) return view;
  const next = await createActivity(em, actor, {
    type: input.nextAction.type ?? 'FOLLOW_UP',
    subject: input.nextAction.subject ?? `Follow-up: ${input.subject ?? input.type}`,
    dueAt: input.nextAction.dueAt,
    assigneeId: input.nextAction.assigneeId ?? input.assigneeId ?? null,
    dossierId,
    contactId,
  });
  return { ...view, nextActionId: next.id };
}

export interface CompletionInput {
  outcome?: string | null;
  note?: string | null;
  completedAt?: string;
}

/** Completes a task or next action once: a completion row + timeline event; the task is not edited. */
export async function completeActivity(
  em: Em,
  actor: Actor,
  id: string,
  input: CompletionInput,
): Promise<ActivityView> {
  const activity = await em.findOne(Activity, { id });
  if (!activity) throw problems.notFound('Activity');
  if (!activity.dueAt && !TASK_TYPES.has(activity.type)) {
    throw problems.unprocessable(
      'activity-not-completable',
      'Not a task',
      'Only tasks and activities with a next-action date can be completed.',
    );
  }
  if (input.outcome && !(await activeCodes(em, 'ACTIVITY_OUTCOME')).has(input.outcome))
    throw problems.validation([
      { field: 'outcome', message: `unknown ACTIVITY_OUTCOME code ${input.outcome}` },
    ]);
  const done = await em.findOne(ActivityCompletion, { activityId: id });
  if (done) throw alreadyCompleted(done.completedAt);

  const completedAt = input.completedAt ? new Date(input.completedAt) : new Date();
  em.create(ActivityCompletion, {
    orgId: actor.orgId,
    activityId: id,
    completedBy: actor.userId,
    completedAt,
    outcome: input.outcome ?? null,
    note: input.note ?? null,
  });
  addTimelineEvent(em, {
    orgId: actor.orgId,
    dossierId: activity.dossierId ?? null,
    contactId: activity.contactId ?? null,
    kind: 'TASK_COMPLETED',
    channel: null,
    direction: null,
    authorId: actor.userId,
    title: activity.subject ?? activity.type,
    body: input.note ?? null,
    payload: { type: activity.type, activityId: id, outcome: input.outcome ?? null },
    occurredAt: completedAt,
    sourceKey: `activity-completion:${id}`,
  });
  try {
    await em.flush();
  } catch (err) {
    // A concurrent completion won the unique (org_id, activity_id) race.
    if (err instanceof UniqueConstraintViolationException) throw alreadyCompleted(completedAt);
    throw err;
  }
  const view = (await findActivity(em, actor.orgId, id))!;
  await recordAudit(em, actor, {
    entityType: 'Activity',
    entityId: id,
    action: 'COMPLETE',
    after: { ...view },
  });
  return view;
}

function alreadyCompleted(at: Date): HttpProblem {
  return problems.conflict('This task is already completed.', { completedAt: at.toISOString() });
}

export interface MessageInput {
  direction: 'INBOUND' | 'OUTBOUND';
  channel: 'EMAIL' | 'SMS' | 'PHONE' | 'WHATSAPP';
  content: string;
  timestamp?: string;
  contactId?: string | null;
  deliveryStatus?: string;
  providerId?: string | null;
}

/** Records a message on a dossier (no sending yet) with its timeline event, audit and contact touch. */
export async function recordMessage(
  em: Em,
  actor: Actor,
  dossierId: string,
  input: MessageInput,
): Promise<MessageView> {
  const dossier = await requireDossier(em, dossierId);
  if (input.contactId) await requireContact(em, actor.orgId, input.contactId);
  const contactId = input.contactId ?? dossier.contactId ?? null;
  const timestamp = input.timestamp ? new Date(input.timestamp) : new Date();
  const message = em.create(Message, {
    id: randomUUID(),
    orgId: actor.orgId,
    dossierId,
    contactId,
    direction: input.direction,
    channel: input.channel,
    content: input.content,
    timestamp,
    deliveryStatus: input.deliveryStatus ?? (input.direction === 'INBOUND' ? 'RECEIVED' : 'SENT'),
    providerId: input.providerId ?? null,
    authorId: actor.userId,
  });
  // payload has neither `type` nor `status`: guard facts then count messages per channel.
  addTimelineEvent(em, {
    orgId: actor.orgId,
    dossierId,
    contactId,
    kind: 'MESSAGE',
    channel: input.channel,
    direction: input.direction,
    authorId: actor.userId,
    title: input.content.slice(0, 120),
    body: input.content,
    payload: { messageId: message.id, deliveryStatus: message.deliveryStatus },
    occurredAt: timestamp,
    sourceKey: `message:${message.id}`,
  });
  await em.flush();
  if (contactId) await touchContactInteraction(em, actor.orgId, contactId, timestamp);
  await recomputeDossierScore(em, actor.orgId, dossierId, new Date());
  const view = messageView({
    id: message.id,
    dossier_id: dossierId,
    contact_id: contactId,
    direction: message.direction,
    channel: message.channel,
    content: message.content,
    timestamp,
    delivery_status: message.deliveryStatus,
    delivery_status_at: null,
    provider_id: message.providerId ?? null,
    author_id: actor.userId,
    created_at: message.createdAt,
    cursor_at: '',
  });
  await recordAudit(em, actor, {
    entityType: 'Message',
    entityId: message.id,
    action: 'CREATE',
    after: { ...view },
  });
  return view;
}
