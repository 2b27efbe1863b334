import { recordAudit } from '../../db/audit.js';
import { notifyEvent } from '../../db/notify.js';
import { contactView, recordContactAssignment, tableHasColumn, type ContactView } from '../../db/contacts.js';
import {
  AccountContact,
  Contact,
  ContactAssignment,
  ContactRole,
  type IContact,
} from '../../db/entities/index.js';
import type { ContactRoleCode } from '../../db/entities/contact.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { assertEmailFree, checkContactFields, type ContactFields } from './contact-fields.js';
import { addRole } from './contact-roles.js';
import { failures } from '../failures.js';

const fail = failures('crm');

export type NewContact = ContactFields & { firstName: string; lastName: string; email: string };

export async function loadContact(em: Em, id: string): Promise<IContact> {
  const contact = await em.findOne(Contact, { id });
  if (!contact) throw fail.notFound('Contact');
  return contact;
}

export async function createContact(em: Em, ctx: TenantContext, input: NewContact): Promise<ContactView> {
  const fields = (await checkContactFields(em, input)) as NewContact;
  await assertEmailFree(em, ctx.orgId, fields.email);
  const contact = em.create(Contact, {
    orgId: ctx.orgId,
    firstName: fields.firstName,
    lastName: fields.lastName,
    email: fields.email,
    phone: fields.phone ?? null,
    status: 'lead',
    source: fields.source ?? null,
    tags: fields.tags ?? [],
    assignedAgentId: fields.assignedAgentId ?? null,
    createdBy: ctx.userId ?? null,
  });
  // Scalar FKs: the contact row must exist before its assignment history row.
  await em.flush();
  if (contact.assignedAgentId) recordContactAssignment(em, ctx, contact.id, null, contact.assignedAgentId);
  await em.flush();
  await notifyEvent(em, ctx, 'NEW_LEAD', { contactId: contact.id, key: contact.id });
  const view = contactView(contact);
  await recordAudit(em, ctx, { entityType: 'Contact', entityId: contact.id, action: 'CREATE', after: view });
  return view;
}

export async function updateContact(
  em: Em,
  ctx: TenantContext,
  id: string,
  version: number,
  changes: ContactFields,
): Promise<ContactView> {
  const contact = await loadContact(em, id);
  if (contact.version !== version) throw fail.staleVersion('This contact');
  const fields = await checkContactFields(em, changes);
  if (fields.email !== undefined) await assertEmailFree(em, ctx.orgId, fields.email, id);
  const before = contactView(contact);
  const previousAgent = contact.assignedAgentId ?? null;
  em.assign(contact, fields);
  await em.flush();
  if (fields.assignedAgentId !== undefined && (fields.assignedAgentId ?? null) !== previousAgent) {
    recordContactAssignment(em, ctx, id, previousAgent, fields.assignedAgentId ?? null);
    await em.flush();
    if (fields.assignedAgentId)
      await notifyEvent(em, ctx, 'LEAD_ASSIGNED', {
        contactId: id,
        agentId: fields.assignedAgentId,
        key: `assign:${id}:${contact.version}`,
      });
  }
  const after = contactView(contact);
  await recordAudit(em, ctx, { entityType: 'Contact', entityId: id, action: 'UPDATE', before, after });
  return after;
}

/**
 * Lead → active client (F-4.4): nothing is copied, the same row keeps its dossiers, activities and
 * roles; the conversion date is recorded and the optional role is added. Also the follow-up call a
 * WON deal offers (F-3.4).
 */
