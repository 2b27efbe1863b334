import { activeCodes } from '../../db/dictionaries.js';
import type { DuplicatePolicy, ImportOutcome, ImportRowError, MappedRow } from '../../db/imports.js';
import { recordImportRow } from '../../db/imports.js';
import type { Em, TenantContext } from '../../db/orm.js';
import { rowErrors, tagsOf } from './contact-import-rules.js';
import { isDomainError } from '../domain-error.js';
import { createContact, updateContact } from './contact-lifecycle.js';
import { normalizePhone } from './contact-phone.js';

/**
 * The CSV import's plan and run for contacts (issue 19 item 5). A row whose email — else phone —
 * matches a contact (of the organisation, or an earlier line of the file) is a duplicate, handled
 * by the chosen policy: skip it, update that contact, or create anyway (refused when the email
 * matches: an email is unique per organisation). The dry run and the run share this plan.
 */
export type RowAction = 'create' | 'update' | 'skip' | 'error';

export interface PlannedRow {
  line: number;
  action: RowAction;
  errors: ImportRowError[];
  /** The contact it duplicates (for update/skip), or the earlier line of the file. */
  duplicateOf: { contactId?: string; line?: number; by: 'email' | 'phone' } | null;
  fields: {
    firstName: string;
    lastName: string;
    email: string;
    phone: string | null;
    source: string | null;
    tags: string[];
  };
}

interface Known {
  sources: Set<string>;
  tags: Set<string>;
  /** email (lower) / E.164 phone → contact id or earlier line. */
  byEmail: Map<string, { contactId?: string; line?: number; version?: number }>;
  byPhone: Map<string, { contactId?: string; line?: number; version?: number }>;
}

/** Dictionaries and the contacts the rows could duplicate, in three queries for a whole batch. */
async function lookups(em: Em, orgId: string, rows: MappedRow[]): Promise<Known> {
  const emails = [
    ...new Set(rows.map((r) => r.values.email?.toLowerCase()).filter((e): e is string => Boolean(e))),
  ];
  const phones = [
    ...new Set(
      rows
        .map((r) => (r.values.phone ? normalizePhone(r.values.phone) : undefined))
        .flatMap((p) => (p?.ok ? [p.e164] : [])),
    ),
  ];
  const existing = await em.execute<{ id: string; email: string; phone: string | null; version: number }[]>(
    `select id, lower(email) as email, phone, version from contact
      where org_id = ? and (lower(email) in (select jsonb_array_elements_text(?::jsonb))
                           or phone in (select jsonb_array_elements_text(?::jsonb)))`,
    [orgId, JSON.stringify(emails), JSON.stringify(phones)],
  );
  const known: Known = {
    sources: await activeCodes(em, 'LEAD_SOURCE'),
    tags: await activeCodes(em, 'TAG'),
    byEmail: new Map(),
    byPhone: new Map(),
  };
  for (const c of existing) {
    known.byEmail.set(c.email, { contactId: c.id, version: c.version });
    if (c.phone) known.byPhone.set(c.phone, { contactId: c.id, version: c.version });
  }
  return known;
}

function planRow(row: MappedRow, known: Known, onDuplicate: DuplicatePolicy): PlannedRow {
  const v = row.values;
  const phone = v.phone ? normalizePhone(v.phone) : undefined;
  const errors = rowErrors(v, known, phone);
  const fields = {
    firstName: v.firstName ?? '',
    lastName: v.lastName ?? '',
    email: v.email ?? '',
    phone: phone?.ok ? phone.e164 : null,
    source: v.source ?? null,
    tags: tagsOf(v.tags),
  };
  const email = fields.email.toLowerCase();
  const byEmail = email ? known.byEmail.get(email) : undefined;
  const byPhone = fields.phone ? known.byPhone.get(fields.phone) : undefined;
  const match = byEmail
    ? { ...byEmail, by: 'email' as const }
    : byPhone
      ? { ...byPhone, by: 'phone' as const }
      : null;
  const duplicateOf = match ? { contactId: match.contactId, line: match.line, by: match.by } : null;
  if (errors.length) return { line: row.line, action: 'error', errors, duplicateOf, fields };
  let action: RowAction = 'create';
  if (match && onDuplicate === 'skip') action = 'skip';
  else if (match && onDuplicate === 'update') action = 'update';
  else if (match?.by === 'email') {
    errors.push({ field: 'email', code: 'ALREADY_USED', message: 'is already used by another contact' });
    action = 'error';
  }
  // Later lines of the file see this one: as a new contact, or as the contact it duplicates.
  if (action !== 'error') {
    const seen = { line: row.line, contactId: match?.contactId, version: match?.version };
    if (email && !known.byEmail.has(email)) known.byEmail.set(email, seen);
    if (fields.phone && !known.byPhone.has(fields.phone)) known.byPhone.set(fields.phone, seen);
  }
  return { line: row.line, action, errors, duplicateOf, fields };
}

