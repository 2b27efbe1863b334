import { randomUUID } from 'node:crypto';
import { formatCents } from '../definitions/coop/money.js';
import { consentFacts } from './consent.js';
import { addCoopEvent } from './coop-timeline.js';
import { Contact, CoopContribution, CoopMember, type ICoopMember } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

export type CycleNoticeKind = 'CALL' | 'REMINDER' | 'LATE';
export type NoticeKind = CycleNoticeKind | 'ALLOCATION' | 'MILESTONE';

/** The member's channels in order of preference (F-10.7: WhatsApp first); the first consented one is used. */
const PREFERENCE = ['WHATSAPP', 'SMS', 'EMAIL'] as const;
/** Approved WhatsApp templates (notices are outside the 24-hour window by nature). */
export const NOTICE_TEMPLATES: Record<NoticeKind, string> = {
  CALL: 'coop_call_for_funds',
  REMINDER: 'coop_contribution_reminder',
  LATE: 'coop_contribution_late',
  ALLOCATION: 'coop_lot_allocated',
  MILESTONE: 'coop_project_milestone',
};

export type NoticeResult =
  { status: 'QUEUED'; messageId: string; channel: string } | { status: 'REFUSED'; reason: string };

interface MemberNotice {
  kind: NoticeKind;
  /** One message per key in the organisation (a retried activity or request queues nothing new). */
  key: string;
  text: string;
  subject: string;
  /** The WhatsApp template's parameters, in order. */
  parameters: string[];
  /** What the timeline says about it ("call #2", "lot B12"). */
  about: string;
  payload: Record<string, unknown>;
}

/**
 * Queues a notice to one member through the outbox, on the first channel their contact consented to
 * (the sending activity checks consent again). Sent or refused, it goes on the group timeline with why.
 * The caller starts the delivery after its commit; the outbox sweep covers a crash in between.
 */
export async function queueMemberNotice(
  em: Em,
  ctx: TenantContext,
  member: ICoopMember,
  notice: MemberNotice,
  available: ReadonlySet<string>,
): Promise<NoticeResult> {
  const event = {
    orgId: ctx.orgId,
    groupId: member.groupId,
    memberId: member.id,
    kind: `NOTICE_${notice.kind}`,
    sourceKey: `notice:${notice.key}`,
  };
  const label = notice.kind.toLowerCase();
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
      title: `${member.displayName}: ${label} notice for ${notice.about} not sent — ${reason}`,
      payload: { ...notice.payload, sent: false, reason },
    });
    return { status: 'REFUSED', reason };
  }
  const dedupeKey = `coop:${notice.key}`;
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
      notice.text,
      channel === 'EMAIL' ? contact.email : contact.phone,
      channel === 'EMAIL' ? notice.subject : null,
      channel === 'WHATSAPP'
        ? JSON.stringify({
            name: NOTICE_TEMPLATES[notice.kind],
            language: 'fr',
            parameters: notice.parameters,
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
    title: `${member.displayName}: ${label} notice for ${notice.about} sent by ${channel}`,
    payload: { ...notice.payload, sent: true, channel, messageId: row!.id },
  });
  return { status: 'QUEUED', messageId: row!.id, channel };
}

function cycleText(kind: NoticeKind, name: string, seq: number, amount: string, due: string) {
  if (kind === 'CALL')
    return `Bonjour ${name}, appel de fonds n°${seq} : ${amount} à régler avant le ${due}.`;
  if (kind === 'REMINDER') return `Rappel ${name} : la cotisation n°${seq} de ${amount} est due le ${due}.`;
  return `${name}, la cotisation n°${seq} (${amount}, due le ${due}) est en retard ; des pénalités s'appliquent.`;
}

/** A notice about a due line (call for funds, reminder, late notice): one per line, kind and period. */
export async function queueCycleNotice(
  em: Em,
  ctx: TenantContext,
  input: { contributionId: string; kind: CycleNoticeKind; period?: number },
  available: ReadonlySet<string>,
): Promise<NoticeResult> {
  const c = await em.findOneOrFail(CoopContribution, { id: input.contributionId });
  const member = await em.findOneOrFail(CoopMember, { id: c.memberId });
  const due = c.dueAt.toISOString().slice(0, 10);
  const amount = `${formatCents(c.amountDue + c.penaltyTotal - c.waivedAmount)} €`;
  return queueMemberNotice(
    em,
    ctx,
    member,
    {
      kind: input.kind,
      key: `${c.id}:${input.kind}${input.period ? `:${input.period}` : ''}`,
      text: cycleText(input.kind, member.displayName, c.seq, amount, due),
      subject: `Cotisation n°${c.seq}`,
      parameters: [member.displayName, String(c.seq), amount, due],
      about: `call #${c.seq}`,
      payload: { contributionId: c.id },
    },
    available,
  );
}

/** Tells a member which lot an approved allocation gives them (one notice per run and member). */
export async function queueAllocationNotice(
  em: Em,
  ctx: TenantContext,
  input: { runId: string; member: ICoopMember; lotId: string; lotCode: string; projectName: string },
  available: ReadonlySet<string>,
): Promise<NoticeResult> {
  const { member, lotCode, projectName } = input;
  return queueMemberNotice(
    em,
    ctx,
    member,
    {
      kind: 'ALLOCATION',
      key: `${input.runId}:${member.id}:ALLOCATION`,
      text: `Bonjour ${member.displayName}, le lot ${lotCode} du projet ${projectName} vous est attribué (attribution approuvée).`,
      subject: `Attribution du lot ${lotCode}`,
      parameters: [member.displayName, lotCode, projectName],
      about: `lot ${lotCode}`,
      payload: { runId: input.runId, lotId: input.lotId, lotCode },
    },
    available,
  );
}

/** Tells every member who follows the project (ACTIVE or awaiting KYC) that a milestone is reached. */
export async function queueMilestoneNotices(
  em: Em,
  ctx: TenantContext,
  input: {
    groupId: string;
    projectId: string;
    projectName: string;
    milestone: { code: string; label: string };
  },
  available: ReadonlySet<string>,
): Promise<NoticeResult[]> {
  const members = await em.find(
    CoopMember,
    { groupId: input.groupId, status: { $in: ['ACTIVE', 'PENDING_KYC'] } },
    { orderBy: { fifoRank: 'asc' } },
  );
  const results: NoticeResult[] = [];
  for (const member of members)
    results.push(
      await queueMemberNotice(
        em,
        ctx,
        member,
        {
          kind: 'MILESTONE',
          key: `${input.projectId}:${input.milestone.code}:${member.id}:MILESTONE`,
          text: `Bonjour ${member.displayName}, le projet ${input.projectName} a franchi une étape : ${input.milestone.label}.`,
          subject: `${input.projectName} : ${input.milestone.label}`,
          parameters: [member.displayName, input.projectName, input.milestone.label],
          about: `milestone ${input.milestone.label}`,
          payload: {
            projectId: input.projectId,
            milestone: input.milestone.code,
            milestoneLabel: input.milestone.label,
          },
        },
        available,
      ),
    );
  return results;
}
