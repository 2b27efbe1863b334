import { randomUUID } from 'node:crypto';
import { appointmentEvent, isOpenAppointment } from '../db/appointments.js';
import { consentFacts } from '../db/consent.js';
import { Appointment, Contact, Notification } from '../db/entities/index.js';
import { withTenant, type Em, type Orm } from '../db/orm.js';
import { claimForSending, markFailed, markSent } from '../db/outbound.js';
import {
  PermanentChannelError,
  type ChannelSource,
  type Channels,
  type OutboundMessage,
} from './channels/index.js';

export interface ReminderRequest {
  orgId: string;
  appointmentId: string;
  offset: string;
  /** The start the reminder announces: a reschedule since then makes it stale. */
  startAt: string;
}

export interface ReminderResult {
  status: 'SENT' | 'SKIPPED' | 'REFUSED' | 'FAILED';
  channel?: string;
  reason?: string;
}

/** The contact's channels in order of preference; the first consented one with an address is used. */
const PREFERENCE = ['WHATSAPP', 'SMS', 'EMAIL'] as const;
/** Approved WhatsApp template of reminders (a reminder is outside the 24-hour window by nature). */
export const REMINDER_TEMPLATE = 'appointment_reminder';

function when(startAt: Date, timeZone: string) {
  const date = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full' }).format(startAt);
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, timeStyle: 'short' }).format(startAt);
  return { date, time };
}

async function timeZoneOf(em: Em, orgId: string): Promise<string> {
  const rows = await em.execute<{ tz: string | null }[]>(
    `select settings->>'timeZone' as tz from organization where id = ?`,
    [orgId],
  );
  return rows[0]?.tz ?? 'Europe/Paris';
}

/**
 * Appointment reminders (F-7.2): at send time the appointment must still be open and at the announced
 * start, and the contact must have consented on the channel; the agent gets an in-app notification.
 * Each reminder is one message (dedupe key), so a retried activity never sends it twice.
 */
export function createAppointmentActivities({
  orm,
  channels: source,
}: {
  orm: Orm;
  channels: ChannelSource;
}) {
  return {
    async sendAppointmentReminder(req: ReminderRequest): Promise<ReminderResult> {
      const dedupeKey = `reminder:${req.appointmentId}:${req.offset}:${req.startAt}`;
      let channels: Channels = {};
      const prepared = await withTenant(orm, { orgId: req.orgId }, async (em) => {
        channels = await source.forOrg(em, req.orgId);
        const a = await em.findOne(Appointment, { id: req.appointmentId });
        if (
          !a ||
          !isOpenAppointment(a.status) ||
          a.startAt.toISOString() !== req.startAt ||
          a.startAt <= new Date()
        )
          return { skip: 'the appointment is no longer open at that time' } as const;
        const tz = await timeZoneOf(em, req.orgId);
        const { date, time } = when(a.startAt, tz);
        const text = `Rappel : ${a.title} le ${date} à ${time}${a.place ? `, ${a.place}` : ''}.`;
        const exists = await em.execute<{ id: string }[]>(
          'select id from notification where entity_id = ? and kind = ? and title = ?',
          [a.id, 'APPOINTMENT_REMINDER', `${a.title} — ${req.offset}`],
        );
        if (!exists.length)
          em.create(Notification, {
            orgId: req.orgId,
            recipientId: a.agentId,
            kind: 'APPOINTMENT_REMINDER',
            title: `${a.title} — ${req.offset}`,
            body: text,
            entityType: 'Appointment',
            entityId: a.id,
          });
        if (!a.contactId) {
          await em.flush();
          return { skip: 'no contact' } as const;
        }
        const contact = await em.findOneOrFail(Contact, { id: a.contactId });
        const consents = await consentFacts(em, contact.id, a.dossierId ?? null);
        const channel = PREFERENCE.find(
          (c) => consents[c] === 'OPT_IN' && channels[c] && (c === 'EMAIL' ? contact.email : contact.phone),
        );
        if (!channel) {
          const why = PREFERENCE.filter((c) => channels[c])
            .map((c) => `${c}: ${consents[c] ?? 'never asked'}`)
            .join(', ');
          const reason = `no channel the contact consented to (${why})`;
          appointmentEvent(em, a, `Reminder not sent: ${reason}`, null, {
            code: 'REMINDER_NOT_SENT',
            reason: 'NO_CONSENTED_CHANNEL',
          });
          await em.flush();
          return { refused: reason } as const;
        }
        // One message per reminder and start: a retry finds it instead of creating another.
        await em.execute(
          `insert into message (id, org_id, dossier_id, contact_id, direction, channel, content, timestamp,
             delivery_status, to_address, subject, template, attempts, dedupe_key, version, created_at, updated_at)
           values (?, ?, ?, ?, 'OUTBOUND', ?, ?, now(), 'PENDING', ?, ?, ?::jsonb, 0, ?, 1, now(), now())
           on conflict (org_id, dedupe_key) where dedupe_key is not null do nothing`,
          [
            randomUUID(),
            req.orgId,
            a.dossierId ?? null,
            contact.id,
            channel,
            text,
            channel === 'EMAIL' ? contact.email : contact.phone,
            channel === 'EMAIL' ? `Rappel : ${a.title}` : null,
            channel === 'WHATSAPP'
              ? JSON.stringify({ name: REMINDER_TEMPLATE, language: 'fr', parameters: [a.title, date, time] })
              : null,
            dedupeKey,
          ],
        );
        await em.flush();
        const [row] = await em.execute<{ id: string }[]>('select id from message where dedupe_key = ?', [
          dedupeKey,
        ]);
        return { messageId: row!.id, channel } as const;
      });
      if ('skip' in prepared) return { status: 'SKIPPED', reason: prepared.skip };
      if ('refused' in prepared) return { status: 'REFUSED', reason: prepared.refused };
      const claim = await withTenant(orm, { orgId: req.orgId }, (em) =>
        claimForSending(em, prepared.messageId, new Date()),
      );
      if (claim.kind === 'final')
        return { status: claim.status === 'FAILED' ? 'FAILED' : 'SENT', channel: prepared.channel };
      if (claim.kind === 'refused')
        return { status: 'REFUSED', channel: prepared.channel, reason: claim.reason };
      const m = claim.message;
      try {
        const channel = channels[prepared.channel];
        if (!channel)
          throw new PermanentChannelError(`the ${prepared.channel} channel is no longer configured`);
        const { providerId } = await channel.send({
          id: m.id,
          channel: m.channel as OutboundMessage['channel'],
          to: m.toAddress ?? '',
          subject: m.subject ?? null,
          content: m.content,
          template: m.template ?? null,
        });
        await withTenant(orm, { orgId: req.orgId }, (em) => markSent(em, m.id, providerId));
        return { status: 'SENT', channel: prepared.channel };
      } catch (err) {
        if (!(err instanceof PermanentChannelError)) throw err; // transient: the activity retries
        await withTenant(orm, { orgId: req.orgId }, (em) => markFailed(em, m.id, err.message));
        return { status: 'FAILED', channel: prepared.channel, reason: err.message };
      }
    },
  };
}

export type AppointmentActivities = ReturnType<typeof createAppointmentActivities>;
