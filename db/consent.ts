import { QueryOrder } from '@mikro-orm/core';
import { recordAudit } from './audit.js';
import { addTimelineEvent } from './activities.js';
import { AuditEvent } from './entities/index.js';
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
/** CONTACT: the person's general choice; DOSSIER: their choice for messages about one dossier. */
export type ConsentScope = 'CONTACT' | 'DOSSIER';

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
    readonly scope: ConsentScope = 'CONTACT',
  ) {
    super(consentRefusalText(channel, reason, decidedAt, decidedBy, scope));
  }
}

export function consentRefusalText(
  channel: string,
  reason: ConsentRefusalReason,
  decidedAt: Date | null,
  decidedBy: string | null,
  scope: ConsentScope = 'CONTACT',
): string {
  if (reason === 'NEVER_CONSENTED') return `The contact never consented to ${channel} messages.`;
  const when = decidedAt ? ` on ${decidedAt.toISOString().slice(0, 10)}` : '';
  const who = decidedBy ? ` by ${decidedBy}` : ' (recorded by the system)';
  const about = scope === 'DOSSIER' ? ' about this dossier' : '';
  return `The contact opted out of ${channel} messages${about}${when}${who}.`;
}

export function consentView(c: IContactConsent, actorName: string | null = null) {
  return {
    channel: c.channel,
    scope: (c.dossierId ? 'DOSSIER' : 'CONTACT') as ConsentScope,
    contactId: c.contactId,
    dossierId: c.dossierId ?? null,
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

/** Current general consent per channel; channels never decided come back as null. */
export async function currentConsents(em: Em, contactId: string) {
  const rows = await em.find(ContactConsent, { contactId, dossierId: null });
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
  dossierId: string | null = null,
) {
  const existing = await em.findOne(ContactConsent, { contactId, channel, dossierId });
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
      dossierId,
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
    ...consentAuditKey(contactId, dossierId),
    action: existing ? 'UPDATE' : 'CREATE',
    before,
    after,
  });
  addTimelineEvent(em, {
    orgId: ctx.orgId,
    dossierId,
    contactId,
    kind: 'CONSENT',
    channel,
    direction: null,
    authorId: ctx.userId ?? null,
    title: `${channel} ${choice.status === 'OPT_IN' ? 'opt-in' : 'opt-out'}${dossierId ? ' (this dossier)' : ''}`,
    body: choice.comment ?? null,
    payload: {
      status: choice.status,
      source: choice.source,
      proof: choice.proof ?? null,
      dossierOnly: dossierId !== null,
    },
    occurredAt: now,
    sourceKey: `consent:${row.id}:${now.getTime()}`,
  });
  await em.flush();
  return consentView(row, await actorName(em, row.actorId));
}

/** Every consent change under a contact (general choices) or a dossier (its own), newest first. */
export async function consentHistory(em: Em, scope: ConsentScope, id: string) {
  const events = await em.find(
    AuditEvent,
    { entityType: scope === 'DOSSIER' ? 'DossierConsent' : 'ContactConsent', entityId: id },
    // Rows not yet sealed (no seq, about a second after commit) are the newest.
    {
      orderBy: [
        { seq: QueryOrder.DESC_NULLS_FIRST },
        { createdAt: QueryOrder.DESC },
        { id: QueryOrder.DESC },
      ],
    },
  );
  return events.map((e) => ({
    at: e.createdAt.toISOString(),
    actorId: e.actorId ?? null,
    actorType: e.actorType,
    before: e.beforeJson ?? null,
    after: e.afterJson ?? null,
  }));
}

/** General choices are audited under the contact, dossier-scoped ones under the dossier. */
function consentAuditKey(contactId: string, dossierId: string | null) {
  return dossierId
    ? { entityType: 'DossierConsent', entityId: dossierId }
    : { entityType: 'ContactConsent', entityId: contactId };
}

/**
 * Removes a dossier-scoped choice: messages about the dossier follow the person's general choice
 * again. Audited and on the timeline; returns false when there was nothing to remove.
 */
export async function clearDossierConsent(
  em: Em,
  ctx: TenantContext,
  contactId: string,
  channel: ConsentChannel,
  dossierId: string,
): Promise<boolean> {
  const existing = await em.findOne(ContactConsent, { contactId, channel, dossierId });
  if (!existing) return false;
  const before = consentView(existing);
  em.remove(existing);
  await em.flush();
  await recordAudit(em, ctx, {
    ...consentAuditKey(contactId, dossierId),
    action: 'DELETE',
    before,
    after: null,
  });
  const now = new Date();
  addTimelineEvent(em, {
    orgId: ctx.orgId,
    dossierId,
    contactId,
    kind: 'CONSENT',
    channel,
    direction: null,
    authorId: ctx.userId ?? null,
    title: `${channel} dossier choice removed — the general choice applies`,
    body: null,
    payload: { status: null, removed: before.status },
    occurredAt: now,
    sourceKey: `consent:${existing.id}:removed:${now.getTime()}`,
  });
  await em.flush();
  return true;
}

