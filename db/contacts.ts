import type {
  IAccount,
  IAccountContact,
  IContact,
  IContactAssignment,
  IContactRole,
} from './entities/index.js';
import { randomUUID } from 'node:crypto';
import { ContactAssignment, TimelineEvent } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

/** The contact as the API returns it (lists and detail). */
export function contactView(c: IContact) {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone ?? null,
    status: c.status,
    source: c.source ?? null,
    tags: c.tags ?? [],
    assignedAgentId: c.assignedAgentId ?? null,
    lastInteractionAt: c.lastInteractionAt ? c.lastInteractionAt.toISOString() : null,
    convertedAt: c.convertedAt ? c.convertedAt.toISOString() : null,
    mergedIntoId: c.mergedIntoId ?? null,
    score: c.score ?? null,
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    createdBy: c.createdBy ?? null,
  };
}
export type ContactView = ReturnType<typeof contactView>;

/** A role is active once started, until ended or past its end date. */
export function isRoleActive(r: Pick<IContactRole, 'startDate' | 'endDate' | 'endedAt'>, today: string) {
  return !r.endedAt && r.startDate <= today && (!r.endDate || r.endDate >= today);
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function roleView(r: IContactRole, today = todayIso()) {
  return {
    id: r.id,
    role: r.role,
    startDate: r.startDate,
    endDate: r.endDate ?? null,
    endedAt: r.endedAt ? r.endedAt.toISOString() : null,
    active: isRoleActive(r, today),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy ?? null,
  };
}

export function assignmentView(a: IContactAssignment) {
  return {
    id: a.id,
    fromAgentId: a.fromAgentId ?? null,
    toAgentId: a.toAgentId ?? null,
    actorId: a.actorId ?? null,
    at: a.at.toISOString(),
  };
}

export function accountContactView(l: IAccountContact) {
  return {
    contactId: l.contactId,
    isPrimary: l.isPrimary,
    isBilling: l.isBilling,
    isShipping: l.isShipping,
    isDecisionMaker: l.isDecisionMaker,
    version: l.version,
  };
}

export function accountView(a: IAccount, links: IAccountContact[]) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    type: a.type,
    city: a.city ?? null,
    country: a.country ?? null,
    primaryContactId: links.find((l) => l.isPrimary)?.contactId ?? null,
    convertedAt: a.convertedAt ? a.convertedAt.toISOString() : null,
    contacts: links.map(accountContactView),
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    createdBy: a.createdBy ?? null,
  };
}
export type AccountView = ReturnType<typeof accountView>;

/**
 * Moves `last_interaction_at` forward (never back) for activities and messages. It deliberately
 * leaves `version` alone: an interaction is not an edit and must not make an open form stale.
 */
export async function touchLastInteraction(em: Em, contactId: string, at: Date): Promise<void> {
  await em.execute(
    `update contact set last_interaction_at = greatest(coalesce(last_interaction_at, ?::timestamptz), ?::timestamptz)
     where id = ?`,
    [at, at, contactId],
  );
}

/** Whether `table` exists with a `column`: lets contacts reach tables other modules may not have yet. */
export async function tableHasColumn(em: Em, table: string, column: string): Promise<boolean> {
  const rows = await em.execute<{ found: boolean }[]>(
    `select exists (select 1 from pg_attribute
       where attrelid = to_regclass(?) and attname = ? and not attisdropped) as found`,
    [table, column],
  );
  return rows[0]?.found === true;
}

/**
 * One change of a contact's assigned agent: the append-only assignment history (F-4.2) and the
 * contact's timeline (F-5.3). Persisted with the caller's next flush.
 */
export function recordContactAssignment(
  em: Em,
  ctx: TenantContext,
  contactId: string,
  from: string | null,
  to: string | null,
  reason?: string,
) {
  const id = randomUUID();
  const at = new Date();
  em.create(ContactAssignment, {
    id,
    orgId: ctx.orgId,
    contactId,
    fromAgentId: from,
    toAgentId: to,
    actorId: ctx.userId ?? null,
    at,
  });
  em.create(TimelineEvent, {
    id: randomUUID(),
    orgId: ctx.orgId,
    contactId,
    kind: 'ASSIGNMENT',
    authorId: ctx.userId ?? null,
    title: to ? 'Contact assigned' : 'Contact unassigned',
    payload: { fromAgentId: from, toAgentId: to, ...(reason ? { reason } : {}) },
    occurredAt: at,
    sourceKey: `assignment:${id}`,
  });
}
