import { randomUUID } from 'node:crypto';
import { formatCents } from '../definitions/coop/money.js';
import { consentFacts } from './consent.js';
import { addCoopEvent } from './coop-timeline.js';
import { Contact, CoopContribution, CoopMember } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

export type NoticeKind = 'CALL' | 'REMINDER' | 'LATE';

/** The member's channels in order of preference (F-10.7: WhatsApp first); the first consented one is used. */
const PREFERENCE = ['WHATSAPP', 'SMS', 'EMAIL'] as const;
/** Approved WhatsApp templates (notices are outside the 24-hour window by nature). */
export const NOTICE_TEMPLATES: Record<NoticeKind, string> = {
  CALL: 'coop_call_for_funds',
  REMINDER: 'coop_contribution_reminder',
  LATE: 'coop_contribution_late',
};

export type NoticeResult =
  { status: 'QUEUED'; messageId: string; channel: string } | { status: 'REFUSED'; reason: string };

function texts(kind: NoticeKind, name: string, seq: number, amount: string, due: string) {
  if (kind === 'CALL')
    return `Bonjour ${name}, appel de fonds n°${seq} : ${amount} à régler avant le ${due}.`;
  if (kind === 'REMINDER') return `Rappel ${name} : la cotisation n°${seq} de ${amount} est due le ${due}.`;
  return `${name}, la cotisation n°${seq} (${amount}, due le ${due}) est en retard ; des pénalités s'appliquent.`;
}

/**
 * Queues a notice about a due line (call for funds, reminder, late notice) through the outbox, on the
 * first channel the member's contact consented to — the sending activity checks consent again. One
 * message per line, kind and period (dedupe key); a refusal is recorded on the group timeline.
 */
export async function queueCycleNotice(
  em: Em,
  ctx: TenantContext,
  input: { contributionId: string; kind: NoticeKind; period?: number },
  available: ReadonlySet<string>,
): Promise<NoticeResult> {
  const c = await em.findOneOrFail(CoopContribution, { id: input.contributionId });
  const member = await em.findOneOrFail(CoopMember, { id: c.memberId });
  const key = `${c.id}:${input.kind}${input.period ? `:${input.period}` : ''}`;
  const event = { orgId: ctx.orgId, groupId: c.groupId, memberId: member.id, sourceKey: `notice:${key}` };
  const contact = member.contactId ? await em.findOne(Contact, { id: member.contactId }) : null;
  const consents = await consentFacts(em, contact?.id);
  const channel = PREFERENCE.find(
    (ch) =>
      available.has(ch) && consents[ch] === 'OPT_IN' && (ch === 'EMAIL' ? contact?.email : contact?.phone),
  );
  if (!contact || !channel) {
    const why = contact
      ? PREFERENCE.filter((ch) => available.has(ch))
          .map((ch) => `${ch}: ${consents[ch] ?? 'never asked'}`)
          .join(', ')
      : 'no contact';
    const reason = `no channel the member consented to (${why})`;
    await addCoopEvent(em, {
      ...event,
      kind: `NOTICE_${input.kind}`,
      title: `${member.displayName}: ${input.kind.toLowerCase()} notice for call #${c.seq} not sent — ${reason}`,
      payload: { contributionId: c.id, sent: false, reason },
    });
    return { status: 'REFUSED', reason };
  }
  const due = c.dueAt.toISOString().slice(0, 10);
  const amount = `${formatCents(c.amountDue + c.penaltyTotal - c.waivedAmount)} €`;
  const text = texts(input.kind, member.displayName, c.seq, amount, due);
  const dedupeKey = `coop:${key}`;
  await em.execute(
    `insert into message (id, org_id, dossier_id, contact_id, direction, channel, content, timestamp,
       delivery_status, to_address, subject, template, attempts, dedupe_key, version, created_at, updated_at)
     values (?, ?, null, ?, 'OUTBOUND', ?, ?, now(), 'PENDING', ?, ?, ?::jsonb, 0, ?, 1, now(), now())
     on conflict (org_id, dedupe_key) where dedupe_key is not null do nothing`,
    [
      randomUUID(),
      ctx.orgId,
      contact.id,
      channel,
      text,
      channel === 'EMAIL' ? contact.email : contact.phone,
      channel === 'EMAIL' ? `Cotisation n°${c.seq}` : null,
      channel === 'WHATSAPP'
        ? JSON.stringify({
            name: NOTICE_TEMPLATES[input.kind],
            language: 'fr',
            parameters: [member.displayName, String(c.seq), amount, due],
          })
        : null,
      dedupeKey,
    ],
  );
  const [row] = await em.execute<{ id: string; delivery_status: string }[]>(
    'select id, delivery_status from message where dedupe_key = ?',
    [dedupeKey],
  );
  if (row!.delivery_status === 'PENDING')
    await em.execute(
      `insert into message_outbox (message_id, org_id, created_at) values (?, ?, now()) on conflict do nothing`,
      [row!.id, ctx.orgId],
    );
  await addCoopEvent(em, {
    ...event,
    kind: `NOTICE_${input.kind}`,
    title: `${member.displayName}: ${input.kind.toLowerCase()} notice for call #${c.seq} sent by ${channel}`,
    payload: { contributionId: c.id, sent: true, channel, messageId: row!.id },
  });
  return { status: 'QUEUED', messageId: row!.id, channel };
}
