import { activeCodes } from '../../db/dictionaries.js';
import { User } from '../../db/entities/index.js';
import type { Em } from '../../db/orm.js';
import { normalizePhone } from './contact-phone.js';
import { invalidInput } from '../tenant-references.js';
import { failures } from '../failures.js';
import type { DomainFieldError } from '../domain-error.js';

const fail = failures('crm');

/** The editable fields of a contact, as the API accepts them. */
export interface ContactFields {
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string | null;
  source?: string | null;
  tags?: string[];
  assignedAgentId?: string | null;
}

/**
 * Normalises and checks every given field against the tenant's dictionaries and users, collecting
 * all field errors at once so the form can show them inline.
 */
export async function checkContactFields(em: Em, input: ContactFields): Promise<ContactFields> {
  const out: ContactFields = { ...input };
  const errors: DomainFieldError[] = [];
  for (const field of ['firstName', 'lastName', 'email'] as const) {
    const value = input[field];
    if (value === undefined) continue;
    out[field] = value.trim();
    if (!out[field]) errors.push({ field, message: 'is required' });
  }
  if (input.phone !== undefined && input.phone !== null) {
    if (!input.phone.trim()) out.phone = null;
    else {
      const phone = normalizePhone(input.phone);
      if (phone.ok) out.phone = phone.e164;
      else errors.push({ field: 'phone', message: phone.message });
    }
  }
  if (input.source) {
    if (!(await activeCodes(em, 'LEAD_SOURCE')).has(input.source))
      errors.push({ field: 'source', message: `unknown LEAD_SOURCE code ${input.source}` });
  }
  if (input.tags) {
    const known = await activeCodes(em, 'TAG');
    const unknown = input.tags.filter((t) => !known.has(t));
    if (unknown.length) errors.push({ field: 'tags', message: `unknown TAG code(s): ${unknown.join(', ')}` });
    out.tags = [...new Set(input.tags)];
  }
  if (input.assignedAgentId) {
    const agent = await em.findOne(User, { id: input.assignedAgentId, isActive: true });
    if (!agent)
      errors.push({
        field: 'assignedAgentId',
        message: 'is not an active user of this organisation',
        code: 'UNKNOWN_USER',
      });
  }
  if (errors.length) throw invalidInput(errors);
  return out;
}

/** 409 naming the contact that already uses this email (case-insensitive, per organisation). */
export async function assertEmailFree(
  em: Em,
  orgId: string,
  email: string,
  exceptId?: string,
): Promise<void> {
  // Same expression as the unique index contact_org_id_email_unique, so the index answers.
  const [existing] = await em.execute<{ id: string; first_name: string; last_name: string }[]>(
    `select id, first_name, last_name from contact
      where org_id = ? and lower(email) = lower(?) and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')
      limit 1`,
    [orgId, email, exceptId ?? null],
  );
  if (existing) {
    throw fail.conflict(
      `A contact with email ${email} already exists: ${existing.first_name} ${existing.last_name}.`,
      {
        fieldErrors: [
          { field: 'email', message: 'is already used by another contact', code: 'ALREADY_USED' },
        ],
        extra: { existingId: existing.id },
        code: 'CONTACT_EMAIL_TAKEN',
        params: { email, name: `${existing.first_name} ${existing.last_name}` },
      },
    );
  }
}
