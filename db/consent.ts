import { recordAudit } from './audit.js';
import { addTimelineEvent } from './activities.js';
import {
  CONSENT_CHANNELS,
  ContactConsent,
  type ConsentChannel,
  type ConsentStatus,
  type IContactConsent,
} from './entities/consent.js';
import type { Em, TenantContext } from './orm.js';

export { CONSENT_CHANNELS, type ConsentChannel, type ConsentStatus };

export type ConsentRefusalReason = 'NEVER_CONSENTED' | 'OPTED_OUT';

/**
 * The consent gate refused a send (F-6.2). Named and non-retryable: retrying cannot make a person
 * consent. The API answers 422 `consent-required`; a workflow records it on the timeline.
 */
export class ConsentRequiredError extends Error {
  override name = 'ConsentRequiredError';
  constructor(
    readonly channel: ConsentChannel,
    readonly reason: ConsentRefusalReason,
    readonly decidedAt: Date | null,
    readonly decidedBy: string | null,
  ) {
    super(consentRefusalText(channel, reason, decidedAt, decidedBy));
  }
}

export function consentRefusalText(
  channel: string,
  reason: ConsentRefusalReason,
  decidedAt: Date | null,
  decidedBy: string | null,
): string {
  if (reason === 'NEVER_CONSENTED') return `The contact never consented to ${channel} messages.`;
  const when = decidedAt ? ` on ${decidedAt.toISOString().slice(0, 10)}` : '';
  const who = decidedBy ? ` by ${decidedBy}` : ' (recorded by the system)';
  return `The contact opted out of ${channel} messages${when}${who}.`;
}

export function consentView(c: IContactConsent, actorName: string | null = null) {
  return {
    channel: c.channel,
    status: c.status as ConsentStatus,
    source: c.source,
    proof: c.proof ?? null,
    comment: c.comment ?? null,
    decidedAt: c.decidedAt.toISOString(),
    decidedBy: c.actorId ?? null,
    decidedByName: actorName,
  };
}

async function actorName(em: Em, userId: string | null | undefined): Promise<string | null> {
  if (!userId) return null;
  const rows = await em.execute<{ full_name: string }[]>('select full_name from app_user where id = ?', [
    userId,
  ]);
  return rows[0]?.full_name ?? null;
}

/** Current consent per channel; channels never decided come back as null. */
export async function currentConsents(em: Em, contactId: string) {
  const rows = await em.find(ContactConsent, { contactId });
  const out: Record<ConsentChannel, ReturnType<typeof consentView> | null> = {
    EMAIL: null,
    SMS: null,
    WHATSAPP: null,
    PHONE: null,
  };
  for (const r of rows) out[r.channel as ConsentChannel] = consentView(r, await actorName(em, r.actorId));
  return out;
}

export interface ConsentChoice {
  status: ConsentStatus;
  source: string;
  proof?: string | null;
  comment?: string | null;
}

/**
 * Records a choice (replacing the current one) in the caller's transaction: audited with before and
 * after, and put on the contact's timeline. Recording the same choice again changes nothing.
 */
export async function recordConsent(
  em: Em,
  ctx: TenantContext,
  contactId: string,
  channel: ConsentChannel,
  choice: ConsentChoice,
) {
  const existing = await em.findOne(ContactConsent, { contactId, channel });
  const before = existing ? consentView(existing) : null;
  const unchanged =
    existing &&
    existing.status === choice.status &&
    existing.source === choice.source &&
    (existing.proof ?? null) === (choice.proof ?? null) &&
    (existing.comment ?? null) === (choice.comment ?? null);
  if (existing && unchanged) return consentView(existing, await actorName(em, existing.actorId));
  const now = new Date();
  const row =
    existing ??
    em.create(ContactConsent, {
      orgId: ctx.orgId,
      contactId,
      channel,
      status: choice.status,
      source: choice.source,
      decidedAt: now,
      createdBy: ctx.userId ?? null,
    });
  row.status = choice.status;
  row.source = choice.source;
  row.proof = choice.proof ?? null;
  row.comment = choice.comment ?? null;
  row.actorId = ctx.userId ?? null;
  row.decidedAt = now;
  await em.flush();
  const after = consentView(row);
  await recordAudit(em, ctx, {
    entityType: 'ContactConsent',
    entityId: contactId,
    action: existing ? 'UPDATE' : 'CREATE',
    before,
    after,
  });
  addTimelineEvent(em, {
    orgId: ctx.orgId,
    dossierId: null,
    contactId,
    kind: 'CONSENT',
    channel,
    direction: null,
    authorId: ctx.userId ?? null,
    title: `${channel} ${choice.status === 'OPT_IN' ? 'opt-in' : 'opt-out'}`,
    body: choice.comment ?? null,
    payload: { status: choice.status, source: choice.source, proof: choice.proof ?? null },
    occurredAt: now,
    sourceKey: `consent:${row.id}:${now.getTime()}`,
  });
  await em.flush();
  return consentView(row, await actorName(em, row.actorId));
}

/**
 * The one consent gate every outbound path calls at the moment of sending (F-6.2): throws
 * ConsentRequiredError unless the contact's current choice for the channel is OPT_IN.
 */
export async function assertConsent(em: Em, contactId: string, channel: ConsentChannel): Promise<void> {
  const consent = await em.findOne(ContactConsent, { contactId, channel }, { refresh: true });
  if (consent?.status === 'OPT_IN') return;
  if (!consent) throw new ConsentRequiredError(channel, 'NEVER_CONSENTED', null, null);
  throw new ConsentRequiredError(
    channel,
    'OPTED_OUT',
    consent.decidedAt,
    (await actorName(em, consent.actorId)) ?? null,
  );
}

/** Guard facts: the contact's current choice per channel (null when never decided). */
export async function consentFacts(em: Em, contactId: string | null | undefined) {
  const facts: Record<string, ConsentStatus | null> = Object.fromEntries(
    CONSENT_CHANNELS.map((c) => [c, null]),
  );
  if (!contactId) return facts;
  for (const r of await em.find(ContactConsent, { contactId })) facts[r.channel] = r.status as ConsentStatus;
  return facts;
}
