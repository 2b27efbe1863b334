import { recordAudit } from '../../db/audit.js';
import { roleView, todayIso } from '../../db/contacts.js';
import { randomUUID } from 'node:crypto';
import { ContactRole, TimelineEvent, type IContact } from '../../db/entities/index.js';
import type { ContactRoleCode } from '../../db/entities/contact.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { failures } from '../failures.js';

const fail = failures('crm');

export interface RoleInput {
  role: ContactRoleCode;
  /** ISO date; defaults to today. */
  startDate?: string;
  endDate?: string | null;
}

/** Adds a role next to the others (roles are additive, F-4.3); one open holding per role. */
export async function addRole(em: Em, ctx: TenantContext, contact: IContact, input: RoleInput) {
  const startDate = input.startDate ?? todayIso();
  const endDate = input.endDate ?? null;
  if (endDate && endDate < startDate)
    throw fail.validation([{ field: 'endDate', message: 'must be on or after startDate' }]);
  if (!endDate) {
    const open = await em.findOne(ContactRole, {
      contactId: contact.id,
      role: input.role,
      endedAt: null,
      endDate: null,
    });
    if (open) {
      throw fail.conflict(`This contact already holds the role ${input.role}.`, {
        fieldErrors: [{ field: 'role', message: 'is already held' }],
        extra: { existingId: open.id },
      });
    }
  }
  const row = em.create(ContactRole, {
    orgId: ctx.orgId,
    contactId: contact.id,
    role: input.role,
    startDate,
    endDate,
    createdBy: ctx.userId ?? null,
  });
  await em.flush();
  const view = roleView(row);
  roleTimelineEvent(
    em,
    ctx,
    contact.id,
    `Role ${input.role} from ${startDate}`,
    { role: input.role, startDate, endDate },
    `role-add:${row.id}`,
  );
  await recordAudit(em, ctx, {
    entityType: 'Contact',
    entityId: contact.id,
    action: 'ROLE_ADD',
    after: { role: view },
  });
  return view;
}

/** Ends a role: the row stays as history with its end date and when it was ended. */
export async function endRole(
  em: Em,
  ctx: TenantContext,
  contactId: string,
  roleId: string,
  input: { endDate?: string; version?: number },
) {
  const row = await em.findOne(ContactRole, { id: roleId, contactId });
  if (!row) throw fail.notFound('Role');
  if (input.version !== undefined && row.version !== input.version) throw fail.staleVersion('This role');
  if (row.endedAt) throw fail.conflict('This role has already ended.');
  const endDate = input.endDate ?? todayIso();
  if (endDate < row.startDate)
    throw fail.validation([{ field: 'endDate', message: 'must be on or after the role start date' }]);
  const before = roleView(row);
  row.endDate = endDate;
  row.endedAt = new Date();
  await em.flush();
  const after = roleView(row);
  roleTimelineEvent(
    em,
    ctx,
    contactId,
    `Role ${row.role} ended on ${endDate}`,
    { role: row.role, endDate },
    `role-end:${row.id}`,
  );
  await recordAudit(em, ctx, {
    entityType: 'Contact',
    entityId: contactId,
    action: 'ROLE_END',
    before: { role: before },
    after: { role: after },
  });
  return after;
}

/** Role changes appear on the contact's timeline (F-5.3); flushed with the caller's transaction. */
function roleTimelineEvent(
  em: Em,
  ctx: TenantContext,
  contactId: string,
  title: string,
  payload: Record<string, unknown>,
  sourceKey: string,
) {
  em.create(TimelineEvent, {
    id: randomUUID(),
    orgId: ctx.orgId,
    contactId,
    kind: 'ROLE_CHANGE',
    authorId: ctx.userId ?? null,
    title,
    payload,
    occurredAt: new Date(),
    sourceKey,
  });
}
