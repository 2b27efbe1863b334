import { randomUUID } from 'node:crypto';
import { notifyEvent } from './notify.js';
import { TimelineEvent } from './entities/index.js';
import type { Em } from './orm.js';

export const ACTIVITY_DIRECTIONS = ['IN', 'OUT', 'INTERNAL'] as const;
export const MESSAGE_DIRECTIONS = ['INBOUND', 'OUTBOUND'] as const;
export const MESSAGE_CHANNELS = ['EMAIL', 'SMS', 'PHONE', 'WHATSAPP'] as const;
/** Types that are to-dos: they need a due date and stay open until completed. */
export const TASK_TYPES = new Set(['TASK', 'FOLLOW_UP']);

/** The channel an activity type went through, so one timeline filter covers activities and messages. */
const CHANNEL_OF_TYPE: Record<string, string> = {
  CALL: 'PHONE',
  EMAIL: 'EMAIL',
  SMS: 'SMS',
  WHATSAPP: 'WHATSAPP',
};
/** Timeline directions use the message vocabulary (INBOUND/OUTBOUND/INTERNAL) for both feeds. */
const TIMELINE_DIRECTION: Record<string, string> = { IN: 'INBOUND', OUT: 'OUTBOUND', INTERNAL: 'INTERNAL' };

export function timelineChannelOf(type: string): string | null {
  return CHANNEL_OF_TYPE[type] ?? null;
}
export function timelineDirectionOf(direction: string): string {
  return TIMELINE_DIRECTION[direction] ?? direction;
}

export interface TimelineWrite {
  orgId: string;
  dossierId: string | null;
  contactId: string | null;
  kind:
    | 'ACTIVITY'
    | 'NOTE'
    | 'MESSAGE'
    | 'MESSAGE_STATUS'
    | 'TASK_COMPLETED'
    | 'CONSENT'
    | 'APPOINTMENT'
    | 'PARTY'
    | 'MATCHING'
    | 'SHORTLIST';
  channel: string | null;
  direction: string | null;
  authorId: string | null;
  title: string;
  body: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  sourceKey: string;
}

/** Queues the timeline row in the caller's unit of work (guard facts and timers read it). */
export function addTimelineEvent(em: Em, w: TimelineWrite): void {
  em.create(TimelineEvent, { id: randomUUID(), ...w, title: w.title.slice(0, 300) });
}

/**
 * Whether the contact feature's table is there. Activities and messages were built alongside it,
 * so contact-related SQL checks first instead of failing on a database without it.
 */
export async function contactTablePresent(em: Em): Promise<boolean> {
  const rows = await em.execute<{ present: boolean }[]>(
    `select to_regclass('public.contact') is not null as present`,
  );
  return rows[0]?.present === true;
}

/** True when the contact exists in the organisation, or when there is no contact table to ask. */
export async function contactKnown(em: Em, orgId: string, contactId: string): Promise<boolean> {
  if (!(await contactTablePresent(em))) return true;
  const rows = await em.execute<unknown[]>(`select 1 from contact where id = ? and org_id = ?`, [
    contactId,
    orgId,
  ]);
  return rows.length > 0;
}

/**
 * Moves `contact.last_interaction_at` forward (never back). No version bump: logging a call must not
 * make an agent's open contact form stale.
 */
export async function touchContactInteraction(
  em: Em,
  orgId: string,
  contactId: string,
  at: Date,
): Promise<void> {
  const column = await em.execute<{ present: boolean }[]>(
    `select exists (select 1 from pg_attribute where attrelid = to_regclass('public.contact')
       and attname = 'last_interaction_at' and not attisdropped) as present`,
  );
  if (column[0]?.present !== true) return;
  await em.execute(
    `update contact set last_interaction_at = greatest(coalesce(last_interaction_at, ?::timestamptz), ?::timestamptz)
      where id = ? and org_id = ?`,
    [at.toISOString(), at.toISOString(), contactId, orgId],
  );
}

/** Organisations the daily reminder job visits (security-definer function: RLS hides them otherwise). */
export async function activeOrganizationIds(em: Em): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>('select app_active_organization_ids() as id');
  return rows.map((r) => r.id);
}

/**
 * Writes one TASK_OVERDUE notification per open overdue task of the organisation, at most once per
 * task and day: the reminder ledger's primary key decides, so reruns and races write nothing more.
 * A task is open while it has no completion and was not superseded by a correction.
 * Recipient: the task's assignee, else the dossier's assigned agent, else its author. Title: the
 * task's subject; body: its due time (ISO) — the UI phrases both in the reader's language.
 */