export async function convertContact(
  em: Em,
  ctx: TenantContext,
  id: string,
  input: { version?: number; role?: ContactRoleCode },
): Promise<ContactView> {
  const contact = await loadContact(em, id);
  if (input.version !== undefined && contact.version !== input.version)
    throw fail.staleVersion('This contact');
  if (contact.status !== 'lead')
    throw fail.conflict(`Only a lead can be converted; this contact is ${contact.status}.`);
  const before = contactView(contact);
  contact.status = 'active_client';
  contact.convertedAt = new Date();
  await em.flush();
  // A role the lead already holds stays as it is; conversion does not fail over it.
  const held = input.role
    ? await em.findOne(ContactRole, { contactId: id, role: input.role, endedAt: null, endDate: null })
    : null;
  if (input.role && !held) await addRole(em, ctx, contact, { role: input.role });
  const after = contactView(contact);
  await recordAudit(em, ctx, { entityType: 'Contact', entityId: id, action: 'CONVERT', before, after });
  return after;
}

export async function archiveContact(
  em: Em,
  ctx: TenantContext,
  id: string,
  version?: number,
): Promise<ContactView> {
  const contact = await loadContact(em, id);
  if (version !== undefined && contact.version !== version) throw fail.staleVersion('This contact');
  if (contact.status === 'archived') throw fail.conflict('This contact is already archived.');
  const before = contactView(contact);
  contact.status = 'archived';
  await em.flush();
  const after = contactView(contact);
  await recordAudit(em, ctx, { entityType: 'Contact', entityId: id, action: 'ARCHIVE', before, after });
  return after;
}

const RECENT_DAYS = 90;

/** Why a contact may not be deleted (open dossiers, recent activity), or an empty list. */
export async function deletionBlockers(em: Em, orgId: string, id: string): Promise<string[]> {
  const reasons: string[] = [];
  const [open] = await em.execute<{ n: number }[]>(
    'select count(*)::int as n from dossier where org_id = ? and contact_id = ? and closed_at is null',
    [orgId, id],
  );
  if (open && open.n > 0) reasons.push(`${open.n} open dossier(s)`);
  const since = new Date(Date.now() - RECENT_DAYS * 86_400_000);
  const [events] = await em.execute<{ n: number }[]>(
    // Interactions only: an assignment or a role change is bookkeeping, not activity with the person.
    `select count(*)::int as n from timeline_event where org_id = ? and contact_id = ? and occurred_at >= ?
        and kind in ('ACTIVITY', 'MESSAGE', 'NOTE', 'APPOINTMENT', 'TASK_COMPLETED')`,
    [orgId, id, since],
  );
  let recent = events?.n ?? 0;
  // The activity table belongs to another module and may not exist yet.
  if (
    (await tableHasColumn(em, 'activity', 'contact_id')) &&
    (await tableHasColumn(em, 'activity', 'occurred_at'))
  ) {
    const [acts] = await em.execute<{ n: number }[]>(
      'select count(*)::int as n from activity where org_id = ? and contact_id = ? and occurred_at >= ?',
      [orgId, id, since],
    );
    recent += acts?.n ?? 0;
  }
  if (recent > 0) reasons.push(`activity in the last ${RECENT_DAYS} days`);
  return reasons;
}

export async function deleteContact(em: Em, ctx: TenantContext, id: string): Promise<void> {
  const contact = await loadContact(em, id);
  const reasons = await deletionBlockers(em, ctx.orgId, id);
  if (reasons.length) {
    throw fail.conflict(
      `This contact cannot be deleted: it has ${reasons.join(' and ')}. Archive it instead.`,
      { extra: { reasons } },
    );
  }
  const before = contactView(contact);
  // Its own history rows go with it; the audit trail keeps the record of the deletion.
  await em.nativeDelete(ContactRole, { contactId: id });
  await em.nativeDelete(ContactAssignment, { contactId: id });
  await em.nativeDelete(AccountContact, { contactId: id });
  await em.execute('update contact set merged_into_id = null where org_id = ? and merged_into_id = ?', [
    ctx.orgId,
    id,
  ]);
  em.remove(contact);
  await em.flush();
  await recordAudit(em, ctx, { entityType: 'Contact', entityId: id, action: 'DELETE', before });
}
