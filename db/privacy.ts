import { recordAudit } from './audit.js';
import { Contact } from './entities/index.js';
import type { Em, TenantContext } from './orm.js';

const REDACTED = '[erased]';

/** Tables holding a contact's data, read for an export (F-6.5): table → rows of this contact. */
const CONTACT_TABLES = [
  'contact_role',
  'contact_assignment',
  'contact_consent',
  'account_contact',
  'dossier_party',
  'dossier',
  'activity',
  'message',
  'appointment',
  'timeline_event',
] as const;

/** Everything held about a contact, as JSON (data-subject access request). */
export async function exportContactData(em: Em, contactId: string) {
  const [contact] = await em.execute<Record<string, unknown>[]>('select * from contact where id = ?', [
    contactId,
  ]);
  const data: Record<string, unknown> = { contact };
  for (const table of CONTACT_TABLES)
    data[table] = await em.execute(`select * from "${table}" where contact_id = ? order by 1`, [contactId]);
  data.consentHistory = await em.execute(
    `select created_at, action, actor_id, actor_type, before_json, after_json from audit_event
      where (entity_type = 'ContactConsent' and entity_id = ?)
         or (entity_type = 'DossierConsent' and ? in (after_json->>'contactId', before_json->>'contactId'))
      order by seq`,
    [contactId, contactId],
  );
  return { exportedAt: new Date().toISOString(), ...data };
}

/**
 * Erases a contact on request: personal fields replaced, the content of their messages, activities
 * and timeline entries redacted, tags and consents' free text dropped; the contact stays (archived,
 * `erasedAt` set) so dossiers and figures keep their shape. The audit trail is not rewritten: its
 * rows are the accountability record and its hash chain must keep verifying.
 */
export async function eraseContact(em: Em, ctx: TenantContext, contactId: string, reason: string) {
  const contact = await em.findOneOrFail(Contact, { id: contactId });
  // Lets the append-only triggers admit the redaction, for this transaction only.
  await em.execute(`select set_config('app.gdpr_erase', 'on', true)`);
  const params = [REDACTED, contactId];
  const messages = await em.execute<{ id: string }[]>(
    `update message set content = ?, subject = case when subject is null then null else '[erased]' end,
       to_address = null, template = null where contact_id = ? returning id`,
    params,
  );
  const activities = await em.execute<{ id: string }[]>(
    `update activity set subject = case when subject is null then null else '[erased]' end,
       content = case when content is null then null else '[erased]' end where contact_id = ? returning id`,
    [contactId],
  );
  const events = await em.execute<{ id: string }[]>(
    `update timeline_event set title = ?, body = null where contact_id = ? and kind in ('MESSAGE', 'ACTIVITY', 'NOTE')
      returning id`,
    params,
  );
  await em.execute(`update contact_consent set proof = null, comment = null where contact_id = ?`, [
    contactId,
  ]);
  contact.firstName = 'Contact';
  contact.lastName = 'effacé';
  contact.email = `erased-${contact.id}@erased.invalid`;
  contact.phone = null;
  contact.tags = [];
  contact.status = 'archived';
  contact.erasedAt = new Date();
  await em.flush();
  const counts = { messages: messages.length, activities: activities.length, timelineEvents: events.length };
  await recordAudit(em, ctx, {
    entityType: 'Contact',
    entityId: contact.id,
    action: 'ERASE',
    // Only what was done, never the erased values.
    after: { reason, redacted: counts, erasedAt: contact.erasedAt.toISOString() },
  });
  return counts;
}