export async function remindOverdueTasks(em: Em, orgId: string, day: string, now: Date): Promise<number> {
  const rows = await em.execute<
    {
      activity_id: string;
      label: string;
      due_at: Date;
      dossier_id: string | null;
      contact_id: string | null;
      recipient_id: string;
    }[]
  >(
    `with overdue as (
       select a.id, a.org_id, coalesce(a.assignee_id, d.assigned_agent_id, a.author_id) as recipient_id,
              coalesce(a.subject, a.type) as label, a.due_at, a.dossier_id, a.contact_id, gen_random_uuid() as notification_id
         from activity a left join dossier d on d.id = a.dossier_id
        where a.org_id = ? and a.due_at is not null and a.due_at < ?::timestamptz
          and not exists (select 1 from activity_completion c where c.activity_id = a.id)
          and not exists (select 1 from activity x where x.corrects_id = a.id)
     ), marked as (
       insert into activity_reminder (org_id, activity_id, remind_on, recipient_id, notification_id, created_at)
       select org_id, id, ?::date, recipient_id, notification_id, now() from overdue
       on conflict do nothing
       returning activity_id, notification_id
     ), notified as (
       insert into notification (id, org_id, recipient_id, kind, title, body, entity_type, entity_id, read_at, created_at)
       select o.notification_id, o.org_id, o.recipient_id, 'TASK_OVERDUE', left(o.label, 255),
              to_char(o.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'Activity', o.id::text, null, now()
         from marked m join overdue o on o.id = m.activity_id
       returning entity_id
     )
     select o.id as activity_id, o.label, o.due_at, o.dossier_id, o.contact_id, o.recipient_id
       from notified n join overdue o on o.id::text = n.entity_id`,
    [orgId, now.toISOString(), day],
  );
  // The organisation's own rules for overdue tasks (e.g. a message to the contact, managers told).
  for (const r of rows)
    await notifyEvent(em, { orgId }, 'TASK_OVERDUE', {
      dossierId: r.dossier_id,
      contactId: r.contact_id,
      agentId: r.recipient_id,
      key: `task:${r.activity_id}:${day}`,
      extra: { 'task.subject': r.label, 'task.dueDate': new Date(r.due_at).toISOString().slice(0, 10) },
    });
  return rows.length;
}

/**
 * The reminder at a task's due time (workflows/task-reminder.ts): one TASK_DUE notification to its
 * assignee if the task is still open and due — not if it was completed, or moved (a correction
 * replaces it and has its own reminder). The reminder ledger's key (task, due day) makes a retried
 * activity write nothing more, and keeps the daily overdue job from telling the same thing that day.
 * Title: the task's subject; body: the due time (ISO), which the UI formats in the reader's locale.
 */
export async function remindDueTask(em: Em, orgId: string, activityId: string, now: Date): Promise<boolean> {
  const rows = await em.execute<
    {
      label: string;
      due_at: Date;
      dossier_id: string | null;
      contact_id: string | null;
      recipient_id: string;
    }[]
  >(
    `with due as (
       select a.id, a.org_id, coalesce(a.assignee_id, d.assigned_agent_id, a.author_id) as recipient_id,
              coalesce(a.subject, a.type) as label, a.due_at, a.dossier_id, a.contact_id, gen_random_uuid() as notification_id
         from activity a left join dossier d on d.id = a.dossier_id
        where a.org_id = ? and a.id = ? and a.due_at is not null
          -- a timer may fire a little before the database's clock says so
          and a.due_at <= ?::timestamptz + interval '1 minute'
          and not exists (select 1 from activity_completion c where c.activity_id = a.id)
          and not exists (select 1 from activity x where x.corrects_id = a.id)
     ), marked as (
       insert into activity_reminder (org_id, activity_id, remind_on, recipient_id, notification_id, created_at)
       select org_id, id, (due_at at time zone 'UTC')::date, recipient_id, notification_id, now() from due
       on conflict do nothing
       returning activity_id
     ), notified as (
       insert into notification (id, org_id, recipient_id, kind, title, body, entity_type, entity_id, read_at, created_at)
       select d.notification_id, d.org_id, d.recipient_id, 'TASK_DUE', left(d.label, 255),
              to_char(d.due_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'Activity', d.id::text, null, now()
         from marked m join due d on d.id = m.activity_id
       returning entity_id
     )
     select d.label, d.due_at, d.dossier_id, d.contact_id, d.recipient_id from notified n join due d on d.id::text = n.entity_id`,
    [orgId, activityId, now.toISOString()],
  );
  const r = rows[0];
  if (!r) return false;
  await notifyEvent(em, { orgId }, 'TASK_DUE', {
    dossierId: r.dossier_id,
    contactId: r.contact_id,
    agentId: r.recipient_id,
    key: `task-due:${activityId}`,
    extra: { 'task.subject': r.label, 'task.dueDate': new Date(r.due_at).toISOString().slice(0, 10) },
  });
  return true;
}