/** The dry run: what each row would do, nothing written. */
export async function planContactImport(
  em: Em,
  orgId: string,
  rows: MappedRow[],
  onDuplicate: DuplicatePolicy,
) {
  const known = await lookups(em, orgId, rows);
  return rows.map((r) => planRow(r, known, onDuplicate));
}

const OUTCOME: Record<RowAction, ImportOutcome> = {
  create: 'CREATED',
  update: 'UPDATED',
  skip: 'SKIPPED',
  error: 'ERROR',
};

/**
 * One batch of the run, in the caller's transaction: each pending row planned against the database
 * as it is now (earlier batches are in it), applied through the same service as POST /contacts (its
 * rules, audit, notifications), and its outcome recorded so a retried batch does not redo it.
 */
export async function applyContactImportBatch(
  em: Em,
  ctx: TenantContext & { userId: string },
  jobId: string,
  rows: MappedRow[],
  onDuplicate: DuplicatePolicy,
): Promise<number> {
  const known = await lookups(em, ctx.orgId, rows);
  for (const row of rows) {
    const plan = planRow(row, known, onDuplicate);
    let recordId: string | null = plan.duplicateOf?.contactId ?? null;
    try {
      if (plan.action === 'create') {
        const created = await createContact(em, ctx, {
          ...plan.fields,
          source: plan.fields.source,
          phone: plan.fields.phone,
        });
        recordId = created.id;
        known.byEmail.set(plan.fields.email.toLowerCase(), {
          contactId: created.id,
          version: created.version,
        });
      } else if (plan.action === 'update' && plan.duplicateOf) {
        const target = plan.duplicateOf.contactId
          ? (known.byEmail.get(plan.fields.email.toLowerCase()) ??
            (plan.fields.phone ? known.byPhone.get(plan.fields.phone) : undefined))
          : undefined;
        if (target?.contactId) {
          // The email is how it matched (or another contact's): it stays; empty cells change nothing.
          const changes = Object.fromEntries(
            Object.entries({
              firstName: plan.fields.firstName,
              lastName: plan.fields.lastName,
              phone: plan.fields.phone ?? undefined,
              source: plan.fields.source ?? undefined,
              tags: plan.fields.tags.length ? plan.fields.tags : undefined,
            }).filter(([, v]) => v !== undefined),
          );
          const updated = await updateContact(em, ctx, target.contactId, target.version ?? 1, changes);
          recordId = updated.id;
          target.version = updated.version;
        }
      }
    } catch (err) {
      // A rule the plan could not see (e.g. the contact changed meanwhile) refuses this row only;
      // a database error still fails the batch, which is retried whole.
      if (!isDomainError(err)) throw err;
      plan.action = 'error';
      plan.errors.push(
        ...(err.fieldErrors.length
          ? err.fieldErrors.map((e) => ({
              field: e.field,
              code: e.code ?? err.code,
              message: e.message,
              params: e.params,
            }))
          : [{ field: '(row)', code: err.code, message: err.detail, params: err.params }]),
      );
    }
    await recordImportRow(em, {
      orgId: ctx.orgId,
      jobId,
      line: row.line,
      outcome: OUTCOME[plan.action],
      recordId,
      errors: plan.errors.length ? plan.errors : null,
    });
  }
  return rows.length;
}