export interface EffectiveConsent {
  status: ConsentStatus | null;
  /** Which choice decided: the dossier's, the person's general one, or none (never asked). */
  scope: ConsentScope | null;
  decision: IContactConsent | null;
}

/**
 * What applies to a message about `dossierId` (or to no dossier): a dossier opt-out always blocks
 * there; a dossier opt-in allows unless the person opted out generally *after* it (an inbound STOP
 * must silence everything); without a dossier choice the general one applies. Pure, so testable.
 */
export function resolveConsent(
  general: IContactConsent | null,
  forDossier: IContactConsent | null,
): EffectiveConsent {
  if (forDossier) {
    if (
      forDossier.status === 'OPT_IN' &&
      general?.status === 'OPT_OUT' &&
      general.decidedAt.getTime() > forDossier.decidedAt.getTime()
    )
      return { status: 'OPT_OUT', scope: 'CONTACT', decision: general };
    return { status: forDossier.status as ConsentStatus, scope: 'DOSSIER', decision: forDossier };
  }
  if (general) return { status: general.status as ConsentStatus, scope: 'CONTACT', decision: general };
  return { status: null, scope: null, decision: null };
}

async function effectiveConsents(em: Em, contactId: string, dossierId: string | null | undefined) {
  const rows = await em.find(
    ContactConsent,
    dossierId ? { contactId, $or: [{ dossierId: null }, { dossierId }] } : { contactId, dossierId: null },
    { refresh: true },
  );
  return Object.fromEntries(
    CONSENT_CHANNELS.map((channel) => [
      channel,
      resolveConsent(
        rows.find((r) => r.channel === channel && !r.dossierId) ?? null,
        rows.find((r) => r.channel === channel && r.dossierId) ?? null,
      ),
    ]),
  ) as Record<ConsentChannel, EffectiveConsent>;
}

/**
 * The one consent gate every outbound path calls at the moment of sending (F-6.2): throws
 * ConsentRequiredError unless the choice that applies (see resolveConsent) is OPT_IN.
 */
export async function assertConsent(
  em: Em,
  contactId: string,
  channel: ConsentChannel,
  dossierId: string | null = null,
): Promise<void> {
  const { status, scope, decision } = (await effectiveConsents(em, contactId, dossierId))[channel];
  if (status === 'OPT_IN') return;
  if (!decision) throw new ConsentRequiredError(channel, 'NEVER_CONSENTED', null, null);
  throw new ConsentRequiredError(
    channel,
    'OPTED_OUT',
    decision.decidedAt,
    (await actorName(em, decision.actorId)) ?? null,
    scope ?? 'CONTACT',
  );
}

/** Guard facts: the choice that applies per channel (null when never decided). */
export async function consentFacts(em: Em, contactId: string | null | undefined, dossierId?: string | null) {
  const facts: Record<string, ConsentStatus | null> = Object.fromEntries(
    CONSENT_CHANNELS.map((c) => [c, null]),
  );
  if (!contactId) return facts;
  const effective = await effectiveConsents(em, contactId, dossierId);
  for (const c of CONSENT_CHANNELS) facts[c] = effective[c].status;
  return facts;
}

/** A dossier's consent card: per channel what applies, the dossier's own choice and the general one. */
export async function dossierConsents(em: Em, contactId: string, dossierId: string) {
  const effective = await effectiveConsents(em, contactId, dossierId);
  const general = await currentConsents(em, contactId);
  const out: Record<string, unknown> = {};
  for (const c of CONSENT_CHANNELS) {
    const e = effective[c];
    const own = e.decision?.dossierId ? e.decision : await ownDossierChoice(em, contactId, c, dossierId);
    out[c] = {
      status: e.status,
      scope: e.scope,
      dossier: own ? consentView(own, await actorName(em, own.actorId)) : null,
      contact: general[c],
    };
  }
  return { contactId, channels: out };
}

async function ownDossierChoice(em: Em, contactId: string, channel: ConsentChannel, dossierId: string) {
  return em.findOne(ContactConsent, { contactId, channel, dossierId });
}
